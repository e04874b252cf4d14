/**
 * ThriveCart's event names: the one canonical list the trigger offers, and every name ThriveCart sends
 * that maps onto each. Account webhooks send dotted names (`order.refund`); the Event Subscription API
 * sends underscored keys (`order_refund_product`). Names that only circulate in third-party code
 * (`order.refunded`, `order.failed`, …) are deliberately not aliases: ThriveCart never sends them.
 */

/** Named once here: the canonical list and SUBSCRIPTION_EVENTS below both read it. */
const SUBSCRIPTION_CHANGES = [
	'order.subscription_payment',
	'order.subscription_completed',
	'order.rebill_failed',
	'order.subscription_cancelled',
	'order.subscription_paused',
	'order.subscription_resumed',
] as const;

export const CANONICAL_EVENTS = [
	'order.success',
	'order.payment',
	'order.payment_declined',
	'order.refund',
	...SUBSCRIPTION_CHANGES,
	'cart.abandoned',
	'affiliate.created',
	'affiliate.approved',
	'affiliate.rejected',
	'affiliate.commission_earned',
	'affiliate.commission_payout',
	'affiliate.commission_refund',
	'customer.updated',
] as const;

export type CanonicalEvent = (typeof CANONICAL_EVENTS)[number];

// What each kind of event carries: the delivery schema (schema.ts) requires it, normalising reads it.

/** About a whole order: its id and its items. */
export const ORDER_EVENTS: readonly CanonicalEvent[] = ['order.success', 'order.payment'];
/** About one subscription or payment plan: the subscription and the item it bills. */
export const SUBSCRIPTION_EVENTS: readonly CanonicalEvent[] = SUBSCRIPTION_CHANGES;
/** About one item after the sale (a refund or a subscription change): that affected item. */
export const AFFECTED_ITEM_EVENTS: readonly CanonicalEvent[] = ['order.refund', ...SUBSCRIPTION_EVENTS];
/** About a person who bought, paid or left a cart: the customer and their email. */
export const CUSTOMER_EVENTS: readonly CanonicalEvent[] = [
	...ORDER_EVENTS,
	...AFFECTED_ITEM_EVENTS,
	'cart.abandoned',
	'order.payment_declined',
];

export interface ThriveCartEventDefinition {
	name: CanonicalEvent;
	/** What a seller calls it in ThriveCart. */
	displayName: string;
	description: string;
	/** Every name ThriveCart sends for it, on either delivery surface. */
	aliases: readonly string[];
	/** Event Subscription keys to subscribe to (`POST /subscribe`); empty where none exists. */
	subscriptionKeys: readonly string[];
}

