// @ts-check
'use strict';
/** Thrive Apprentice's orders and order items (tables tva_orders / tva_order_items). */
const { mysqlDate } = require('./store');

/** Order status: 0 pending/disabled, 1 completed. Item status: 1 active, 0 disabled. */
const ORDER_COMPLETED = 1;
const ORDER_DISABLED = 0;
const ITEM_ACTIVE = 1;
const ITEM_DISABLED = 0;
const GATEWAY_THRIVECART = 'ThriveCart';
const GATEWAY_MANUAL = 'Added Manually';

/**
 * @typedef {{ productId: number, name: string, unitPrice?: number, gatewayOrderItemId?: string }} NewItem
 */

/**
 * Stores a completed order with one active item per entry.
 * @param {import('./store').Store} store
 * @param {{ userId: number, gateway: string, gatewayOrderId?: string, buyerEmail: string, total?: number,
 *   currency?: string, items: NewItem[] }} data
 * @returns {import('./store').Order}
 */
function createOrder(store, data) {
	const id = store.nextId('order');
	const createdAt = mysqlDate();
	const currency = data.currency || 'USD';
	/** @type {import('./store').Order} */
	const order = {
		id,
		userId: data.userId,
		status: ORDER_COMPLETED,
		gateway: data.gateway,
		gatewayOrderId: data.gatewayOrderId || '',
		buyerEmail: data.buyerEmail,
		total: data.total || 0,
		currency,
		createdAt,
		items: data.items.map((item) => ({
			id: store.nextId('orderItem'),
			orderId: id,
			productId: item.productId,
			name: item.name,
			status: ITEM_ACTIVE,
			unitPrice: item.unitPrice || 0,
			currency,
			gatewayOrderItemId: item.gatewayOrderItemId || '',
			createdAt,
		})),
	};
	store.state.orders.push(order);
	return order;
}

module.exports = { createOrder, ORDER_COMPLETED, ORDER_DISABLED, ITEM_ACTIVE, ITEM_DISABLED, GATEWAY_THRIVECART, GATEWAY_MANUAL };
