// @ts-check
'use strict';
/** TA's API key settings (`tva/v1/token(s)`, application passwords): list, generate and save keys. */
const crypto = require('crypto');
const { reply, wpError } = require('../errors');
const { userCan } = require('../wordpress');

/** @typedef {import('./types').Route} Route */
/** @typedef {import('./types').Context} Context */

/** @param {Context} ctx */
const canManageKeys = (ctx) =>
	userCan(ctx.state, ctx.user, 'tve-use-tva') ? null : wpError('rest_forbidden', 'You cannot view the resource.', ctx.user ? 403 : 401);

/** TA's key format: 5 groups of 6 hex digits joined by `-`. */
const newKey = () => Array.from({ length: 5 }, () => crypto.randomBytes(3).toString('hex')).join('-');

/**
 * @param {import('../store').ApiKey} k
 * @param {number} index
 */
const keyRow = (k, index) => ({ id: k.id ?? index + 1, name: k.name ?? '', key: k.key, status: k.enabled ? 1 : 0 });

/** @type {Route} */
const listKeys = {
	method: 'GET',
	path: '/tva/v1/tokens',
	auth: 'user',
	permission: canManageKeys,
	handle: (ctx) => reply(200, ctx.state.apiKeys.map(keyRow)),
};

/** @type {Route} */
const generateKey = {
	method: 'GET',
	path: '/tva/v1/token/generate',
	auth: 'user',
	permission: canManageKeys,
	// A proposal for the settings screen: not saved.
	handle: () => reply(200, { id: null, name: null, key: newKey(), status: 1 }),
};

/** @type {Route} */
const saveKey = {
	method: 'POST',
	path: '/tva/v1/token',
	auth: 'user',
	permission: canManageKeys,
	handle: (ctx) => {
		const keys = ctx.state.apiKeys;
		const id = keys.reduce((max, k, i) => Math.max(max, k.id ?? i + 1), 0) + 1;
		const key = typeof ctx.params.key === 'string' && ctx.params.key !== '' ? ctx.params.key : newKey();
		const name = typeof ctx.params.name === 'string' ? ctx.params.name : '';
		keys.push({ id, name, key, enabled: String(ctx.params.status ?? 1) === '1' });
		return reply(200, keyRow(keys[keys.length - 1], keys.length - 1));
	},
};

module.exports = { routes: [listKeys, generateKey, saveKey] };
