/**
 * Pure: how a member holds one product, read from their `purchased-items`, relative to one ThriveCart
 * order. This is Thrive Apprentice's own state, the source of truth for "already granted?" and "really
 * revoked?" whenever the credential can read it.
 */
import { orderOfName } from '../../fulfilment/orderMarker';
import type { PurchasedRow } from './member';

export interface Holding {
	productId: number;
	/** Order items whose name carries this ThriveCart order (written by this node). */
	thisOrder: PurchasedRow[];
	/**
	 * ThriveCart order items without an order in their name: stored by ThriveCart's built-in integration
	 * (or an older version of this node). They may belong to this order; only refundOrder can tell.
	 */
	unattributed: PurchasedRow[];
	/** Items of other ThriveCart orders, manual grants and role-based access: not this order's business. */
	elsewhere: PurchasedRow[];
}

function isOrderItem(row: PurchasedRow): boolean {
	return typeof row.id === 'number' && Number.isFinite(row.id) && row.id > 0;
}

function isThriveCartItem(row: PurchasedRow): boolean {
	return /thrivecart/i.test(String(row.type ?? '')) || /thrivecart/i.test(String(row.icon ?? ''));
}

export function holdingOf(rows: readonly PurchasedRow[], orderId: string, productId: number): Holding {
	const holding: Holding = { productId, thisOrder: [], unattributed: [], elsewhere: [] };
	for (const row of rows) {
		if (Number(row.product_id) !== productId) continue;
		const order = orderOfName(row.name);
		if (isOrderItem(row) && order === orderId) holding.thisOrder.push(row);
		else if (isOrderItem(row) && order === undefined && isThriveCartItem(row)) holding.unattributed.push(row);
		else holding.elsewhere.push(row);
	}
	return holding;
}

/** Held through this order, as far as Thrive Apprentice's state shows. */
export function heldThroughOrder(holding: Holding): boolean {
	return holding.thisOrder.length > 0 || holding.unattributed.length > 0;
}

/** A short, readable description of an item for outputs and errors. */
export function describeItem(row: PurchasedRow): string {
	const name = typeof row.name === 'string' && row.name ? `"${row.name}"` : 'an unnamed item';
	const source = [row.type, row.source].filter((part) => typeof part === 'string' && part).join(', ');
	return `${row.id ? `order item ${row.id} ` : ''}${name}${source ? ` (${source})` : ''}`;
}
