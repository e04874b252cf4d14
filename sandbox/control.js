// @ts-check
'use strict';
/**
 * `/__sandbox/...`: the test harness's controls (reset, state, emails, request log, settings, built-in
 * integration orders, health).
 * Not part of Thrive Apprentice's contract; no auth, loopback clients only.
 */
const { reply } = require('./errors');
const { parseSettings } = require('./settings');
const { parseBuiltInOrder, insertBuiltInOrder } = require('./builtInOrders');

/** @param {string | undefined} address */
function isLoopback(address) {
	if (!address) return false;
	return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/** @param {import('./store').User} user */
const publicUser = ({ applicationPasswords: _a, passwordHash: _p, ...user }) => user;

/**
 * @param {string} raw
 * @returns {{ body: unknown } | { error: string }}
 */
function jsonBody(raw) {
	try {
		return { body: raw.trim() === '' ? {} : JSON.parse(raw) };
	} catch {
		return { error: 'Send a JSON object.' };
	}
}

/**
 * @param {import('./store').State} state
 */
function publicState(state) {
	return {
		users: state.users.map(publicUser),
		orders: state.orders,
		emails: state.emails,
		settings: state.settings,
	};
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
			const input = jsonBody(raw);
			if ('error' in input) return reply(400, input);
			const parsed = parseSettings(input.body);
			if ('error' in parsed) return reply(400, { error: parsed.error });
			Object.assign(store.state.settings, parsed.settings);
			store.save();
			return reply(200, store.state.settings);
		}
		case 'POST /__sandbox/orders': {
			const input = jsonBody(raw);
			if ('error' in input) return reply(400, input);
			const parsed = parseBuiltInOrder(input.body);
			if ('error' in parsed) return reply(400, parsed);
			const inserted = insertBuiltInOrder(store, parsed.order);
			if ('error' in inserted) return reply(400, inserted);
			store.save();
			return reply(200, { order: inserted.order, user: publicUser(inserted.user) });
		}
		default:
			return reply(404, { error: `No sandbox control at ${route}.` });
	}
}

module.exports = { handleControl };
