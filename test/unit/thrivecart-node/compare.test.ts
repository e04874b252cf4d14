import { parseProductMap } from '../../../nodes/ThriveApprentice/fulfilment/productMap';
import { normaliseTransaction } from '../../../nodes/ThriveCart/api/transactions';
import { compareBuyer } from '../../../nodes/ThriveCart/reconcile/compare';
import { expectedAccess } from '../../../nodes/ThriveCart/reconcile/expectedAccess';
import { chargeRows, refundRow, type TransactionRow } from '../../support/thrivecartTransactions';

const map = parseProductMap({ 'product-12': [201], 'product-12:78572': [204], 'bump-12': [203], 'upsell-5': [202], 'downsell-6': [] });
const PRODUCT = { type: 'product', id: 12, amount: 9700 } as const;
const BUMP = { type: 'bump', id: 12, amount: 2700 } as const;
const UPSELL = { type: 'upsell', id: 5 } as const;
const t = (minutes: number) => new Date(Date.parse('2026-03-01T00:00:00Z') + minutes * 60_000);

function buyerOf(rows: TransactionRow[]) {
	return expectedAccess(rows.map(normaliseTransaction), { revokeOnPartialRefund: false, keepAccessUntilPeriodEnd: false })[0];
}
const holds = (...ids: number[]) => ({ productIds: new Set(ids) });

describe('only the difference between expected and held access', () => {
	it('a buyer who holds nothing gets one grant per order with the missing products and the order as reference', () => {
		const buyer = buyerOf(chargeRows({ email: 'n@example.test', name: 'Nina New', orderId: 71, at: t(0), items: [PRODUCT, BUMP] }));
		expect(compareBuyer(buyer, holds(), map)).toEqual([
			expect.objectContaining({
				action: 'grant',
				email: 'n@example.test',
				firstName: 'Nina',
				lastName: 'New',
				orderId: '71',
				productIds: [201, 203],
				items: [expect.objectContaining({ key: 'product-12' }), expect.objectContaining({ key: 'bump-12' })],
			}),
		]);
	});

	it('grants only the missing item of a half-fulfilled order', () => {
		const buyer = buyerOf(chargeRows({ email: 'h@example.test', orderId: 72, at: t(0), items: [PRODUCT, UPSELL] }));
		const [repair] = compareBuyer(buyer, holds(201), map);
		expect(repair).toMatchObject({ action: 'grant', productIds: [202], items: [expect.objectContaining({ key: 'upsell-5' })] });
	});

	it('is "already right" when everything is held, and uses the pricing-option entry', () => {
		const buyer = buyerOf(chargeRows({ email: 'a@example.test', orderId: 73, at: t(0), items: [{ ...PRODUCT, paymentPlanId: 78572 }] }));
		expect(compareBuyer(buyer, holds(204), map)).toEqual([expect.objectContaining({ action: 'none', productIds: [204] })]);
		expect(compareBuyer(buyer, holds(201), map)[0]).toMatchObject({ action: 'grant', productIds: [204] });
	});

	it('revokes a refunded item still held, and never grants it again', () => {
		const buyer = buyerOf([
			...chargeRows({ email: 'r@example.test', orderId: 74, at: t(0), items: [PRODUCT, BUMP] }),
			refundRow({ email: 'r@example.test', orderId: 74, at: t(5), item: PRODUCT }),
		]);
		expect(compareBuyer(buyer, holds(201, 203), map)).toEqual([expect.objectContaining({ action: 'revoke', orderId: '74', productIds: [201] })]);
		expect(compareBuyer(buyer, holds(203), map)).toEqual([expect.objectContaining({ action: 'none' })]);
		expect(compareBuyer(buyer, holds(), map)).toEqual([expect.objectContaining({ action: 'grant', productIds: [203] })]);
	});

	it('keeps a refunded product that another paid order also grants', () => {
		const buyer = buyerOf([
			...chargeRows({ email: 'k@example.test', orderId: 75, at: t(0), items: [PRODUCT] }),
			refundRow({ email: 'k@example.test', orderId: 75, at: t(5), item: PRODUCT }),
			...chargeRows({ email: 'k@example.test', orderId: 76, at: t(10), items: [PRODUCT] }),
		]);
		const repairs = compareBuyer(buyer, holds(201), map);
		expect(repairs).toEqual([expect.objectContaining({ action: 'none' })]);
		expect(repairs[0].why).toContain('also granted by another purchase');
	});

	it('leaves products the transactions say nothing about, and "[]" items alone', () => {
		const buyer = buyerOf(chargeRows({ email: 'l@example.test', orderId: 77, at: t(0), items: [PRODUCT, { type: 'downsell', id: 6 }] }));
		expect(compareBuyer(buyer, holds(201, 999), map)).toEqual([expect.objectContaining({ action: 'none' })]);
	});

	it('cannot repair an unmapped item, and says which', () => {
		const buyer = buyerOf(chargeRows({ email: 'u@example.test', orderId: 78, at: t(0), items: [PRODUCT, { type: 'upsell', id: 99 }] }));
		const repairs = compareBuyer(buyer, holds(), map);
		expect(repairs.map((r) => r.action)).toEqual(['cannotRepair', 'grant']);
		expect(repairs[0].why).toBe('upsell-99 (paid) has no entry in the Product Map');
	});

	it('changes nothing when the held access could not be read', () => {
		const buyer = buyerOf(chargeRows({ email: 'e@example.test', orderId: 79, at: t(0), items: [PRODUCT] }));
		expect(compareBuyer(buyer, { unknown: 'The site answered 503' }, map)).toEqual([
			expect.objectContaining({ action: 'cannotRepair', why: 'could not read the access held: The site answered 503' }),
		]);
	});
});
