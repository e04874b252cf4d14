// @ts-check
'use strict';
/** TA's customer (member) routes under `tva/v1/customer`. */
const { reply, invalidParams, wpError, wpErrorNoData } = require('../errors');
const { findUserById, findUserByEmail, isEmail, sanitizeUser, insertUser, generatePassword } = require('../wordpress');
const { createOrder, GATEWAY_MANUAL, GATEWAY_THRIVECART, ORDER_COMPLETED, ITEM_ACTIVE, ITEM_DISABLED } = require('../orders');
const { productsOf, owns, activeItems, roleProductIds, hasAnyAccess } = require('../access');
const { sendWordPressWelcome } = require('../emails');
const { canUseApprentice } = require('./permissions');
const { toInt, asList } = require('./types');
const { customerRow, memberDetail, displayDate } = require('../rows/customers');
const { productTerm } = require('../rows/products');

/** @typedef {import('./types').Route} Route */
/** @typedef {import('./types').Context} Context */
/** @typedef {import('../store').User} User */


/** @param {Context} ctx */
const userFromPath = (ctx) => findUserById(ctx.state, toInt(ctx.urlParams.userId));

/**
 * @param {Context} ctx
 * @param {User} user
 */
const productList = (ctx, user) => productsOf(ctx.state, user).map((p) => ({ id: p.id, name: p.name }));

/**
 * Existing product ids among `ids`, in the order given, without duplicates.
 * @param {Context} ctx
 * @param {unknown} ids
 */
function existingProductIds(ctx, ids) {
	const known = new Set(ctx.state.products.map((p) => p.id));
	return [...new Set(asList(ids).map(toInt))].filter((id) => known.has(id));
}

/**
 * A completed "Added Manually" order for the products, if there are any.
 * @param {Context} ctx
 * @param {User} user
 * @param {number[]} productIds
 */
function addManualOrder(ctx, user, productIds) {
	if (productIds.length === 0) return;
	const names = new Map(ctx.state.products.map((p) => [p.id, p.name]));
	createOrder(ctx.store, {
		userId: user.id,
		gateway: GATEWAY_MANUAL,
		buyerEmail: user.email,
		items: productIds.map((productId) => ({ productId, name: names.get(productId) || '' })),
	});
}

/** @type {Route} */
const addAccess = {
	method: 'POST',
	path: '/tva/v1/customer/(?<userId>\\d+)/add-access',
	auth: 'user',
	permission: canUseApprentice,
	handle: (ctx) => {
		const user = userFromPath(ctx);
		if (!user) return reply(200, []);
		const toGrant = existingProductIds(ctx, ctx.params.course_ids).filter((id) => !owns(ctx.state, user, id));
		addManualOrder(ctx, user, toGrant);
		return reply(200, productList(ctx, user));
	},
};

/** @type {Route} */
const customerProducts = {
	method: 'GET',
	path: '/tva/v1/customer/(?<userId>\\d+)/products',
	auth: 'user',
	permission: canUseApprentice,
	handle: (ctx) => {
		const user = userFromPath(ctx);
		return reply(200, user ? productList(ctx, user) : []);
	},
};

/** @type {Route} */
const purchasedItems = {
	method: 'GET',
	path: '/tva/v1/customer/(?<userId>\\d+)/purchased-items',
	auth: 'user',
	permission: canUseApprentice,
	handle: (ctx) => {
		const user = userFromPath(ctx);
		if (!user) return reply(200, []);
		const fromOrders = activeItems(ctx.state, user.id).map(({ order, item }) => {
			const viaThriveCart = order.gateway === GATEWAY_THRIVECART;
			return {
				id: item.id,
				order_id: order.id,
				product_id: item.productId,
				name: item.name,
				type: viaThriveCart ? 'ThriveCart product' : 'Apprentice product',
				source: viaThriveCart ? 'Purchased' : 'Manually added',
				icon: viaThriveCart ? 'thrivecart-product' : 'apprentice-product',
				date: displayDate(order.createdAt),
			};
		});
		// Role rules are not order items: TA lists them without an item id.
		const fromRoles = roleProductIds(ctx.state, user).map((productId) => {
			const rule = ctx.state.roleAccess.find((r) => r.productId === productId && user.roles.includes(r.role));
			return {
				order_id: 0,
				product_id: productId,
				name: ctx.state.products.find((p) => p.id === productId)?.name || '',
				type: 'Apprentice product',
				source: `WordPress role: ${rule ? rule.role : ''}`,
				icon: 'apprentice-product',
				date: displayDate(user.registered),
			};
		});
		return reply(200, [...fromOrders, ...fromRoles]);
	},
};

