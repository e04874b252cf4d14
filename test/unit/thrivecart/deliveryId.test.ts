import { parseDelivery } from '../../../nodes/ThriveCartTrigger/thrivecart';
import { normaliseDelivery } from '../../../nodes/ThriveCartTrigger/thrivecart/normalise';
import { builtForm, builtJson, builtPayload, FORM, JSON_TYPE, sharedFixtureNames, sharedForm, sharedJson } from '../../support/thrivecartFixtures';

function idOf(body: Buffer, contentType: string): string {
	const parsed = parseDelivery(body, contentType);
	if (!parsed.ok) throw new Error(parsed.problem);
	return parsed.delivery.deliveryId;
}

describe('delivery ids', () => {
	it.each(sharedFixtureNames())('%s: the same id for a retry and for either encoding', (name) => {
		const id = idOf(sharedForm(name), FORM);
		expect(id).toMatch(/^tc-[0-9a-f]{32}$/);
		expect(idOf(sharedForm(name), FORM)).toBe(id);
		expect(idOf(sharedJson(name), JSON_TYPE)).toBe(id);
	});

	it('is the same for the built fixtures in either encoding', () => {
		for (const name of ['order-success-multi-item', 'refund-bump-partial', 'subscription-cancelled']) {
			expect(idOf(builtForm(name), FORM)).toBe(idOf(builtJson(name), JSON_TYPE));
		}
	});

	it('differs for a later delivery of the same order that adds an upsell', () => {
		const first = builtPayload('order-success-bump');
		const later = { ...first, purchase_map: ['product-12', 'bump-12', 'upsell-5'], purchase_map_flat: 'product-12, bump-12, upsell-5' };
		expect(normaliseDelivery(later).deliveryId).not.toBe(normaliseDelivery(first).deliveryId);
	});

	it('differs between events, orders, rebills and refunds of other amounts', () => {
		const ids = new Set(
			['order-success-bump', 'order-success-upsell', 'refund-product-full', 'refund-bump-partial', 'subscription-cancelled', 'subscription-paused', 'rebill-failed'].map(
				(name) => normaliseDelivery(builtPayload(name)).deliveryId,
			),
		);
		expect(ids.size).toBe(7);
		const rebill = builtPayload('rebill-failed');
		expect(normaliseDelivery({ ...rebill, date_iso8601: '2025-06-05T09:15:00+00:00' }).deliveryId).not.toBe(normaliseDelivery(rebill).deliveryId);
	});

	it('is the webhook_id when ThriveCart sends one', () => {
		expect(normaliseDelivery(builtPayload('es-order-created')).deliveryId).toBe('7d9f3c2e-4b1a-4c8e-9f00-0a1b2c3d4e5f');
	});
});
