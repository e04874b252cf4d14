// @ts-check
'use strict';
/** The three routes ThriveCart calls (TA API key): getCourses, newOrder, refundOrder. */
const { reply, wpError, wpErrorNoData, invalidParams } = require('../errors');
const { findUserByEmail, generatePassword, insertUser, sanitizeUser } = require('../wordpress');
const { createOrder, GATEWAY_THRIVECART, ORDER_DISABLED } = require('../orders');
const { sendThriveCartWelcome } = require('../emails');
const { checkNewOrder, isIntegerLike } = require('./newOrderRules');
const { toInt, asList } = require('./types');

/** @typedef {import('./types').Route} Route */
/** @typedef {import('./types').Context} Context */

const PROCESSOR_WARNING =
	'<br />\n<b>Warning</b>:  Undefined array key &quot;processor&quot; in <b>/var/www/html/wp-content/plugins/thrive-apprentice/inc/classes/class-tva-thrivecart.php</b> on line <b>214</b><br />\n';

/** @param {import('../store').State} state */
function publishedProducts(state) {
	const published = new Set(state.courses.filter((c) => c.status === 'publish').map((c) => c.id));
	return state.products.filter((p) => p.courseIds.some((id) => published.has(id)));
}

/** @type {Route} */
const getCourses = {
	method: 'GET',
	path: '/tva/v1/getCourses',
	auth: 'apiKey',
	handle: (ctx) => reply(200, publishedProducts(ctx.state).map((p) => ({ id: p.id, title: p.name }))),
};

/** @type {Route} */
const newOrder = {
	method: 'POST',
	path: '/tva/v1/newOrder',
	auth: 'apiKey',
	required: ['source', 'order'],
	validate: (ctx) => {
		const problem = checkNewOrder(ctx.params.email, ctx.params.order);
		return problem ? invalidParams({ order: problem }) : null;
	},
	handle: (ctx) => {
		const { store, state, params } = ctx;
		const email = String(params.email).trim();
		const firstName = typeof params.first_name === 'string' ? params.first_name.trim() : '';
		const lastName = typeof params.last_name === 'string' ? params.last_name.trim() : '';
		let user = findUserByEmail(state, email);
		let password = '';
		if (!user) {
			password = generatePassword();
			const displayName = `${firstName} ${lastName}`.trim() || email.slice(0, email.indexOf('@'));
			const result = insertUser(store, { login: sanitizeUser(email, true), email, password, firstName, lastName, displayName });
			if ('error' in result) return wpErrorNoData(result.error.code, result.error.message);
			user = result.user;
		}
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
		if (order.processor === undefined && state.settings.displayErrors) answer.phpOutput = PROCESSOR_WARNING;
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
		if (!isIntegerLike(ctx.params.order_id)) {
			return invalidParams({ order_id: { code: 'rest_invalid_type', message: 'order_id is not of type integer.', data: { param: 'order_id' } } });
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
		// TA looks up one order by gateway order id: the first stored one.
		const order = ctx.state.orders.find((o) => o.gateway === GATEWAY_THRIVECART && o.gatewayOrderId === String(orderId));
		if (!order) return wpError('resource_not_found', 'Order not found.', 404);
		const productIds = asList(ctx.params.course_ids).map(toInt);
		if (productIds.length === 0) {
			order.status = ORDER_DISABLED;
			return reply(200, orderId);
		}
		const inOrder = new Set(order.items.map((i) => i.productId));
		if (!productIds.every((id) => inOrder.has(id))) {
			return wpError('internal_server_error', 'Internal Server Error. Order could not be saved!', 500);
		}
		order.items = order.items.filter((i) => !productIds.includes(i.productId));
		if (order.items.length === 0) order.status = ORDER_DISABLED;
		return reply(200, orderId);
	},
};

module.exports = { routes: [getCourses, newOrder, refundOrder], publishedProducts };
