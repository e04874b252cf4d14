// @ts-check
'use strict';
/**
 * Shapes shared by the route files.
 *
 * @typedef {import('../errors').Reply} Reply
 * @typedef {{
 *   store: import('../store').Store,
 *   state: import('../store').State,
 *   siteUrl: string,
 *   method: string,
 *   params: Record<string, any>,
 *   query: Record<string, any>,
 *   urlParams: Record<string, string>,
 *   user: import('../store').User | null,
 *   headers: import('http').IncomingHttpHeaders,
 *   nextCall: () => number,
 * }} Context
 * @typedef {{
 *   method: 'GET' | 'POST' | 'DELETE',
 *   path: string,
 *   auth: 'apiKey' | 'user',
 *   required?: string[],
 *   validate?: (ctx: Context) => Reply | null,
 *   permission?: (ctx: Context) => Reply | null,
 *   handle: (ctx: Context) => Reply,
 * }} Route
 */

/** PHP's `(int)` cast, as TA applies it to ids. */
function toInt(/** @type {unknown} */ value) {
	const n = parseInt(String(value), 10);
	return Number.isNaN(n) ? 0 : n;
}

/**
 * A list parameter that may arrive as an array, a PHP-style object (`a[0]=1`) or a single value.
 * @param {unknown} value
 * @returns {unknown[]}
 */
function asList(value) {
	if (value === undefined || value === null || value === '') return [];
	if (Array.isArray(value)) return value;
	if (typeof value === 'object') return Object.values(value);
	return [value];
}

module.exports = { toInt, asList };
