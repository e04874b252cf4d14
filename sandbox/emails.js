// @ts-check
'use strict';
/** Emails the site would send, recorded instead of sent. */
const crypto = require('crypto');
const { mysqlDate } = require('./store');

/** @typedef {import('./store').User} User */

/**
 * @param {import('./store').Store} store
 * @param {Omit<import('./store').Email, 'id' | 'at'>} email
 */
function record(store, email) {
	const entry = { id: store.nextId('email'), ...email, at: mysqlDate() };
	store.state.emails.push(entry);
	return entry;
}

/**
 * TA's "New Account Created" email for the ThriveCart trigger: like the real one, it carries the
 * generated password in plain text. WordPress also tells the admin about the registration.
 * @param {import('./store').Store} store
 * @param {User} user
 * @param {string} password
 * @param {string} siteUrl
 */
function sendThriveCartWelcome(store, user, password, siteUrl) {
	const site = store.state.siteName;
	const greeting = user.firstName || user.displayName;
	record(store, {
		to: user.email,
		subject: `Your account on ${site} has been created`,
		kind: 'new-account',
		body: [
			`Hi ${greeting},`,
			'',
			`An account has been created for you on ${site}.`,
			'',
			`Username: ${user.login}`,
			`Password: ${password}`,
			'',
			`Log in here: ${siteUrl}/wp-login.php`,
		].join('\n'),
	});
	sendAdminNotice(store, user);
}

/**
 * WordPress's "New User Registration" notice to the site admin.
 * @param {import('./store').Store} store
 * @param {User} user
 */
function sendAdminNotice(store, user) {
	const site = store.state.siteName;
	const admin = store.state.users.find((u) => u.roles.includes('administrator'));
	if (!admin) return;
	record(store, {
		to: admin.email,
		subject: `[${site}] New User Registration`,
		kind: 'admin-new-user',
		body: [`New user registration on your site ${site}:`, '', `Username: ${user.login}`, '', `Email: ${user.email}`].join('\n'),
	});
}

/**
 * TA's new-account email for the WordPress trigger (`POST tva/v1/customer` with `notify: 1`): a link to
 * set the password, no password.
 * @param {import('./store').Store} store
 * @param {User} user
 * @param {string} siteUrl
 */
function sendWordPressWelcome(store, user, siteUrl) {
	const site = store.state.siteName;
	const key = crypto.randomBytes(10).toString('hex');
	record(store, {
		to: user.email,
		subject: `Welcome to ${site}`,
		kind: 'new-account',
		body: [
			`Hi ${user.displayName},`,
			'',
			`An account has been created for you on ${site}.`,
			'',
			`Username: ${user.login}`,
			'',
			`To set your password, visit: ${siteUrl}/wp-login.php?action=rp&key=${key}&login=${encodeURIComponent(user.login)}`,
		].join('\n'),
	});
}

module.exports = { sendThriveCartWelcome, sendWordPressWelcome, sendAdminNotice };
