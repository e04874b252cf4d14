// @ts-check
'use strict';
/**
 * The sandbox's switches for what real sites do (`POST /__sandbox/settings`, and the same names as
 * `startSandbox()` options): defaults, and the check of a partial update.
 */

const HTML_MODES = [false, 'security-plugin', 'maintenance'];
const PERMALINKS = ['pretty', 'plain'];
const LOSE_MODES = ['reset', 'hang'];
const BOOLEANS = ['thrivecartNewAccountEmail', 'wordpressNewAccountEmail', 'phpNotices'];

/**
 * @typedef {{ route: string, count: number, mode: 'reset' | 'hang' }} LoseAnswers
 * @typedef {{ thrivecartNewAccountEmail: boolean, wordpressNewAccountEmail: boolean,
 *   html: false | 'security-plugin' | 'maintenance', latencyMs: number, phpNotices: boolean,
 *   redirectTo: string | null, permalinks: 'pretty' | 'plain', loseAnswers: LoseAnswers | null }} Settings
 */

/**
 * @param {{ thrivecartNewAccount?: boolean, wordpressNewAccount?: boolean }} templates the seed's email templates
 * @returns {Settings}
 */
function defaultSettings(templates) {
	return {
		thrivecartNewAccountEmail: Boolean(templates.thrivecartNewAccount),
		wordpressNewAccountEmail: Boolean(templates.wordpressNewAccount),
		html: false,
		latencyMs: 0,
		phpNotices: false,
		redirectTo: null,
		permalinks: 'pretty',
		loseAnswers: null,
	};
}

/**
 * @param {unknown} value
 * @returns {string | null} the problem
 */
function checkLoseAnswers(value) {
	if (value === null) return null;
	const v = /** @type {Record<string, unknown>} */ (value);
	const ok =
		value !== undefined &&
		typeof value === 'object' &&
		!Array.isArray(value) &&
		typeof v.route === 'string' &&
		/^[A-Z]+ \/\S+$/.test(v.route) &&
		Number.isInteger(v.count) &&
		/** @type {number} */ (v.count) >= 0 &&
		LOSE_MODES.includes(/** @type {string} */ (v.mode));
	return ok ? null : "loseAnswers must be null or { route: 'METHOD /rest/route', count: integer ≥ 0, mode: 'reset' | 'hang' }.";
}

/**
 * @param {unknown} value
 * @returns {string | null} the problem
 */
function checkRedirectTo(value) {
	if (value === null) return null;
	if (typeof value !== 'string') return 'redirectTo must be null or an origin such as http://localhost:8090.';
	try {
		const url = new URL(value);
		return url.origin === value.replace(/\/+$/, '') ? null : 'redirectTo must be an origin (scheme, host and port, no path).';
	} catch {
		return 'redirectTo must be null or an origin such as http://localhost:8090.';
	}
}

/**
 * @param {string} key
 * @param {unknown} value
 * @returns {string | null} the problem
 */
function checkSetting(key, value) {
	if (BOOLEANS.includes(key)) return typeof value === 'boolean' ? null : `${key} must be true or false.`;
	if (key === 'html') return HTML_MODES.includes(/** @type {any} */ (value)) ? null : "html must be false, 'security-plugin' or 'maintenance'.";
	if (key === 'latencyMs') return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? null : 'latencyMs must be a number ≥ 0.';
	if (key === 'permalinks') return PERMALINKS.includes(/** @type {any} */ (value)) ? null : "permalinks must be 'pretty' or 'plain'.";
	if (key === 'redirectTo') return checkRedirectTo(value);
	if (key === 'loseAnswers') return checkLoseAnswers(value);
	return `Unknown setting: ${key}.`;
}

/**
 * @param {unknown} input a partial update
 * @returns {{ settings: Partial<Settings> } | { error: string }}
 */
function parseSettings(input) {
	if (!input || typeof input !== 'object' || Array.isArray(input)) return { error: 'Send a JSON object.' };
	/** @type {Record<string, unknown>} */
	const settings = {};
	for (const [key, value] of Object.entries(input)) {
		const problem = checkSetting(key, value);
		if (problem) return { error: problem };
		settings[key] = key === 'redirectTo' && typeof value === 'string' ? value.replace(/\/+$/, '') : value;
	}
	return { settings: /** @type {Partial<Settings>} */ (settings) };
}

module.exports = { defaultSettings, parseSettings };
