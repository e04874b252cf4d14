/**
 * The one shape the trigger outputs for every ThriveCart event, whatever the delivery style or encoding,
 * and its check. The types allow the nulls an event can legitimately have; `deliveryProblems` checks the
 * values and then requires what each event cannot do without (an order needs a customer email, a
 * refund needs the refunded item, …). Written by hand rather than with a schema library so the package
 * needs nothing at run time but Node and n8n (its `dependencies` stay empty).
 */
import { ITEM_TYPES, type ItemType, type PurchasedItem } from '../../shared/itemKey';
import {
	AFFECTED_ITEM_EVENTS,
	CANONICAL_EVENTS,
	CUSTOMER_EVENTS,
	ORDER_EVENTS,
	SUBSCRIPTION_EVENTS,
	type CanonicalEvent,
} from './events';

/** A purchased item as the trigger outputs it: the shared item plus its amount in currency units. */
export interface DeliveryItem extends PurchasedItem {
	/** `amount` in currency units with the currency code, e.g. `"97.00 USD"`; null when the amount is unknown. */
	amountFormatted: string | null;
}

export interface DeliveryCustomer {
	id: string | null;
	email: string | null;
	firstName: string | null;
	lastName: string | null;
	name: string | null;
	phone: string | null;
	country: string | null;
}

export interface DeliveryOrder {
	id: string | null;
	invoiceId: string | null;
	currency: string | null;
	/** Minor units (cents): 12400 is 124.00. */
	total: number | null;
	/** `total` in currency units with the currency code, e.g. `"124.00 USD"`. */
	totalFormatted: string | null;
	processor: string | null;
}

export interface DeliveryBaseProduct {
	id: string | null;
	name: string | null;
	label: string | null;
	pricingOptionId: string | null;
}

export interface DeliveryRefund {
	/** Minor units (cents). */
	amount: number | null;
	/** `amount` in currency units with the currency code. */
	amountFormatted: string | null;
	/** Whether less than the refunded item (or the order) was paid back; null when it cannot be known. */
	isPartial: boolean | null;
	proRata: boolean | null;
}

export interface DeliverySubscription {
	id: string | null;
	billingPeriodEnd: string | null;
	nextPaymentDate: string | null;
	/** null means unlimited. */
	remainingRebills: number | null;
	paymentNumber: number | null;
	frequency: string | null;
}

export const DELIVERY_STYLES = ['account webhook', 'event subscription'] as const;
export type DeliveryStyle = (typeof DELIVERY_STYLES)[number];

export interface ThriveCartDelivery {
	event: CanonicalEvent | null;
	thriveCartEvent: string | null;
	deliveryStyle: DeliveryStyle;
	deliveryId: string;
	mode: 'live' | 'test' | null;
	account: string | null;
	date: string | null;
	customer: DeliveryCustomer | null;
	order: DeliveryOrder | null;
	baseProduct: DeliveryBaseProduct | null;
	items: DeliveryItem[];
	affectedItem: DeliveryItem | null;
	refund: DeliveryRefund | null;
	subscription: DeliverySubscription | null;
	problems?: string[];
	raw?: Record<string, unknown>;
}

/** Collects readable lines: `customer.email is missing`, `items.0.id is not a ThriveCart id`. */
class Problems {
	readonly lines: string[] = [];

	add(path: Array<string | number>, message: string): void {
		this.lines.push(`${path.join('.') || 'delivery'} ${message}`);
	}
}

type Check = (value: unknown) => string | undefined;

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const ITEM_KEY = /^(product|bump|upsell|downsell)-\d+$/;

const nullable =
	(check: Check): Check =>
	(value) =>
		value === null ? undefined : check(value);
const aString: Check = (value) => (typeof value === 'string' ? undefined : `should be text, not ${describe(value)}`);
const nonEmpty: Check = (value) => aString(value) ?? (value === '' ? 'is empty' : undefined);
const wholeNumber: Check = (value) => (Number.isSafeInteger(value) ? undefined : `should be a whole number, not ${describe(value)}`);
const aBoolean: Check = (value) => (typeof value === 'boolean' ? undefined : `should be true or false, not ${describe(value)}`);
const matching =
	(pattern: RegExp, message: string): Check =>
	(value) =>
		aString(value) ?? (pattern.test(value as string) ? undefined : message);
const oneOf =
	(values: readonly string[], message: string): Check =>
	(value) =>
		typeof value === 'string' && values.includes(value) ? undefined : message;
const isoDateTime = matching(ISO_DATE_TIME, 'is not an ISO 8601 date and time');

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : typeof value;
}

function checkFields(problems: Problems, path: Array<string | number>, value: unknown, fields: Record<string, Check>): void {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		problems.add(path, `should be an object, not ${describe(value)}`);
		return;
	}
	const record = value as Record<string, unknown>;
	for (const [name, check] of Object.entries(fields)) {
		const message = name in record ? check(record[name]) : 'is missing';
		if (message) problems.add([...path, name], message);
	}
}

