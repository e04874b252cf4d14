/**
 * A decoded ThriveCart payload → the one documented delivery shape (schema.ts). Liberal in what it reads
 * (dotted or underscored names, form strings or JSON types, fields at the top or nested in `order`,
 * `purchase`, `subscription`), strict in what it writes. A payload that cannot give a valid shape still
 * gives an item: the best-effort fields, readable `problems`, and the raw payload without the secret.
 */
import type { PurchasedItem } from '../../shared/itemKey';
import { deriveDeliveryId } from './deliveryId';
import {
	isEventSubscriptionName,
	itemTypeInEventName,
	SUBSCRIPTION_EVENTS,
	toCanonicalEvent,
	type CanonicalEvent,
} from './events';
import { buildItem, chargeRows, purchasedRefs, referencedItem, rowsFor } from './items';
import { deliverySchema, describeIssues, type DeliveryStyle, type ThriveCartDelivery } from './schema';
import { stripSecrets } from './secret';
import { asRecord, bool, firstOf, id, integer, isoDate, text, type Raw } from './values';

export interface NormaliseOptions {
	/** Attach the payload (secret removed) even when it is valid. */
	includeRaw?: boolean;
}

export function normaliseDelivery(payload: Raw, options: NormaliseOptions = {}): ThriveCartDelivery {
	const sentEvent = text(payload.event);
	const event = toCanonicalEvent(sentEvent) ?? null;
	const body = { ...readDelivery(payload, sentEvent, event) };
	const delivery: ThriveCartDelivery = { ...body, deliveryId: deriveDeliveryId(payload, body) };

	const checked = deliverySchema.safeParse(delivery);
	if (!checked.success) {
		return { ...delivery, problems: describeIssues(checked.error), raw: stripSecrets(payload) };
	}
	return options.includeRaw ? { ...delivery, raw: stripSecrets(payload) } : delivery;
}

function readDelivery(
	payload: Raw,
	sentEvent: string | null,
	event: CanonicalEvent | null,
): Omit<ThriveCartDelivery, 'deliveryId'> {
	const rows = chargeRows(payload);
	const context = { payload, rows };
	const typeFromName = sentEvent ? itemTypeInEventName(sentEvent) : undefined;
	const refund = event === 'order.refund' ? asRecord(payload.refund) : undefined;
	const subscriptionRecord = asRecord(payload.subscription);

	let items = purchasedRefs(payload, rows).map(({ ref, name }) => buildItem(ref, context, { name }));
	let affectedItem: PurchasedItem | null = null;

	if (event === 'order.payment' || event === 'order.payment_declined') {
		const purchase = asRecord(payload.purchase) ?? asRecord(payload.item) ?? {};
		const ref = referencedItem(purchase, typeFromName);
		const paid = ref
			? buildItem(ref, context, { name: purchase.name, amount: purchase.amount, pricingOptionId: purchase.payment_plan_id })
			: undefined;
		if (event === 'order.payment') {
			const sameType = items.filter((item) => item.type === typeFromName);
			items = paid ? [paid] : sameType.length === 1 ? sameType : [];
		} else {
			affectedItem = paid ?? null;
		}
	} else if (refund) {
		const ref = referencedItem(refund, typeFromName);
		if (ref) {
			affectedItem = buildItem(ref, context, {
				name: refund.name,
				subscriptionId: payload.subscription_id,
				payment: id(payload.subscription_id) ? 'recurring' : 'single',
			});
		}
	} else if (event && SUBSCRIPTION_EVENTS.includes(event) && subscriptionRecord) {
		const ref = referencedItem(subscriptionRecord, undefined);
		if (ref) {
			affectedItem = buildItem(ref, context, {
				name: subscriptionRecord.name,
				amount: subscriptionRecord.amount,
				pricingOptionId: subscriptionRecord.payment_plan_id,
				subscriptionId: firstOf(id, payload.subscription_id, subscriptionRecord.subscription_id),
				payment: 'recurring',
			});
		}
	}

	return {
		event,
		thriveCartEvent: sentEvent,
		deliveryStyle: deliveryStyleOf(payload, sentEvent),
		mode: modeOf(payload),
		account: text(payload.thrivecart_account),
		date: dateOf(payload),
		customer: customerOf(payload, event),
		order: event === 'cart.abandoned' ? null : orderOf(payload),
		baseProduct: baseProductOf(payload),
		items,
		affectedItem,
		refund: refund ? refundOf(payload, refund, affectedItem, rows) : null,
		subscription: event && SUBSCRIPTION_EVENTS.includes(event) && subscriptionRecord ? subscriptionOf(payload, subscriptionRecord, affectedItem) : null,
	};
}

