// @ts-check
'use strict';
/**
 * WordPress core rules the sandbox needs: `is_email`, `sanitize_user`, `validate_username`, user look-up,
 * `wp_insert_user`'s checks and capabilities. Pure functions over the store's state.
 */
const crypto = require('crypto');
const { mysqlDate, hashPassword } = require('./store');

/** @typedef {import('./store').State} State */
/** @typedef {import('./store').User} User */

/**
 * WordPress's `is_email()`.
 * @param {unknown} value
 */
function isEmail(value) {
	if (typeof value !== 'string') return false;
	if (value.length < 6) return false;
	const at = value.indexOf('@', 1);
	if (at === -1 || value.indexOf('@', at + 1) !== -1) return false;
	const local = value.slice(0, at);
	const domain = value.slice(at + 1);
	if (!/^[a-zA-Z0-9!#$%&'*+/=?^_`{|}~.-]+$/.test(local)) return false;
	if (domain.includes('..')) return false;
	const trimmed = domain.replace(/^[\s.-]+|[\s.-]+$/g, '');
	if (trimmed !== domain) return false;
	const subs = domain.split('.');
	if (subs.length < 2) return false;
	return subs.every((sub) => /^[a-z0-9-]+$/i.test(sub) && !/^-|-$/.test(sub.trim()));
}

/**
 * WordPress's `sanitize_user( $username, $strict )`.
 * @param {string} username
 * @param {boolean} strict
 */
function sanitizeUser(username, strict) {
	let out = String(username)
		.replace(/<[^>]*>/g, '')
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/%[a-fA-F0-9]{2}/g, '')
		.replace(/&.+?;/g, '');
	if (strict) out = out.replace(/[^a-z0-9 _.\-@]/gi, '');
	return out.trim().replace(/\s+/g, ' ');
}

/**
 * WordPress's `validate_username()`.
 * @param {string} username
 */
function validateUsername(username) {
	const sanitized = sanitizeUser(username, true);
	return sanitized === username && sanitized !== '';
}

/**
 * @param {State} state
 * @param {string} email
 * @returns {User | undefined}
 */
function findUserByEmail(state, email) {
	const wanted = email.trim().toLowerCase();
	return state.users.find((u) => u.email.toLowerCase() === wanted);
}

/**
 * MySQL's default collation makes logins case-insensitive.
 * @param {State} state
 * @param {string} login
 * @returns {User | undefined}
 */
function findUserByLogin(state, login) {
	const wanted = login.toLowerCase();
	return state.users.find((u) => u.login.toLowerCase() === wanted);
}

/**
 * @param {State} state
 * @param {number} id
 */
function findUserById(state, id) {
	return state.users.find((u) => u.id === id);
}

/**
 * @param {State} state
 * @param {User | null | undefined} user
 * @param {string} capability
 */
function userCan(state, user, capability) {
	if (!user) return false;
	return user.roles.some((role) => (state.roles[role]?.capabilities || []).includes(capability));
}

/**
 * WordPress's gravatar URL for an email.
 * @param {string} email
 * @param {number} size
 */
function avatarUrl(email, size) {
	const hash = crypto.createHash('md5').update(email.trim().toLowerCase()).digest('hex');
	return `http://0.gravatar.com/avatar/${hash}?s=${size}&d=mm&r=g`;
}

/** `wp_generate_password()`: 12 characters with specials. */
function generatePassword() {
	const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#$%^&*()';
	const bytes = crypto.randomBytes(12);
	return Array.from(bytes, (b) => chars[b % chars.length]).join('');
}

/**
 * WordPress's error as `wp_insert_user()` returns it (no `data`: REST answers it as HTTP 500).
 * @typedef {{ code: string, message: string }} InsertError
 */

/**
 * `wp_insert_user()`: the login is checked before the email, as WordPress does.
 * @param {import('./store').Store} store
 * @param {{ login: string, email: string, password: string, firstName?: string, lastName?: string,
 *   displayName?: string, roles?: string[] }} data
 * @returns {{ user: User } | { error: InsertError }}
 */
function insertUser(store, data) {
	const state = store.state;
	const login = sanitizeUser(data.login, true);
	if (login === '') return { error: { code: 'empty_user_login', message: 'Cannot create a user with an empty login name.' } };
	if (login.length > 60) return { error: { code: 'user_login_too_long', message: 'Username may not be longer than 60 characters.' } };
	if (findUserByLogin(state, login)) return { error: { code: 'existing_user_login', message: 'Sorry, that username already exists!' } };
	if (findUserByEmail(state, data.email)) return { error: { code: 'existing_user_email', message: 'Sorry, that email address is already used!' } };
	const firstName = data.firstName || '';
	const lastName = data.lastName || '';
	/** @type {User} */
	const user = {
		id: store.nextId('user'),
		login,
		email: data.email.trim(),
		// wp_insert_user's default display name.
		displayName: data.displayName || (firstName && lastName ? `${firstName} ${lastName}` : firstName || lastName || login),
		firstName,
		lastName,
		roles: data.roles && data.roles.length > 0 ? [...data.roles] : ['subscriber'],
		applicationPasswords: [],
		passwordHash: hashPassword(data.password),
		registered: mysqlDate(),
	};
	state.users.push(user);
	return { user };
}

module.exports = {
	isEmail,
	sanitizeUser,
	validateUsername,
	findUserByEmail,
	findUserByLogin,
	findUserById,
	userCan,
	avatarUrl,
	generatePassword,
	insertUser,
};
