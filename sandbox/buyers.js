// @ts-check
'use strict';
/**
 * How TA's ThriveCart integration finds or creates the buyer: by email; a new one gets login = the email
 * without the characters WordPress disallows, role subscriber, display name "First Last" or the email's
 * local part, and a generated password.
 */
const { findUserByEmail, generatePassword, insertUser, sanitizeUser } = require('./wordpress');

/**
 * @param {import('./store').Store} store
 * @param {{ email: string, firstName?: string, lastName?: string }} buyer
 * @returns {{ user: import('./store').User, password: string } | { error: import('./wordpress').InsertError }}
 *   `password` is empty for an existing user
 */
function findOrCreateBuyer(store, buyer) {
	const email = buyer.email.trim();
	const existing = findUserByEmail(store.state, email);
	if (existing) return { user: existing, password: '' };
	const firstName = (buyer.firstName || '').trim();
	const lastName = (buyer.lastName || '').trim();
	const password = generatePassword();
	const displayName = `${firstName} ${lastName}`.trim() || email.slice(0, email.indexOf('@'));
	const result = insertUser(store, { login: sanitizeUser(email, true), email, password, firstName, lastName, displayName });
	return 'error' in result ? result : { user: result.user, password };
}

module.exports = { findOrCreateBuyer };
