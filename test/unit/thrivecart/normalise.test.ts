import { normaliseDelivery, parseDelivery, type ThriveCartDelivery } from '../../../nodes/ThriveCartTrigger/thrivecart';
import { httpBuildQuery } from '../../support/httpBuildQuery';
import {
	builtFixtureNames,
	builtForm,
	builtJson,
	builtPayload,
	FIXTURE_SECRET,
	FORM,
	JSON_TYPE,
	sharedFixtureNames,
	sharedForm,
	sharedJson,
} from '../../support/thrivecartFixtures';

function deliveryFrom(body: Buffer, contentType: string, includeRaw = false): ThriveCartDelivery {
	const parsed = parseDelivery(body, contentType, undefined, { includeRaw });
	if (!parsed.ok) throw new Error(parsed.problem);
	return parsed.delivery;
}

function built(name: string): ThriveCartDelivery {
	return deliveryFrom(builtJson(name), JSON_TYPE);
}

describe('the shared real captures, in both encodings', () => {
	it.each(sharedFixtureNames())('%s: form and JSON give the same valid delivery', (name) => {
		const fromForm = deliveryFrom(sharedForm(name), FORM, true);
		const fromJson = deliveryFrom(sharedJson(name), JSON_TYPE, true);
		expect(fromForm).toEqual(fromJson);
		expect(fromJson.problems).toBeUndefined();
		expect(JSON.stringify(fromJson)).not.toContain(FIXTURE_SECRET);
	});

	it.each(sharedFixtureNames())('%s: the form capture is exactly what http_build_query makes of the JSON', (name) => {
		expect(httpBuildQuery(JSON.parse(sharedJson(name).toString('utf8')))).toBe(sharedForm(name).toString('utf8'));
	});

	it('reads the 2018 test-mode PayPal order on a monthly pricing option', () => {
		const delivery = deliveryFrom(sharedForm('order-success-2018-test-paypal-subscription'), FORM);
		expect(delivery).toMatchObject({
			event: 'order.success',
			thriveCartEvent: 'order.success',
			deliveryStyle: 'account webhook',
			mode: 'test',
			account: 'engaging',
			date: '2018-10-15T10:04:38.000Z',
			customer: { id: '4244502', email: 'buyer@example.test', firstName: 'Alex', lastName: 'Alex', name: 'Alex Alex', phone: null, country: 'IN' },
			order: { id: '1007038', invoiceId: '000000004', currency: 'EUR', total: 3000, totalFormatted: '30.00 EUR', processor: 'paypal' },
			baseProduct: { id: '2', name: null, label: null, pricingOptionId: null },
			affectedItem: null,
			refund: null,
			subscription: null,
		});
		expect(delivery.items).toEqual([
			{
				key: 'product-2',
				type: 'product',
				id: '2',
				name: 'HostingBuddy Starter Paket',
				pricingOptionId: '78572',
				pricingOptionName: 'Monatlich (30 €/Monat)',
				payment: 'recurring',
				amount: 3000,
				amountFormatted: '30.00 EUR',
				subscriptionId: null,
			},
		]);
		expect(delivery.deliveryId).toMatch(/^tc-[0-9a-f]{32}$/);
	});

	it('reads the 2020 live rebill: the item from subscription{}, the pricing option from base_payment_plan', () => {
		const delivery = deliveryFrom(sharedJson('order-subscription-payment-2020-live-stripe'), JSON_TYPE);
		expect(delivery).toMatchObject({
			event: 'order.subscription_payment',
			mode: 'live',
			order: { id: '3230022', invoiceId: '000000141-6', total: 6900, processor: 'stripe', currency: 'USD' },
			customer: { phone: '+1 555 0100', email: 'buyer@example.test' },
			affectedItem: { key: 'product-17', pricingOptionId: '31670', payment: 'recurring', amount: 6900 },
			subscription: {
				id: null,
				billingPeriodEnd: null,
				nextPaymentDate: '2020-08-24T05:17:33.000Z',
				remainingRebills: null,
				paymentNumber: 6,
				frequency: 'month',
			},
		});
		expect(delivery.items).toEqual([]);
	});

	it('takes the abandoning visitor from viewer{}, not customer{}', () => {
		const delivery = deliveryFrom(sharedForm('cart-abandoned-2020'), FORM);
		expect(delivery).toMatchObject({
			event: 'cart.abandoned',
			mode: null,
			order: null,
			customer: { email: 'ralph@example.test', name: 'Ralph', country: 'US' },
			baseProduct: { id: '24', name: 'EngageMore CRM Lead Integration', label: 'Zapier Integration Bundle (monthly)' },
			date: '2020-08-31T16:03:41.000Z',
		});
	});
});

