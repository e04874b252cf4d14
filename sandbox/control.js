// @ts-check
'use strict';
/**
 * `/__sandbox/...`: the test harness's controls (reset, state, emails, request log, settings, health).
 * Not part of Thrive Apprentice's contract; no auth, loopback clients only.
 */
const { reply } = require('./errors');

const HTML_MODES = [false, 'security-plugin', 'maintenance'];

/** @param {string | undefined} address */
function isLoopback(address) {
	if (!address) return false;
	return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/**
 * @param {import('./store').State} state
 */
function publicState(state) {
	return {
		users: state.users.map(({ applicationPasswords: _a, passwordHash: _p, ...user }) => user),
		orders: state.orders,
		emails: state.emails,
		settings: state.settings,
	};
}

/**
 * @param {unknown} input
 * @returns {{ settings: Partial<import('./store').Settings> } | { error: string }}
 */
function parseSettings(input) {
	if (!input || typeof input !== 'object' || Array.isArray(input)) return { error: 'Send a JSON object.' };
	/** @type {Record<string, unknown>} */
	const body = /** @type {any} */ (input);
	/** @type {Record<string, unknown>} */
	const settings = {};
	for (const [key, value] of Object.entries(body)) {
		if (key === 'thrivecartNewAccountEmail' || key === 'wordpressNewAccountEmail' || key === 'displayErrors') {
			if (typeof value !== 'boolean') return { error: `${key} must be true or false.` };
		} else if (key === 'html') {
			if (!HTML_MODES.includes(/** @type {any} */ (value))) return { error: "html must be false, 'security-plugin' or 'maintenance'." };
		} else if (key === 'latencyMs') {
			if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return { error: 'latencyMs must be a number ≥ 0.' };
		} else return { error: `Unknown setting: ${key}.` };
		settings[key] = value;
	}
	return { settings: /** @type {any} */ (settings) };
}

/**
 * @param {{ store: import('./store').Store, log: import('./requestLog').RequestLog,
 *   req: import('http').IncomingMessage, method: string, url: URL, raw: string }} input
 * @returns {import('./errors').Reply}
 */
function handleControl({ store, log, req, method, url, raw }) {
	if (!isLoopback(req.socket.remoteAddress)) return reply(403, { error: 'The sandbox controls answer loopback clients only.' });
	const route = `${method} ${url.pathname.replace(/\/+$/, '')}`;
	switch (route) {
		case 'GET /__sandbox/health':
			return reply(200, { ok: true });
		case 'POST /__sandbox/reset':
			store.reset();
			log.clear();
			return reply(200, { ok: true });
		case 'GET /__sandbox/state':
			return reply(200, publicState(store.state));
		case 'GET /__sandbox/emails':
			return reply(200, store.state.emails);
		case 'GET /__sandbox/requests':
			return reply(200, log.entries);
		case 'DELETE /__sandbox/requests':
			log.clear();
			return reply(200, { ok: true });
		case 'POST /__sandbox/settings': {
			let body;
			try {
				body = raw.trim() === '' ? {} : JSON.parse(raw);
			} catch {
				return reply(400, { error: 'Send a JSON object.' });
			}
			const parsed = parseSettings(body);
			if ('error' in parsed) return reply(400, { error: parsed.error });
			Object.assign(store.state.settings, parsed.settings);
			store.save();
			return reply(200, store.state.settings);
		}
		default:
			return reply(404, { error: `No sandbox control at ${route}.` });
	}
}

module.exports = { handleControl };
