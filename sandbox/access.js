// @ts-check
'use strict';
/**
 * Who has which product: a completed order with an active item for it, or a role rule (which orders
 * cannot revoke).
 */
const { ORDER_COMPLETED, ITEM_ACTIVE } = require('./orders');

/** @typedef {import('./store').State} State */
/** @typedef {import('./store').User} User */
/** @typedef {import('./store').Product} Product */

/**
 * Active items of the user's completed orders, oldest first.
 * @param {State} state
 * @param {number} userId
 */
function activeItems(state, userId) {
	return state.orders
		.filter((o) => o.userId === userId && o.status === ORDER_COMPLETED)
		.flatMap((o) => o.items.filter((i) => i.status === ITEM_ACTIVE).map((item) => ({ order: o, item })));
}

/**
 * Product ids granted by the user's roles.
 * @param {State} state
 * @param {User} user
 * @returns {number[]}
 */
function roleProductIds(state, user) {
	return state.roleAccess.filter((r) => user.roles.includes(r.role)).map((r) => r.productId);
}

/**
 * Every existing product the user has, from any source, by id.
 * @param {State} state
 * @param {User} user
 * @returns {Product[]}
 */
function productsOf(state, user) {
	const ids = new Set([...activeItems(state, user.id).map((x) => x.item.productId), ...roleProductIds(state, user)]);
	return state.products.filter((p) => ids.has(p.id));
}

/**
 * @param {State} state
 * @param {User} user
 * @param {number} productId
 */
function owns(state, user, productId) {
	return activeItems(state, user.id).some((x) => x.item.productId === productId) || roleProductIds(state, user).includes(productId);
}

/**
 * "Members": users with some Thrive Apprentice access.
 * @param {State} state
 * @param {User} user
 */
function hasAnyAccess(state, user) {
	return activeItems(state, user.id).length > 0 || roleProductIds(state, user).length > 0;
}

/**
 * Users whose access includes the product (orders and roles).
 * @param {State} state
 * @param {number} productId
 */
function customersOf(state, productId) {
	return state.users.filter((u) => owns(state, u, productId));
}

module.exports = { activeItems, roleProductIds, productsOf, owns, hasAnyAccess, customersOf };