describe('the built fixtures', () => {
	const accountWebhookFixtures = builtFixtureNames().filter((name) => !name.startsWith('es-'));

	it.each(accountWebhookFixtures)('%s: form (http_build_query) and JSON give the same valid delivery', (name) => {
		const fromForm = deliveryFrom(builtForm(name), FORM, true);
		const fromJson = deliveryFrom(builtJson(name), JSON_TYPE, true);
		// Only the raw payloads may differ: a form body cannot carry an empty list (`future_charges: []`).
		expect({ ...fromForm, raw: undefined }).toEqual({ ...fromJson, raw: undefined });
		expect(fromJson.problems).toBeUndefined();
		expect(fromJson.deliveryStyle).toBe('account webhook');
		expect(JSON.stringify(fromJson)).not.toContain(FIXTURE_SECRET);
	});

	it.each(builtFixtureNames().filter((name) => name.startsWith('es-')))('%s: an Event Subscription delivery with its webhook_id', (name) => {
		const delivery = built(name);
		expect(delivery.problems).toBeUndefined();
		expect(delivery.deliveryStyle).toBe('event subscription');
		expect(delivery.deliveryId).toBe(builtPayload(name).webhook_id);
	});

	it('lower-cases and trims the email', () => {
		expect(built('order-success-bump').customer?.email).toBe('jane.doe@example.test');
	});

	it('lists a bump beside its product, with the same id and its own charge', () => {
		expect(built('order-success-bump').items.map(({ key, id, amount, payment }) => ({ key, id, amount, payment }))).toEqual([
			{ key: 'product-12', id: '12', amount: 19900, payment: 'single' },
			{ key: 'bump-12', id: '12', amount: 2700, payment: 'single' },
		]);
	});

	it('lists upsells and downsells with their own pricing options', () => {
		expect(built('order-success-upsell').items[1]).toEqual({
			key: 'upsell-5',
			type: 'upsell',
			id: '5',
			name: 'Coaching call',
			pricingOptionId: '5501',
			pricingOptionName: 'Single call',
			payment: 'single',
			amount: 9700,
			amountFormatted: '97.00 USD',
			subscriptionId: null,
		});
		expect(built('order-success-downsell').items[1]).toMatchObject({ key: 'downsell-6', type: 'downsell', amount: 4700 });
	});

	it('reads the pricing option of a payment plan and its subscription id', () => {
		const delivery = built('order-success-pricing-option');
		expect(delivery.baseProduct?.pricingOptionId).toBe('90211');
		expect(delivery.items).toEqual([
			expect.objectContaining({ key: 'product-12', pricingOptionId: '90211', pricingOptionName: '3 payments of $67', payment: 'recurring', amount: 6700, subscriptionId: 'sub_9001' }),
		]);
	});

	it('reads a four-item order in purchase-map order, subscription ids "false" as null', () => {
		const delivery = built('order-success-multi-item');
		expect(delivery.items.map((item) => [item.key, item.payment, item.amount, item.subscriptionId])).toEqual([
			['product-12', 'recurring', 4900, 'sub_9002'],
			['bump-12', 'single', 2700, null],
			['upsell-5', 'single', 9700, null],
			['downsell-6', 'single', 4700, null],
		]);
		expect(delivery.order?.total).toBe(22000);
	});

	it('tells a full refund from a partial one against the refunded item\'s charge when the charges came along', () => {
		expect(built('refund-product-full')).toMatchObject({ affectedItem: { key: 'product-12', amount: 19900 }, refund: { amount: 19900, amountFormatted: '199.00 USD', isPartial: false, proRata: false } });
		expect(built('refund-bump-partial')).toMatchObject({ affectedItem: { key: 'bump-12', amount: 2700 }, refund: { amount: 1000, amountFormatted: '10.00 USD', isPartial: true } });
	});

	it('tells full from partial against the order total when the charges are absent, as in real refund deliveries', () => {
		const noCharges = builtPayload('refund-product-no-charges');
		type Editable = Record<string, unknown> & { refund: Record<string, unknown>; order: Record<string, unknown> };
		const refundOf = (changes: (payload: Editable) => void) => {
			const payload = structuredClone(noCharges) as Editable;
			changes(payload);
			return normaliseDelivery(payload).refund;
		};
		// 199.00 back on a 226.00 order that the delivery shows nothing else of: partial.
		expect(built('refund-product-no-charges')).toMatchObject({ affectedItem: { key: 'product-12', amount: null }, refund: { amount: 19900, isPartial: true } });
		// The whole total back: full, whatever the order held.
		expect(refundOf((p) => (p.refund.amount = '22600'))).toMatchObject({ isPartial: false });
		expect(refundOf((p) => ((p.refund.amount = '22600'), (p.purchase_map = ['product-12', 'bump-12'])))).toMatchObject({ isPartial: false });
		// Less than the total of an order known to hold another item: the total cannot tell.
		expect(refundOf((p) => (p.purchase_map = ['product-12', 'bump-12']))).toMatchObject({ isPartial: null });
		// ThriveCart's pro-rata refunds are partial by definition.
		expect(refundOf((p) => ((p['pro-rata'] = '1'), (p.purchase_map = ['product-12', 'bump-12'])))).toMatchObject({ isPartial: true, proRata: true });
		// Neither charges nor a total: unknown.
		expect(refundOf((p) => delete p.order.total)).toMatchObject({ isPartial: null });
		expect(refundOf((p) => (p.refund.amount = 'null'))).toMatchObject({ amount: null, amountFormatted: null, isPartial: null });
	});

	it('reads cancellation, pause, resume and failed rebill with the affected subscription item', () => {
		expect(built('subscription-cancelled')).toMatchObject({
			event: 'order.subscription_cancelled',
			affectedItem: { key: 'product-12', payment: 'recurring', subscriptionId: 'sub_9002' },
			subscription: { id: 'sub_9002', billingPeriodEnd: '2025-07-04T09:15:00.000Z', remainingRebills: null },
		});
		expect(built('subscription-paused')).toMatchObject({ event: 'order.subscription_paused', affectedItem: { key: 'product-12' } });
		expect(built('subscription-resumed')).toMatchObject({ event: 'order.subscription_resumed', subscription: { nextPaymentDate: '2025-07-04T09:15:00.000Z' } });
		expect(built('rebill-failed')).toMatchObject({ event: 'order.rebill_failed', subscription: { remainingRebills: 2, paymentNumber: 2 } });
	});

	it('maps Event Subscription names onto the canonical events', () => {
		expect(built('es-order-created').event).toBe('order.success');
		expect(built('es-order-refund-bump')).toMatchObject({ event: 'order.refund', thriveCartEvent: 'order_refund_bump', affectedItem: { key: 'bump-12' }, refund: { isPartial: true } });
		expect(built('es-order-rebill')).toMatchObject({ event: 'order.subscription_payment', subscription: { paymentNumber: 3 }, order: { invoiceId: '000000102-3' } });
		expect(built('es-order-rebill-cancelled').event).toBe('order.subscription_cancelled');
	});

	it('gives an order.payment delivery only the item that was paid', () => {
		const delivery = built('es-order-payment-bump');
		expect(delivery.event).toBe('order.payment');
		expect(delivery.items).toEqual([expect.objectContaining({ key: 'bump-12', amount: 2700, name: 'Workbook bundle' })]);
	});

	it('keeps JSON-number ids as strings, big ones exact', () => {
		const delivery = built('es-order-created');
		expect(delivery.baseProduct?.id).toBe('12');
		expect(delivery.customer?.id).toBe('429583657898226838');
		expect(delivery.order?.total).toBe(22600);
	});
});