const ITEM_FIELDS: Record<string, Check> = {
	key: matching(ITEM_KEY, 'is not a ThriveCart item key like product-12'),
	type: oneOf(ITEM_TYPES as readonly ItemType[], 'is not product, bump, upsell or downsell'),
	id: matching(/^\d+$/, 'is not a ThriveCart id'),
	name: nullable(aString),
	pricingOptionId: nullable(aString),
	pricingOptionName: nullable(aString),
	payment: oneOf(['single', 'recurring'], 'is not single or recurring'),
	amount: nullable(wholeNumber),
	amountFormatted: nullable(aString),
	subscriptionId: nullable(aString),
};

const CUSTOMER_FIELDS: Record<string, Check> = {
	id: nullable(nonEmpty),
	email: nullable(matching(/^[^@\s]+@[^@\s]+$/, 'is not an email address')),
	firstName: nullable(aString),
	lastName: nullable(aString),
	name: nullable(aString),
	phone: nullable(aString),
	country: nullable(aString),
};

const ORDER_FIELDS: Record<string, Check> = {
	id: nullable(nonEmpty),
	invoiceId: nullable(aString),
	currency: nullable(aString),
	total: nullable(wholeNumber),
	totalFormatted: nullable(aString),
	processor: nullable(aString),
};

const BASE_PRODUCT_FIELDS: Record<string, Check> = {
	id: nullable(nonEmpty),
	name: nullable(aString),
	label: nullable(aString),
	pricingOptionId: nullable(aString),
};

const REFUND_FIELDS: Record<string, Check> = {
	amount: nullable(wholeNumber),
	amountFormatted: nullable(aString),
	isPartial: nullable(aBoolean),
	proRata: nullable(aBoolean),
};

const SUBSCRIPTION_FIELDS: Record<string, Check> = {
	id: nullable(aString),
	billingPeriodEnd: nullable(isoDateTime),
	nextPaymentDate: nullable(isoDateTime),
	remainingRebills: nullable(wholeNumber),
	paymentNumber: nullable(wholeNumber),
	frequency: nullable(aString),
};

const TOP_FIELDS: Record<string, Check> = {
	event: nullable(oneOf(CANONICAL_EVENTS, 'is not an event ThriveCart sends')),
	thriveCartEvent: nullable(aString),
	deliveryStyle: oneOf(DELIVERY_STYLES, 'is not account webhook or event subscription'),
	deliveryId: nonEmpty,
	mode: nullable(oneOf(['live', 'test'], 'is not live or test')),
	account: nullable(aString),
	date: nullable(isoDateTime),
};

function checkNested(problems: Problems, name: string, value: unknown, fields: Record<string, Check>): void {
	if (value !== null) checkFields(problems, [name], value, fields);
}

/** What is wrong with a delivery, one readable line each; empty when it is valid for its event. */
export function deliveryProblems(delivery: ThriveCartDelivery): string[] {
	const problems = new Problems();
	checkFields(problems, [], delivery, TOP_FIELDS);
	checkNested(problems, 'customer', delivery.customer, CUSTOMER_FIELDS);
	checkNested(problems, 'order', delivery.order, ORDER_FIELDS);
	checkNested(problems, 'baseProduct', delivery.baseProduct, BASE_PRODUCT_FIELDS);
	if (Array.isArray(delivery.items)) delivery.items.forEach((item, index) => checkFields(problems, ['items', index], item, ITEM_FIELDS));
	else problems.add(['items'], 'should be a list');
	checkNested(problems, 'affectedItem', delivery.affectedItem, ITEM_FIELDS);
	checkNested(problems, 'refund', delivery.refund, REFUND_FIELDS);
	checkNested(problems, 'subscription', delivery.subscription, SUBSCRIPTION_FIELDS);
	if (problems.lines.length > 0) return problems.lines;

	const missing = (...path: string[]) => problems.add(path, 'is missing');
	const event = delivery.event;
	if (event === null) {
		problems.add(['event'], 'is not an event ThriveCart sends');
		return problems.lines;
	}
	if (CUSTOMER_EVENTS.includes(event)) {
		if (!delivery.customer) missing('customer');
		else if (!delivery.customer.email) missing('customer', 'email');
	}
	if (ORDER_EVENTS.includes(event)) {
		if (!delivery.order?.id) missing('order', 'id');
		if (delivery.items.length === 0) missing('items');
	}
	if (AFFECTED_ITEM_EVENTS.includes(event) && !delivery.affectedItem) missing('affectedItem');
	if (event === 'order.refund' && !delivery.refund) missing('refund');
	if (SUBSCRIPTION_EVENTS.includes(event) && !delivery.subscription) missing('subscription');
	return problems.lines;
}
