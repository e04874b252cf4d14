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
import { buildItem, ChargeRowIndex, chargeRows, purchasedRefs, referencedItem } from './items';
import { formatMinorUnits } from './money';
import { deliveryProblems, type DeliveryItem, type DeliveryStyle, type ThriveCartDelivery } from './schema';
import { stripSecrets } from './secret';
import { asRecord, bool, firstOf, id, integer, isoDate, text, type Raw } from './values';

export interface NormaliseOptions {
	/** Attach the payload (secret removed) even when it is valid. */
	includeRaw?: boolean;
}

/**
 * More items than any ThriveCart order has (product, bumps, upsells, downsells): the rest is not read
 * and the delivery carries a problem, so a hostile signed body cannot make the trigger build 40,000 items.
 */
export const MAX_ITEMS = 1000;

export function normaliseDelivery(payload: Raw, options: NormaliseOptions = {}): ThriveCartDelivery {
	const sentEvent = text(payload.event);
	const event = toCanonicalEvent(sentEvent) ?? null;
	const { tooManyItems, ...body } = readDelivery(payload, sentEvent, event);
	const delivery: ThriveCartDelivery = { ...body, deliveryId: deriveDeliveryId(payload, body) };

	const problems = deliveryProblems(delivery);
	if (tooManyItems) problems.push(`items: the delivery names more than ${MAX_ITEMS} items; only the first ${MAX_ITEMS} were read`);
	if (problems.length > 0) return { ...delivery, problems, raw: stripSecrets(payload) };
	return options.includeRaw ? { ...delivery, raw: stripSecrets(payload) } : delivery;
}

function readDelivery(
	payload: Raw,
	sentEvent: string | null,
	event: CanonicalEvent | null,
): Omit<ThriveCartDelivery, 'deliveryId'> & { tooManyItems: boolean } {
	const rows = chargeRows(payload);
	const context = { payload, rows: new ChargeRowIndex(rows) };
	const typeFromName = sentEvent ? itemTypeInEventName(sentEvent) : undefined;
	const refund = event === 'order.refund' ? asRecord(payload.refund) : undefined;
	const subscriptionRecord = asRecord(payload.subscription);

	const currency = currencyOf(payload);
	const build = (...args: Parameters<typeof buildItem>): DeliveryItem => withAmountFormatted(buildItem(...args), currency);
	const refs = purchasedRefs(payload, rows, MAX_ITEMS + 1);
	const tooManyItems = refs.length > MAX_ITEMS;
	let items = refs.slice(0, MAX_ITEMS).map(({ ref, name }) => build(ref, context, { name }));
	let affectedItem: DeliveryItem | null = null;

	if (event === 'order.payment' || event === 'order.payment_declined') {
		const purchase = asRecord(payload.purchase) ?? asRecord(payload.item) ?? {};
		const ref = referencedItem(purchase, typeFromName);
		const paid = ref
			? build(ref, context, { name: purchase.name, amount: purchase.amount, pricingOptionId: purchase.payment_plan_id })
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
			affectedItem = build(ref, context, {
				name: refund.name,
				subscriptionId: payload.subscription_id,
				payment: id(payload.subscription_id) ? 'recurring' : 'single',
			});
		}
	} else if (event && SUBSCRIPTION_EVENTS.includes(event) && subscriptionRecord) {
		const ref = referencedItem(subscriptionRecord, undefined);
		if (ref) {
			affectedItem = build(ref, context, {
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
		order: event === 'cart.abandoned' ? null : orderOf(payload, currency),
		baseProduct: baseProductOf(payload),
		items,
		affectedItem,
		refund: refund ? refundOf(payload, refund, { item: affectedItem, rows: context.rows, items, currency }) : null,
		subscription: event && SUBSCRIPTION_EVENTS.includes(event) && subscriptionRecord ? subscriptionOf(payload, subscriptionRecord, affectedItem) : null,
		tooManyItems,
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

function currencyOf(payload: Raw): string | null {
	const order = asRecord(payload.order) ?? {};
	return firstOf(text, payload.currency, order.currency, asRecord(payload.subscription)?.currency, asRecord(payload.refund)?.currency);
}

function withAmountFormatted(item: PurchasedItem, currency: string | null): DeliveryItem {
	return { ...item, amountFormatted: formatMinorUnits(item.amount, currency) };
}

function orderOf(payload: Raw, currency: string | null): ThriveCartDelivery['order'] {
	const order = asRecord(payload.order) ?? {};
	const total = firstOf(integer, order.total, payload.total);
	const result = {
		id: firstOf(id, payload.order_id, order.id, order.order_id),
		invoiceId: firstOf(text, payload.invoice_id, order.invoice_id),
		currency,
		total,
		totalFormatted: formatMinorUnits(total, currency),
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

interface RefundContext {
	item: DeliveryItem | null;
	rows: ChargeRowIndex;
	items: DeliveryItem[];
	currency: string | null;
}

function refundOf(payload: Raw, refund: Raw, context: RefundContext): ThriveCartDelivery['refund'] {
	const amount = integer(refund.amount);
	const proRata = bool(payload['pro-rata'] ?? payload.pro_rata);
	const order = asRecord(payload.order) ?? {};
	const partial = isPartialRefund({
		amount,
		proRata,
		itemCharge: context.item && context.rows.rowsFor(context.item).length > 0 ? context.item.amount : null,
		orderTotal: firstOf(integer, order.total, payload.total),
		otherItemsKnown: context.items.some((item) => item.key !== context.item?.key),
	});
	return { amount, amountFormatted: formatMinorUnits(amount, context.currency), isPartial: partial, proRata };
}

/**
 * Full or partial, in this order: against the refunded item's own charge when the order's charges came
 * along; a pro-rata refund is partial; otherwise against the order total (real refund deliveries carry
 * no charges): the whole total paid back is full, less is partial, unless the delivery shows the order
 * held other items too (then the total cannot say how much was this item's: unknown).
 */
export function isPartialRefund(facts: {
	amount: number | null;
	proRata: boolean | null;
	itemCharge: number | null;
	orderTotal: number | null;
	otherItemsKnown: boolean;
}): boolean | null {
	if (facts.amount === null) return null;
	if (facts.itemCharge !== null) return facts.amount < facts.itemCharge;
	if (facts.proRata === true) return true;
	if (facts.orderTotal === null) return null;
	if (facts.amount >= facts.orderTotal) return false;
	return facts.otherItemsKnown ? null : true;
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
