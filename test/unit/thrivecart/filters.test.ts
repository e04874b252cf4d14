import { passesFilters } from '../../../nodes/ThriveCartTrigger/thrivecart/filters';
import { normaliseDelivery } from '../../../nodes/ThriveCartTrigger/thrivecart/normalise';
import { builtPayload } from '../../support/thrivecartFixtures';

const all = { events: [] as string[], mode: 'both' as const, productIds: [] as string[] };

describe('delivery filters', () => {
	const order = normaliseDelivery(builtPayload('order-success-multi-item'));
	const refund = normaliseDelivery(builtPayload('refund-bump-partial'));

	it('passes chosen events and stops the others', () => {
		expect(passesFilters(order, { ...all, events: ['order.success'] })).toBe(true);
		expect(passesFilters(order, { ...all, events: ['order.refund'] })).toBe(false);
		expect(passesFilters(refund, { ...all, events: ['order.refund', 'order.success'] })).toBe(true);
		expect(passesFilters(order, all)).toBe(true);
	});

	it('never passes an event ThriveCart does not send', () => {
		expect(passesFilters(normaliseDelivery({ event: 'order.refunded' }), all)).toBe(false);
	});

	it('filters by mode, letting a delivery without a mode through', () => {
		expect(passesFilters(order, { ...all, mode: 'live' })).toBe(true);
		expect(passesFilters(order, { ...all, mode: 'test' })).toBe(false);
		const test = normaliseDelivery({ ...builtPayload('order-success-bump'), mode: 'test', mode_int: '1' });
		expect(passesFilters(test, { ...all, mode: 'test' })).toBe(true);
		expect(passesFilters(test, { ...all, mode: 'live' })).toBe(false);
		const noMode = normaliseDelivery({ event: 'customer_updated', customer: { email: 'a@b.test' } });
		expect(passesFilters(noMode, { ...all, mode: 'live' })).toBe(true);
	});

	it('matches products on the base product and on purchased or affected products and bumps', () => {
		expect(passesFilters(order, { ...all, productIds: ['12'] })).toBe(true);
		expect(passesFilters(order, { ...all, productIds: ['99'] })).toBe(false);
		// Upsell and downsell ids are their own namespace, not product ids.
		expect(passesFilters(order, { ...all, productIds: ['5'] })).toBe(false);
		const elsewhere = normaliseDelivery({ ...builtPayload('refund-bump-partial'), base_product: '77' });
		expect(passesFilters(elsewhere, { ...all, productIds: ['12'] })).toBe(true);
		expect(passesFilters(elsewhere, { ...all, productIds: ['77'] })).toBe(true);
		expect(passesFilters(elsewhere, { ...all, productIds: ['13'] })).toBe(false);
	});
});
