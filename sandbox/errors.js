// @ts-check
'use strict';
/** WordPress REST error bodies: `{ code, message, data: { status, ... } }` (or `data: null`). */

/**
 * @typedef {{ status: number, body: unknown, headers?: Record<string, string>, phpOutput?: string }} Reply
 * `phpOutput`: text PHP printed before the JSON (a warning on a site that displays errors).
 */

/**
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 * @returns {Reply}
 */
function reply(status, body, headers) {
	return headers ? { status, body, headers } : { status, body };
}

/**
 * @param {string} code
 * @param {string} message
 * @param {number} status
 * @param {Record<string, unknown>} [extra] more fields of `data`
 * @returns {Reply}
 */
function wpError(code, message, status, extra) {
	return reply(status, { code, message, data: { status, ...(extra || {}) } });
}

/**
 * A `WP_Error` without data: WordPress answers it with HTTP 500 and `"data": null`.
 * @param {string} code
 * @param {string} message
 * @returns {Reply}
 */
function wpErrorNoData(code, message) {
	return reply(500, { code, message, data: null });
}

/**
 * WordPress's answer when an argument's validate/sanitize callback fails.
 * @param {Record<string, { code: string, message: string, data?: unknown }>} details by parameter name
 * @returns {Reply}
 */
function invalidParams(details) {
	/** @type {Record<string, string>} */
	const params = {};
	/** @type {Record<string, unknown>} */
	const detailData = {};
	for (const [name, d] of Object.entries(details)) {
		params[name] = d.message;
		detailData[name] = { code: d.code, message: d.message, data: d.data === undefined ? null : d.data };
	}
	return wpError('rest_invalid_param', `Invalid parameter(s): ${Object.keys(details).join(', ')}`, 400, {
		params,
		details: detailData,
	});
}

/**
 * @param {string[]} names
 * @returns {Reply}
 */
function missingParams(names) {
	return wpError('rest_missing_callback_param', `Missing parameter(s): ${names.join(', ')}`, 400, { params: names });
}

const noRoute = () => wpError('rest_no_route', 'No route was found matching the URL and request method.', 404);

/** What WordPress answers when a permission callback returns false. */
const forbidden = (/** @type {boolean} */ loggedIn) =>
	wpError('rest_forbidden', 'Sorry, you are not allowed to do that.', loggedIn ? 403 : 401);

module.exports = { reply, wpError, wpErrorNoData, invalidParams, missingParams, noRoute, forbidden };
