/**
 * Pure helpers for the API-key (ThriveCart-route) grant and revoke: order ids, the `newOrder` body and
 * the keys of the processed-items store that make both idempotent.
 */
import { createHash } from 'crypto';

import { markedName } from './orderMarker';
import { FulfilmentInputError, type MappedItem } from './productMap';

export const ORDER_SOURCE = 'n8n ThriveCart fulfilment';

/** Derived order ids live in their own range, far above ThriveCart's own order ids and below 2^53. */
const DERIVED_BASE = 8_000_000_000_000;
const DERIVED_SPAN = 1_000_000_000_000;

/** ThriveCart's order id as the Order Reference: a whole number (as number or numeric string), or nothing. */
export function normaliseOrderReference(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'number') {
		if (Number.isSafeInteger(value) && value > 0) return String(value);
	} else if (typeof value === 'string') {
		const trimmed = value.trim();
		if (trimmed === '' || trimmed === 'null' || trimmed === 'undefined') return undefined;
		if (/^\d+$/.test(trimmed) && /[1-9]/.test(trimmed)) return trimmed.replace(/^0+/, '');
	}
	throw new FulfilmentInputError(
		`Order Reference ${JSON.stringify(value)} is not a ThriveCart order id`,
		"Thrive Apprentice's ThriveCart routes only accept whole-number order ids, e.g. {{ $json.order.id }} from the ThriveCart Trigger. Leave it empty to let the node derive one from the email and products.",
	);
}

/** A stable order id for grants without a reference, so a later revoke of the same products finds it. */
export function deriveOrderId(email: string, productIds: readonly number[]): string {
	const sorted = [...productIds].sort((a, b) => a - b).join(',');
	const digest = createHash('sha256').update(`n8n|${email.trim().toLowerCase()}|${sorted}`).digest();
	const value = digest.readUIntBE(0, 6) % DERIVED_SPAN;
	return String(DERIVED_BASE + value);
}

/** Thrive Apprentice takes an integer or a numeric string; keep ids beyond 2^53 as strings. */
export function orderIdForTa(orderId: string): number | string {
	const asNumber = Number(orderId);
	return Number.isSafeInteger(asNumber) ? asNumber : orderId;
}

export interface Charge {
	type: 'single' | 'recurring';
	courses: number[];
	name: string;
	item_id: number | string;
	amount: number;
	reference: string;
	subscription_id?: string;
}

function minorToMajor(amount: number | null): number {
	return amount === null ? 0 : Math.round(amount) / 100;
}

/**
 * One charge per ThriveCart item, with only the products still to grant and none twice (TA stores one
 * order item per product per charge). Items left without products are dropped.
 */
export function chargesFromItems(mapped: readonly MappedItem[], productIds: readonly number[]): Charge[] {
	const remaining = new Set(productIds);
	const charges: Charge[] = [];
	for (const { item, productIds: itemProducts } of mapped) {
		const courses = itemProducts.filter((productId) => remaining.has(productId));
		if (courses.length === 0) continue;
		for (const productId of courses) remaining.delete(productId);
		const charge: Charge = {
			type: item.payment,
			courses,
			name: item.name ?? `ThriveCart ${item.key}`,
			item_id: orderIdForTa(item.id),
			amount: minorToMajor(item.amount),
			reference: item.pricingOptionId ? `${item.key}:${item.pricingOptionId}` : item.key,
		};
		if (item.subscriptionId) charge.subscription_id = item.subscriptionId;
		charges.push(charge);
	}
	return charges;
}

/** Products chosen directly (or through their courses): one charge per product, named by the seller's label. */
export function chargesForProducts(productIds: readonly number[], name: string): Charge[] {
	return productIds.map((productId) => ({
		type: 'single',
		courses: [productId],
		name,
		item_id: productId,
		amount: 0,
		reference: `product-id-${productId}`,
	}));
}

export interface NewOrderInput {
	email: string;
	firstName?: string;
	lastName?: string;
	orderId: string;
	currency: string;
	processor: string;
	charges: Charge[];
}

export function buildNewOrder(input: NewOrderInput): Record<string, unknown> {
	const total = Math.round(input.charges.reduce((sum, charge) => sum + charge.amount, 0) * 100) / 100;
	return {
		source: ORDER_SOURCE,
		email: input.email,
		first_name: input.firstName ?? '',
		last_name: input.lastName ?? '',
		order: {
			order_id: orderIdForTa(input.orderId),
			total,
			currency: input.currency,
			// Always sent: without it PHP emits a warning that breaks the JSON on sites that display errors.
			processor: input.processor,
			// Each item's name ends with the ThriveCart order, so the member's items say where they came from.
			charges: input.charges.map((charge) => ({ ...charge, name: markedName(charge.name, input.orderId) })),
		},
	};
}

export type AccessAction = 'grant' | 'revoke';

/** Recorded once the node has stored an order under this id: a later delivery may add to it. */
export function orderKey(orderId: string, email: string): string {
	return `order|${orderId}|${email.trim().toLowerCase()}`;
}

/** One key per product, so a later delivery that adds an upsell grants only the upsell. */
export function accessKey(action: AccessAction, orderId: string, email: string, productId: number): string {
	return `${action}|${orderId}|${email.trim().toLowerCase()}|${productId}`;
}