/** @type {Route} */
const disableItem = {
	method: 'DELETE',
	path: '/tva/v1/customer/(?<userId>\\d+)/disable-item/(?<itemId>\\d+)',
	auth: 'user',
	permission: canUseApprentice,
	handle: (ctx) => {
		// TA ignores the customer id here: the item is disabled whoever owns it.
		const itemId = toInt(ctx.urlParams.itemId);
		const item = ctx.state.orders.flatMap((o) => o.items).find((i) => i.id === itemId);
		if (!item || item.status !== ITEM_ACTIVE) return wpErrorNoData('order_item_not_saved', 'Removing access was not possible');
		item.status = ITEM_DISABLED;
		return reply(200, true);
	},
};

/** @type {Route} */
const listCustomers = {
	method: 'GET',
	path: '/tva/v1/customer',
	auth: 'user',
	permission: canUseApprentice,
	handle: (ctx) => {
		const s = typeof ctx.params.s === 'string' ? ctx.params.s.toLowerCase() : '';
		const members = ctx.state.users.filter((u) => hasAnyAccess(ctx.state, u) && (s === '' || u.email.toLowerCase().includes(s)));
		// Observed: without `limit` the items are empty while the total is right.
		const limit = ctx.params.limit === undefined ? 0 : Math.max(0, toInt(ctx.params.limit));
		const offset = Math.max(0, toInt(ctx.params.offset));
		const items = members.slice(offset, offset + limit).map((u) => customerRow(ctx.state, u));
		return reply(200, { products: ctx.state.products.map(productTerm), total: members.length, items });
	},
};

/** @type {Route} */
const addCustomer = {
	method: 'POST',
	path: '/tva/v1/customer',
	auth: 'user',
	required: ['services'],
	validate: (ctx) => {
		const email = ctx.params.user_email;
		return typeof email === 'string' && isEmail(email.trim())
			? null
			: invalidParams({ user_email: { code: 'rest_invalid_email', message: 'Invalid email address.' } });
	},
	permission: canUseApprentice,
	handle: (ctx) => {
		const email = String(ctx.params.user_email).trim();
		let user = findUserByEmail(ctx.state, email);
		if (user && ctx.state.orders.some((o) => o.userId === /** @type {User} */ (user).id && o.status === ORDER_COMPLETED)) {
			return reply(405, { message: "The member already exists! If you want to update the user's access please use the Edit Access Rights option" });
		}
		let created = false;
		if (!user) {
			const displayName = typeof ctx.params.display_name === 'string' && ctx.params.display_name.trim() !== '' ? ctx.params.display_name.trim() : email.slice(0, email.indexOf('@'));
			const result = insertUser(ctx.store, { login: sanitizeUser(email, true), email, password: generatePassword(), displayName });
			if ('error' in result) return wpErrorNoData(result.error.code, result.error.message);
			user = result.user;
			created = true;
		}
		const services = ctx.params.services && typeof ctx.params.services === 'object' ? ctx.params.services : {};
		addManualOrder(ctx, user, existingProductIds(ctx, services.course_ids));
		const notify = ['1', 'true'].includes(String(ctx.params.notify));
		if (created && notify && ctx.state.settings.wordpressNewAccountEmail) sendWordPressWelcome(ctx.store, user, ctx.siteUrl);
		return reply(200, { ...memberDetail(ctx.state, ctx.siteUrl, user), message: `Member ${user.displayName} has been added!` });
	},
};

/** @type {Route} */
const replaceCustomer = {
	method: 'POST',
	path: '/tva/v1/customer/(?<userId>\\d+)',
	auth: 'user',
	permission: canUseApprentice,
	handle: (ctx) => {
		const user = userFromPath(ctx);
		if (!user) return wpError('resource_not_found', 'Customer not found.', 404);
		// TA's customer save replaces every order of the member with what the form holds.
		ctx.state.orders = ctx.state.orders.filter((o) => o.userId !== user.id);
		const services = ctx.params.services && typeof ctx.params.services === 'object' ? ctx.params.services : {};
		addManualOrder(ctx, user, existingProductIds(ctx, services.course_ids ?? ctx.params.course_ids));
		return reply(200, memberDetail(ctx.state, ctx.siteUrl, user));
	},
};

module.exports = { routes: [listCustomers, addCustomer, replaceCustomer, addAccess, customerProducts, purchasedItems, disableItem] };