export const THRIVECART_EVENTS: readonly ThriveCartEventDefinition[] = [
	{
		name: 'order.success',
		displayName: 'Order Completed',
		description: 'A customer completed an order (bumps and upsells ride on it)',
		aliases: ['order.success', 'order_created'],
		subscriptionKeys: ['order_created'],
	},
	{
		name: 'order.payment',
		displayName: 'Item Paid',
		description: 'One purchased item (product, bump, upsell or downsell) was paid (Event Subscription only)',
		aliases: [
			'order_payment_product',
			'order_payment_bump',
			'order_payment_upsell',
			'order_payment_downsell',
		],
		subscriptionKeys: [
			'order_payment_product',
			'order_payment_bump',
			'order_payment_upsell',
			'order_payment_downsell',
		],
	},
	{
		name: 'order.payment_declined',
		displayName: 'Payment Declined',
		description: 'A payment for a product was declined (Event Subscription only)',
		aliases: ['order_payment_declined_product'],
		subscriptionKeys: ['order_payment_declined_product'],
	},
	{
		name: 'order.refund',
		displayName: 'Order Refunded',
		description: 'A product, bump, upsell or downsell was refunded, fully or partly',
		aliases: [
			'order.refund',
			'order_refund',
			'order_refund_product',
			'order_refund_bump',
			'order_refund_upsell',
			'order_refund_downsell',
		],
		// `order_refund` covers every item type; subscribing to the per-type keys too would deliver twice.
		subscriptionKeys: ['order_refund'],
	},
	{
		name: 'order.subscription_payment',
		displayName: 'Subscription Payment',
		description: 'A subscription or payment plan was charged again (a rebill)',
		aliases: ['order.subscription_payment', 'order_rebill'],
		subscriptionKeys: ['order_rebill'],
	},
	{
		name: 'order.subscription_completed',
		displayName: 'Payment Plan Completed',
		description: 'The last payment of a split-pay plan was made (Event Subscription only)',
		aliases: ['order_rebill_completed'],
		subscriptionKeys: ['order_rebill_completed'],
	},
	{
		name: 'order.rebill_failed',
		displayName: 'Subscription Payment Failed',
		description: 'A rebill of a subscription or payment plan failed',
		aliases: ['order.rebill_failed', 'order_rebill_failed'],
		subscriptionKeys: ['order_rebill_failed'],
	},
	{
		name: 'order.subscription_cancelled',
		displayName: 'Subscription Cancelled',
		description: 'A subscription or payment plan was cancelled',
		aliases: ['order.subscription_cancelled', 'order_rebill_cancelled'],
		subscriptionKeys: ['order_rebill_cancelled'],
	},
	{
		name: 'order.subscription_paused',
		displayName: 'Subscription Paused',
		description: 'A subscription was paused',
		aliases: ['order.subscription_paused', 'subscription_paused'],
		subscriptionKeys: ['subscription_paused'],
	},
	{
		name: 'order.subscription_resumed',
		displayName: 'Subscription Resumed',
		description: 'A paused subscription was resumed',
		aliases: ['order.subscription_resumed', 'subscription_resumed'],
		subscriptionKeys: ['subscription_resumed'],
	},
	{
		name: 'cart.abandoned',
		displayName: 'Cart Abandoned',
		description: 'A visitor entered their details at checkout and left without paying',
		aliases: ['cart.abandoned', 'cart_abandoned'],
		subscriptionKeys: ['cart_abandoned'],
	},
	{
		name: 'affiliate.created',
		displayName: 'Affiliate Created',
		description: 'Someone applied to become an affiliate (Event Subscription only)',
		aliases: ['affiliate_created'],
		subscriptionKeys: ['affiliate_created'],
	},
	{
		name: 'affiliate.approved',
		displayName: 'Affiliate Approved',
		description: 'An affiliate was approved (Event Subscription only)',
		aliases: ['affiliate_approved'],
		subscriptionKeys: ['affiliate_approved'],
	},
	{
		name: 'affiliate.rejected',
		displayName: 'Affiliate Rejected',
		description: 'An affiliate was rejected (Event Subscription only)',
		aliases: ['affiliate_rejected'],
		subscriptionKeys: ['affiliate_rejected'],
	},
	{
		name: 'affiliate.commission_earned',
		displayName: 'Affiliate Commission Earned',
		description: 'An affiliate earned a commission (live mode only)',
		aliases: ['affiliate.commission_earned', 'affiliate_commission_earned'],
		subscriptionKeys: ['affiliate_commission_earned'],
	},
	{
		name: 'affiliate.commission_payout',
		displayName: 'Affiliate Commission Paid Out',
		description: 'An affiliate commission was paid out (live mode only)',
		aliases: ['affiliate.commission_payout', 'affiliate_commission_payout'],
		subscriptionKeys: ['affiliate_commission_payout'],
	},
	{
		name: 'affiliate.commission_refund',
		displayName: 'Affiliate Commission Refunded',
		description: 'An affiliate commission was reversed by a refund (live mode only)',
		aliases: ['affiliate.commission_refund', 'affiliate_commission_refund'],
		subscriptionKeys: ['affiliate_commission_refund'],
	},
	{
		name: 'customer.updated',
		displayName: 'Customer Updated',
		description: "A customer's details were changed (account webhooks only)",
		aliases: ['customer_updated'],
		subscriptionKeys: [],
	},
];

const BY_ALIAS = new Map<string, CanonicalEvent>();
for (const definition of THRIVECART_EVENTS) {
	for (const alias of definition.aliases) BY_ALIAS.set(alias, definition.name);
}

/**
 * Names that only the Event Subscription API sends (it never sends dotted names): the keys, and the
 * per-item-type names such as `order_refund_bump` that arrive under the `order_refund` key.
 */
const SUBSCRIPTION_NAMES = new Set([
	...THRIVECART_EVENTS.flatMap((definition) => definition.subscriptionKeys),
	...THRIVECART_EVENTS.flatMap((definition) => definition.aliases).filter((alias) => itemTypeInEventName(alias) !== undefined),
]);

export function toCanonicalEvent(name: unknown): CanonicalEvent | undefined {
	if (typeof name !== 'string') return undefined;
	return BY_ALIAS.get(name.trim());
}

export function isEventSubscriptionName(name: unknown): boolean {
	return typeof name === 'string' && SUBSCRIPTION_NAMES.has(name.trim());
}

export function isCanonicalEvent(name: unknown): name is CanonicalEvent {
	return typeof name === 'string' && (CANONICAL_EVENTS as readonly string[]).includes(name);
}

export function eventDefinition(name: CanonicalEvent): ThriveCartEventDefinition {
	return THRIVECART_EVENTS.find((definition) => definition.name === name) as ThriveCartEventDefinition;
}

/** The Event Subscription keys that deliver the chosen events, each once, in list order. */
export function subscriptionKeysFor(events: readonly string[]): string[] {
	const keys = new Set<string>();
	for (const definition of THRIVECART_EVENTS) {
		if (!events.includes(definition.name)) continue;
		for (const key of definition.subscriptionKeys) keys.add(key);
	}
	return [...keys];
}

/** For `order_payment_bump` and `order_refund_upsell`: the item type the name itself carries. */
export function itemTypeInEventName(name: string): string | undefined {
	const match = /^order_(?:payment|refund|payment_declined)_(product|bump|upsell|downsell)$/.exec(name.trim());
	return match ? match[1] : undefined;
}
