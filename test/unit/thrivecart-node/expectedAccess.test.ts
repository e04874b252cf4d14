import { normaliseTransaction } from '../../../nodes/ThriveCart/api/transactions';
import { expectedAccess, type RuleSwitches } from '../../../nodes/ThriveCart/reconcile/expectedAccess';
import { cancelRow, chargeRows, rebillRow, refundRow, type TransactionRow } from '../../support/thrivecartTransactions';

const PRODUCT = { type: 'product', id: 12, amount: 9700 } as const;
const BUMP = { type: 'bump', id: 12, amount: 2700 } as const;
const SUB = { type: 'product', id: 2, amount: 2900, recurring: true } as const;
const shipped: RuleSwitches = { revokeOnPartialRefund: false, keepAccessUntilPeriodEnd: false };
const t = (minutes: number) => new Date(Date.parse('2026-03-01T00:00:00Z') + minutes * 60_000);

/** Newest first, as ThriveCart lists them. */
function fold(rows: TransactionRow[], switches = shipped) {
	const transactions = rows.map(normaliseTransaction).sort((a, b) => (a.date < b.date ? 1 : -1));
	return expectedAccess(transactions, switches);
}

const access = (buyer: ReturnType<typeof fold>[number]) =>
	Object.fromEntries(buyer.orders.flatMap((order) => order.items.map((entry) => [`${order.orderId}/${entry.item.key}`, entry.access])));

describe('the access each buyer should hold', () => {
	it('grants every charged item of an order, product and bump apart, with the buyer from the transactions', () => {
		const [buyer] = fold(chargeRows({ email: 'ana@example.test', name: 'Ana Lima', orderId: 1, at: t(0), items: [PRODUCT, BUMP] }));
		expect(buyer.email).toBe('ana@example.test');
		expect(buyer.customer).toMatchObject({ firstName: 'Ana', lastName: 'Lima' });
		expect(access(buyer)).toEqual({ '1/product-12': 'grant', '1/bump-12': 'grant' });
		expect(buyer.transactions).toBe(2);
	});

	it('a full refund of the bump revokes only the bump', () => {
		const [buyer] = fold([
			...chargeRows({ email: 'b@example.test', orderId: 2, at: t(0), items: [PRODUCT, BUMP] }),
			refundRow({ email: 'b@example.test', orderId: 2, at: t(5), item: BUMP }),
		]);
		expect(access(buyer)).toEqual({ '2/product-12': 'grant', '2/bump-12': 'revoke' });
		expect(buyer.orders[0].items.find((e) => e.item.key === 'bump-12')?.why).toBe('refunded');
	});

	it('a partial refund keeps access unless revokeOnPartialRefund', () => {
		const rows = [
			...chargeRows({ email: 'p@example.test', orderId: 3, at: t(0), items: [PRODUCT] }),
			refundRow({ email: 'p@example.test', orderId: 3, at: t(5), item: PRODUCT, refundAmount: 2000 }),
		];
		expect(access(fold(rows)[0])).toEqual({ '3/product-12': 'grant' });
		expect(fold(rows)[0].orders[0].items[0].why).toBe('partially refunded: access kept');
		expect(access(fold(rows, { ...shipped, revokeOnPartialRefund: true })[0])).toEqual({ '3/product-12': 'revoke' });
	});

	it('a refund whose charge is outside the period counts as full (as the fulfilment template does without charges)', () => {
		const [buyer] = fold([refundRow({ email: 'o@example.test', orderId: 4, at: t(5), item: PRODUCT, refundAmount: 10 })]);
		expect(access(buyer)).toEqual({ '4/product-12': 'revoke' });
	});

	it('a cancelled subscription revokes at once; with keepAccessUntilPeriodEnd it is left as it is, with why', () => {
		const rows = [
			...chargeRows({ email: 's@example.test', orderId: 5, at: t(0), items: [SUB] }),
			rebillRow({ email: 's@example.test', orderId: 5, at: t(10), item: SUB }),
			cancelRow({ email: 's@example.test', orderId: 5, at: t(20), item: SUB }),
		];
		expect(access(fold(rows)[0])).toEqual({ '5/product-2': 'revoke' });
		const kept = fold(rows, { ...shipped, keepAccessUntilPeriodEnd: true })[0].orders[0].items[0];
		expect(kept.access).toBe('leave');
		expect(kept.why).toContain('does not give');
	});

	it('the latest transaction wins: a rebill after a cancellation grants again; orders are kept apart', () => {
		const [buyer] = fold([
			...chargeRows({ email: 'r@example.test', orderId: 6, at: t(0), items: [SUB] }),
			cancelRow({ email: 'r@example.test', orderId: 6, at: t(10), item: SUB }),
			rebillRow({ email: 'r@example.test', orderId: 6, at: t(20), item: SUB }),
			...chargeRows({ email: 'r@example.test', orderId: 7, at: t(30), items: [PRODUCT] }),
			refundRow({ email: 'r@example.test', orderId: 7, at: t(40), item: PRODUCT }),
		]);
		expect(access(buyer)).toEqual({ '6/product-2': 'grant', '7/product-12': 'revoke' });
	});

	it('keeps the pricing option of the charge when a later row does not carry it', () => {
		const priced = { ...PRODUCT, paymentPlanId: 78572 };
		const [buyer] = fold([
			...chargeRows({ email: 'q@example.test', orderId: 8, at: t(0), items: [priced] }),
			refundRow({ email: 'q@example.test', orderId: 8, at: t(5), item: PRODUCT }),
		]);
		expect(buyer.orders[0].items[0].item.pricingOptionId).toBe('78572');
	});

	it('one buyer per email, whatever the case of the email', () => {
		const buyers = fold([
			...chargeRows({ email: 'Same@Example.test', orderId: 9, at: t(0), items: [PRODUCT] }),
			...chargeRows({ email: 'same@example.test', orderId: 10, at: t(1), items: [BUMP] }),
			...chargeRows({ email: 'other@example.test', orderId: 11, at: t(2), items: [PRODUCT] }),
		]);
		expect(buyers.map((b) => [b.email, b.orders.length])).toEqual([
			['same@example.test', 2],
			['other@example.test', 1],
		]);
	});
});