describe('payloads that cannot give a valid delivery', () => {
	it('still gives an item: best-effort fields, readable problems and the raw payload without the secret', () => {
		const payload = builtPayload('order-success-bump');
		const customer = payload.customer as Record<string, unknown>;
		delete customer.email;
		payload.nested = { deeper: [{ thrivecart_secret: FIXTURE_SECRET }] };
		const delivery = normaliseDelivery(payload);
		expect(delivery.problems).toEqual(['customer.email is missing']);
		expect(delivery.order?.id).toBe('4100001');
		expect(delivery.items).toHaveLength(2);
		expect(delivery.raw).toMatchObject({ event: 'order.success', nested: { deeper: [{}] } });
		expect(delivery.raw).not.toHaveProperty('thrivecart_secret');
		expect(JSON.stringify(delivery)).not.toContain(FIXTURE_SECRET);
	});

	it('names every missing piece of a refund', () => {
		const delivery = normaliseDelivery({ event: 'order.refund', thrivecart_secret: FIXTURE_SECRET, customer: { email: 'a@b.test' } });
		expect(delivery.problems).toEqual(expect.arrayContaining(['affectedItem is missing', 'refund is missing']));
	});

	it('reports an event ThriveCart does not send', () => {
		for (const name of ['order.refunded', 'order.failed', 'subscription_rebill']) {
			const delivery = normaliseDelivery({ event: name, customer: { email: 'a@b.test' } });
			expect(delivery.event).toBeNull();
			expect(delivery.thriveCartEvent).toBe(name);
			expect(delivery.problems).toEqual(['event is not an event ThriveCart sends']);
		}
	});

	it('reports an email that is not one', () => {
		const payload = builtPayload('order-success-bump');
		(payload.customer as Record<string, unknown>).email = 'not an email';
		expect(normaliseDelivery(payload).problems).toEqual(['customer.email is not an email address']);
	});

	it('attaches the raw payload to a valid delivery only when asked', () => {
		const payload = builtPayload('order-success-bump');
		expect(normaliseDelivery(payload).raw).toBeUndefined();
		const withRaw = normaliseDelivery(payload, { includeRaw: true });
		expect(withRaw.raw).toMatchObject({ order_id: '4100001' });
		expect(JSON.stringify(withRaw)).not.toContain(FIXTURE_SECRET);
	});
});
