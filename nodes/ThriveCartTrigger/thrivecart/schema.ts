/**
 * The one shape the trigger outputs for every ThriveCart event, whatever the delivery style or encoding.
 * The base schema allows the nulls an event can legitimately have; `deliverySchema` then requires what
 * each event cannot do without (an order needs a customer email, a refund needs the refunded item, …).
 */
import { z } from 'zod';
import { ITEM_TYPES, type PurchasedItem } from '../../shared/itemKey';
import {
	AFFECTED_ITEM_EVENTS,
	CANONICAL_EVENTS,
	CUSTOMER_EVENTS,
	ORDER_EVENTS,
	SUBSCRIPTION_EVENTS,
} from './events';

const isoDateTime = z.string().datetime({ offset: true });
const idString = z.string().min(1);

export const purchasedItemSchema = z.object({
	key: z.string().regex(/^(product|bump|upsell|downsell)-\d+$/, 'is not a ThriveCart item key like product-12'),
	type: z.enum(ITEM_TYPES),
	id: z.string().regex(/^\d+$/, 'is not a ThriveCart id'),
	name: z.string().nullable(),
	pricingOptionId: z.string().nullable(),
	pricingOptionName: z.string().nullable(),
	payment: z.enum(['single', 'recurring']),
	amount: z.number().int().nullable(),
	subscriptionId: z.string().nullable(),
}) satisfies z.ZodType<PurchasedItem>;

export const customerSchema = z.object({
	id: idString.nullable(),
	email: z.string().regex(/^[^@\s]+@[^@\s]+$/, 'is not an email address').nullable(),
	firstName: z.string().nullable(),
	lastName: z.string().nullable(),
	name: z.string().nullable(),
	phone: z.string().nullable(),
	country: z.string().nullable(),
});

export const orderSchema = z.object({
	id: idString.nullable(),
	invoiceId: z.string().nullable(),
	currency: z.string().nullable(),
	/** Minor units (cents). */
	total: z.number().int().nullable(),
	processor: z.string().nullable(),
});

export const baseProductSchema = z.object({
	id: idString.nullable(),
	name: z.string().nullable(),
	label: z.string().nullable(),
	pricingOptionId: z.string().nullable(),
});

export const refundSchema = z.object({
	/** Minor units (cents). */
	amount: z.number().int().nullable(),
	/** Compared with the item's charge when the order's charges came with the refund; otherwise unknown. */
	isPartial: z.boolean().nullable(),
	proRata: z.boolean().nullable(),
});

export const subscriptionSchema = z.object({
	id: z.string().nullable(),
	billingPeriodEnd: isoDateTime.nullable(),
	nextPaymentDate: isoDateTime.nullable(),
	/** null means unlimited. */
	remainingRebills: z.number().int().nullable(),
	paymentNumber: z.number().int().nullable(),
	frequency: z.string().nullable(),
});

export const DELIVERY_STYLES = ['account webhook', 'event subscription'] as const;

export const baseDeliverySchema = z.object({
	event: z.enum(CANONICAL_EVENTS).nullable(),
	thriveCartEvent: z.string().nullable(),
	deliveryStyle: z.enum(DELIVERY_STYLES),
	deliveryId: z.string().min(1),
	mode: z.enum(['live', 'test']).nullable(),
	account: z.string().nullable(),
	date: isoDateTime.nullable(),
	customer: customerSchema.nullable(),
	order: orderSchema.nullable(),
	baseProduct: baseProductSchema.nullable(),
	items: z.array(purchasedItemSchema),
	affectedItem: purchasedItemSchema.nullable(),
	refund: refundSchema.nullable(),
	subscription: subscriptionSchema.nullable(),
	problems: z.array(z.string()).optional(),
	raw: z.record(z.unknown()).optional(),
});

export type ThriveCartDelivery = z.infer<typeof baseDeliverySchema>;
export type DeliveryStyle = (typeof DELIVERY_STYLES)[number];

/** "is missing" reads as `customer.email is missing`. */
const MISSING = 'is missing';

export const deliverySchema = baseDeliverySchema.superRefine((delivery, context) => {
	const missing = (...path: (string | number)[]) => context.addIssue({ code: z.ZodIssueCode.custom, path, message: MISSING });
	const event = delivery.event;
	if (event === null) {
		context.addIssue({ code: z.ZodIssueCode.custom, path: ['event'], message: 'is not an event ThriveCart sends' });
		return;
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
});

/** Zod issues → readable lines: `customer.email is missing`, `items.0.id: Expected string, received number`. */
export function describeIssues(error: z.ZodError): string[] {
	return error.issues.map((issue) => {
		const path = issue.path.join('.') || 'delivery';
		return issue.message.startsWith('is ') ? `${path} ${issue.message}` : `${path}: ${issue.message}`;
	});
}
