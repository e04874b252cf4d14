import { CANONICAL_EVENTS, subscriptionKeysFor, THRIVECART_EVENTS, toCanonicalEvent } from '../../../nodes/ThriveCartTrigger/thrivecart/events';

describe('ThriveCart event names', () => {
	it.each([
		['order.success', 'order.success'],
		['order_created', 'order.success'],
		['order_payment_upsell', 'order.payment'],
		['order_payment_declined_product', 'order.payment_declined'],
		['order_refund_bump', 'order.refund'],
		['order_refund', 'order.refund'],
		['order.refund', 'order.refund'],
		['order_rebill', 'order.subscription_payment'],
		['order_rebill_completed', 'order.subscription_completed'],
		['order_rebill_failed', 'order.rebill_failed'],
		['order_rebill_cancelled', 'order.subscription_cancelled'],
		['subscription_paused', 'order.subscription_paused'],
		['subscription_resumed', 'order.subscription_resumed'],
		['cart_abandoned', 'cart.abandoned'],
		['affiliate_approved', 'affiliate.approved'],
		['affiliate.commission_payout', 'affiliate.commission_payout'],
		['affiliate_commission_refund', 'affiliate.commission_refund'],
		['customer_updated', 'customer.updated'],
	])('%s is %s', (sent, canonical) => {
		expect(toCanonicalEvent(sent)).toBe(canonical);
	});

	it.each(['order.refunded', 'order.rebill_cancelled', 'order.failed', 'order.partial_refund', 'subscription_rebill', 'order_product', '', '*'])(
		'%s is not a name ThriveCart sends',
		(name) => {
			expect(toCanonicalEvent(name)).toBeUndefined();
		},
	);

	it('has one definition per canonical event and no alias shared between two', () => {
		expect(THRIVECART_EVENTS.map((definition) => definition.name)).toEqual([...CANONICAL_EVENTS]);
		const aliases = THRIVECART_EVENTS.flatMap((definition) => definition.aliases);
		expect(new Set(aliases).size).toBe(aliases.length);
		expect(new Set(THRIVECART_EVENTS.map((definition) => definition.displayName)).size).toBe(THRIVECART_EVENTS.length);
	});

	it('gives the Event Subscription keys for chosen events, each once', () => {
		expect(subscriptionKeysFor(['order.success', 'order.refund', 'order.subscription_cancelled'])).toEqual([
			'order_created',
			'order_refund',
			'order_rebill_cancelled',
		]);
		expect(subscriptionKeysFor(['order.payment'])).toEqual([
			'order_payment_product',
			'order_payment_bump',
			'order_payment_upsell',
			'order_payment_downsell',
		]);
		expect(subscriptionKeysFor(['customer.updated'])).toEqual([]);
		expect(subscriptionKeysFor([])).toEqual([]);
	});
});
