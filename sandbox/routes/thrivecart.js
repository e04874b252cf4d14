// @ts-check
'use strict';
/** The three routes ThriveCart calls (TA API key): getCourses, newOrder, refundOrder. */
const { reply, wpError, wpErrorNoData, invalidParams } = require('../errors');
const { findOrCreateBuyer } = require('../buyers');
const { createOrder, GATEWAY_THRIVECART, ORDER_DISABLED, ITEM_ACTIVE } = require('../orders');
const { sendThriveCartWelcome } = require('../emails');
const { checkNewOrder, isIntegerLike, isNumberLike } = require('./newOrderRules');
const { toInt, asList } = require('./types');
const { PROCESSOR_WARNING } = require('../phpNotices');

/** @typedef {import('./types').Route} Route */
/** @typedef {import('./types').Context} Context */

/** @type {Route} */
const getCourses = {
	method: 'GET',
	path: '/tva/v1/getCourses',
	auth: 'apiKey',
	// Observed: every product, whether or not any of its courses is published.
	handle: (ctx) => reply(200, ctx.state.products.map((p) => ({ id: p.id, title: p.name }))),
};

/** @type {Route} */
const newOrder = {
	method: 'POST',
	path: '/tva/v1/newOrder',
	auth: 'apiKey',
	required: ['source', 'order'],
	validate: (ctx) => {
		const problems = checkNewOrder(ctx.params.email, ctx.params.order);
		return problems ? invalidParams(problems) : null;
	},
	handle: (ctx) => {
		const { store, state, params } = ctx;
		const email = String(params.email).trim();
		const found = findOrCreateBuyer(store, {
			email,
			firstName: typeof params.first_name === 'string' ? params.first_name : '',
			lastName: typeof params.last_name === 'string' ? params.last_name : '',
		});
		if ('error' in found) return wpErrorNoData(found.error.code, found.error.message);
		const { user, password } = found;
		const order = params.order;
		const items = asList(order.charges).flatMap((/** @type {any} */ charge) =>
			asList(charge.courses).map((productId) => ({
				productId: toInt(productId),
				name: String(charge.name),
				unitPrice: Number(charge.amount),
				gatewayOrderItemId: String(charge.item_id),
			})),
		);
		const saved = createOrder(store, {
			userId: user.id,
			gateway: GATEWAY_THRIVECART,
			gatewayOrderId: String(toInt(order.order_id)),
			buyerEmail: email,
			total: Number(order.total),
			currency: String(order.currency),
			items,
		});
		if (password && state.settings.thrivecartNewAccountEmail) sendThriveCartWelcome(store, user, password, ctx.siteUrl);
		const answer = reply(200, { order_id: saved.id, user_id: user.id });
		// Observed: without order.processor PHP warns, and a site that displays errors breaks the JSON.
		if (order.processor === undefined && state.settings.phpNotices) answer.phpOutput = PROCESSOR_WARNING;
		return answer;
	},
};

/** @type {Route} */
const refundOrder = {
	method: 'POST',
	path: '/tva/v1/refundOrder',
	auth: 'apiKey',
	required: ['order_id'],
	validate: (ctx) => {
		if (!isNumberLike(ctx.params.order_id)) {
			return invalidParams({ order_id: { code: 'rest_invalid_type', message: 'order_id is not of type number.', data: { param: 'order_id' } } });
		}
		const bad = asList(ctx.params.course_ids).findIndex((id) => !isIntegerLike(id));
		if (bad !== -1) {
			const param = `course_ids[${bad}]`;
			return invalidParams({ course_ids: { code: 'rest_invalid_type', message: `${param} is not of type integer.`, data: { param } } });
		}
		return null;
	},
	handle: (ctx) => {
		const orderId = toInt(ctx.params.order_id);
		const order = firstThriveCartOrder(ctx.state, orderId);
		if (!order) return wpError('resource_not_found', 'The specified resource does not exists.', 404);
		const outcome = refund(order, asList(ctx.params.course_ids).map(toInt));
		if (outcome === 'not-saved') return wpError('internal_server_error', 'Internal Server Error. Order could not be saved!', 500);
		return reply(200, orderId);
	},
};

/**
 * TA looks up one order by gateway order id: the first one stored, even when later ones share the id.
 * @param {import('../store').State} state
 * @param {number} gatewayOrderId
 */
const firstThriveCartOrder = (state, gatewayOrderId) =>
	state.orders.find((o) => o.gateway === GATEWAY_THRIVECART && o.gatewayOrderId === String(gatewayOrderId));

/**
 * The real plugin's refund of one order. An order that holds no active item any more is left as it is
 * (200, whatever `productIds` says); without `productIds` the whole order is disabled; otherwise the
 * active items for those products are deleted, and the order is disabled when none is left. Only an order
 * that still holds active items, none of them for `productIds`, cannot be saved.
 * @param {import('../store').Order} order
 * @param {number[]} productIds
 * @returns {'unchanged' | 'refunded' | 'not-saved'}
 */
function refund(order, productIds) {
	const active = order.items.filter((i) => i.status === ITEM_ACTIVE);
	if (active.length === 0) return 'unchanged';
	if (productIds.length === 0) {
		order.status = ORDER_DISABLED;
		return 'refunded';
	}
	const refunded = new Set(active.filter((i) => productIds.includes(i.productId)));
	if (refunded.size === 0) return 'not-saved';
	order.items = order.items.filter((i) => !refunded.has(i));
	if (!order.items.some((i) => i.status === ITEM_ACTIVE)) order.status = ORDER_DISABLED;
	return 'refunded';
}

module.exports = { routes: [getCourses, newOrder, refundOrder], refund };
