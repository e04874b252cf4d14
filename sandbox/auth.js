// @ts-check
'use strict';
/**
 * The two ways in: Thrive Apprentice's API key (only the three ThriveCart routes) and WordPress
 * application passwords (everything else). Behaviour as observed on a real site.
 */
const { wpError } = require('./errors');
const { findUserByLogin, findUserByEmail } = require('./wordpress');

/** @typedef {import('./store').State} State */
/** @typedef {import('./store').User} User */
/** @typedef {import('http').IncomingHttpHeaders} Headers */

/**
 * @param {string | undefined} header
 * @returns {{ scheme: string, user?: string, password?: string } | null}
 */
function parseAuthorization(header) {
	if (!header) return null;
	const [scheme, ...rest] = header.trim().split(/\s+/);
	const token = rest.join(' ');
	if (scheme.toLowerCase() !== 'basic') return { scheme: scheme.toLowerCase() };
	const decoded = Buffer.from(token, 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon === -1) return { scheme: 'basic', user: decoded, password: '' };
	return { scheme: 'basic', user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** WordPress compares application passwords with everything but letters and digits removed. */
const normaliseAppPassword = (/** @type {string} */ p) => p.replace(/[^a-z\d]/gi, '');

/**
 * WordPress's application-password authentication. A wrong password leaves the request anonymous
 * (observed: no error of its own).
 * @param {State} state
 * @param {Headers} headers
 * @returns {User | null}
 */
function authenticateUser(state, headers) {
	const auth = parseAuthorization(headers.authorization);
	if (!auth || auth.scheme !== 'basic' || !auth.user || !auth.password) return null;
	const user = findUserByLogin(state, auth.user) || findUserByEmail(state, auth.user);
	if (!user) return null;
	const given = normaliseAppPassword(auth.password);
	if (given === '') return null;
	return user.applicationPasswords.some((p) => normaliseAppPassword(p) === given) ? user : null;
}

/**
 * @param {State} state
 * @param {string} key
 */
const isEnabledKey = (state, key) => state.apiKeys.some((k) => k.enabled && k.key === key.trim());

/**
 * @param {string} value base64("anything:<key>")
 * @returns {string}
 */
function keyFromBase64Pair(value) {
	const decoded = Buffer.from(value, 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	return colon === -1 ? '' : decoded.slice(colon + 1);
}

const refused = () => wpError('not_authorized', 'Authorization failed due to insufficient permissions.', 403);

/**
 * TA's key check on getCourses/newOrder/refundOrder. `Authorization` wins over `TVA`.
 * @param {State} state
 * @param {Headers} headers
 * @param {Record<string, any>} query
 * @returns {import('./errors').Reply | null} null when the key is good
 */
function checkApiKey(state, headers, query) {
	if (headers.authorization) {
		const auth = parseAuthorization(headers.authorization);
		return auth && auth.scheme === 'basic' && auth.password && isEnabledKey(state, auth.password) ? null : refused();
	}
	const tva = headers.tva;
	if (tva !== undefined) return isEnabledKey(state, String(tva)) ? null : refused();
	if (typeof query.auth === 'string' && query.auth !== '') return isEnabledKey(state, keyFromBase64Pair(query.auth)) ? null : refused();
	return wpError('authentication_failure', 'Authentication failed due to invalid authentication credentials.', 401);
}

/**
 * What kind of credentials a request carried, for the request log.
 * @param {State} state
 * @param {Headers} headers
 * @param {Record<string, any>} query
 * @returns {'apiKey' | 'applicationPassword' | 'none'}
 */
function classifyAuth(state, headers, query) {
	const auth = parseAuthorization(headers.authorization);
	if (auth) {
		if (auth.scheme !== 'basic') return 'none';
		const password = auth.password || '';
		return state.apiKeys.some((k) => k.key === password.trim()) ? 'apiKey' : 'applicationPassword';
	}
	if (headers.tva !== undefined) return 'apiKey';
	if (typeof query.auth === 'string' && query.auth !== '') return 'apiKey';
	return 'none';
}

module.exports = { parseAuthorization, authenticateUser, checkApiKey, classifyAuth };
