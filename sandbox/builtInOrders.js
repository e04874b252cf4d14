// @ts-check
'use strict';
/**
 * `POST /__sandbox/orders`: an order as ThriveCart's BUILT-IN integration stores it (sellers switching to
 * the node already have these): gateway ThriveCart, one active item per product, the buyer created like
 * newOrder does but without any email.
 */
const { isEmail } = require('./wordpress');
const { findOrCreateBuyer } = require('./buyers');
const { createOrder, GATEWAY_THRIVECART } = require('./orders');

/**
 * @typedef {{ email: string, firstName?: string, lastName?: string, gatewayOrderId: string,
 *   productIds: number[], itemName?: string, status?: number }} BuiltInOrder
 */

/**
 * @param {unknown} input
 * @returns {{ order: BuiltInOrder } | { error: string }}
 */
function parseBuiltInOrder(input) {
	if (!input || typeof input !== 'object' || Array.isArray(input)) return { error: 'Send a JSON object.' };
	const b = /** @type {Record<string, unknown>} */ (input);
	if (typeof b.email !== 'string' || !isEmail(b.email.trim())) return { error: 'email must be an email address.' };
	const gatewayOrderId = typeof b.gatewayOrderId === 'number' ? String(b.gatewayOrderId) : b.gatewayOrderId;
	if (typeof gatewayOrderId !== 'string' || gatewayOrderId.trim() === '') return { error: 'gatewayOrderId must be the ThriveCart order id.' };
	if (!Array.isArray(b.productIds) || b.productIds.length === 0 || !b.productIds.every((id) => Number.isInteger(id))) {
		return { error: 'productIds must be a non-empty list of product ids.' };
	}
	for (const name of ['firstName', 'lastName', 'itemName']) {
		if (b[name] !== undefined && typeof b[name] !== 'string') return { error: `${name} must be a string.` };
	}
	if (b.status !== undefined && ![0, 1, 2, 3, 4].includes(/** @type {number} */ (b.status))) return { error: 'status must be an order status 0–4.' };
	return { order: /** @type {BuiltInOrder} */ ({ ...b, gatewayOrderId: gatewayOrderId.trim() }) };
}

/**
 * @param {import('./store').Store} store
 * @param {BuiltInOrder} data
 * @returns {{ order: import('./store').Order, user: import('./store').User } | { error: string }}
 */
function insertBuiltInOrder(store, data) {
	const unknown = data.productIds.find((id) => !store.state.products.some((p) => p.id === id));
	if (unknown !== undefined) return { error: `There is no product ${unknown}.` };
	const found = findOrCreateBuyer(store, { email: data.email, firstName: data.firstName, lastName: data.lastName });
	if ('error' in found) return { error: `${found.error.code}: ${found.error.message}` };
	const names = new Map(store.state.products.map((p) => [p.id, p.name]));
	const order = createOrder(store, {
		userId: found.user.id,
		gateway: GATEWAY_THRIVECART,
		gatewayOrderId: data.gatewayOrderId,
		buyerEmail: data.email.trim(),
		items: data.productIds.map((productId) => ({ productId, name: data.itemName || names.get(productId) || '' })),
	});
	if (data.status !== undefined) order.status = data.status;
	return { order, user: found.user };
}

module.exports = { parseBuiltInOrder, insertBuiltInOrder };