function deliveryStyleOf(payload: Raw, sentEvent: string | null): DeliveryStyle {
	return text(payload.webhook_id) || isEventSubscriptionName(sentEvent) ? 'event subscription' : 'account webhook';
}

function modeOf(payload: Raw): 'live' | 'test' | null {
	const mode = text(payload.mode)?.toLowerCase();
	if (mode === 'live' || mode === 'test') return mode;
	const modeInt = text(payload.mode_int);
	return modeInt === '1' ? 'test' : modeInt === '2' ? 'live' : null;
}

function dateOf(payload: Raw): string | null {
	return firstOf(isoDate, payload.date_iso8601, payload.date_unix, payload.date, payload.order_timestamp, payload.order_date);
}

function customerOf(payload: Raw, event: CanonicalEvent | null): ThriveCartDelivery['customer'] {
	// cart.abandoned puts the person who left in `viewer`; `customer` may be someone else entirely.
	const person =
		(event === 'cart.abandoned' ? asRecord(payload.viewer) : undefined) ?? asRecord(payload.customer) ?? asRecord(payload.viewer);
	const email = firstOf(text, person?.email, payload.customer_email, payload.email)?.toLowerCase() ?? null;
	const customerId = firstOf(id, person?.id, payload.customer_id);
	if (!person && !email && !customerId) return null;
	let firstName = text(person?.first_name ?? person?.firstname);
	let lastName = text(person?.last_name ?? person?.lastname);
	let name = text(person?.name);
	if (name && !firstName && !lastName) {
		const [first, ...rest] = name.split(/\s+/);
		firstName = first || null;
		lastName = rest.join(' ') || null;
	}
	if (!name) name = [firstName, lastName].filter(Boolean).join(' ') || null;
	const address = asRecord(person?.address);
	return {
		id: customerId,
		email,
		firstName,
		lastName,
		name,
		phone: firstOf(text, person?.contactno, person?.phone),
		country: firstOf(text, address?.country, person?.country),
	};
}

function orderOf(payload: Raw): ThriveCartDelivery['order'] {
	const order = asRecord(payload.order) ?? {};
	const result = {
		id: firstOf(id, payload.order_id, order.id, order.order_id),
		invoiceId: firstOf(text, payload.invoice_id, order.invoice_id),
		currency: firstOf(text, payload.currency, order.currency, asRecord(payload.subscription)?.currency, asRecord(payload.refund)?.currency),
		total: firstOf(integer, order.total, payload.total),
		processor: firstOf(text, order.processor, payload.processor),
	};
	return result.id || result.invoiceId || result.total !== null ? result : null;
}

function baseProductOf(payload: Raw): ThriveCartDelivery['baseProduct'] {
	const productId = id(payload.base_product);
	if (!productId) return null;
	return {
		id: productId,
		name: text(payload.base_product_name),
		label: text(payload.base_product_label),
		pricingOptionId: id(payload.base_payment_plan),
	};
}

function refundOf(payload: Raw, refund: Raw, item: PurchasedItem | null, rows: Raw[]): ThriveCartDelivery['refund'] {
	const amount = integer(refund.amount);
	// Full or partial is only knowable when the order's charges for the item came along.
	const itemRows = item ? rowsFor(rows, item) : [];
	const isPartial = itemRows.length > 0 && amount !== null && item?.amount !== null && item?.amount !== undefined ? amount < item.amount : null;
	return { amount, isPartial, proRata: bool(payload['pro-rata'] ?? payload.pro_rata) };
}

function subscriptionOf(payload: Raw, subscription: Raw, item: PurchasedItem | null): ThriveCartDelivery['subscription'] {
	return {
		id: firstOf(id, payload.subscription_id, subscription.subscription_id, item?.subscriptionId),
		billingPeriodEnd: firstOf(isoDate, subscription.billing_period_end_iso8601, subscription.billing_period_end),
		nextPaymentDate: firstOf(isoDate, subscription.next_payment_date_iso8601, subscription.next_payment_date),
		remainingRebills: integer(subscription.remaining_rebills),
		paymentNumber: firstOf(integer, payload.recurring_payment_idx, subscription.recurring_payment_idx),
		frequency: text(subscription.frequency),
	};
}
