import { normaliseTransaction, readTransactionsPage } from '../../../nodes/ThriveCart/api/transactions';
import { ShapeError } from '../../../nodes/ThriveCart/api/shapeError';
import { chargeRows, cancelRow, refundRow } from '../../support/thrivecartTransactions';

const at = new Date('2026-03-01T10:00:00Z');

describe('a ThriveCart transaction row in the trigger vocabulary', () => {
	it('turns a charge into the paid item with its item key, pricing option and amount in minor units', () => {
		const [row] = chargeRows({ email: 'Ana@Example.test ', name: 'Ana Lima', orderId: 4242, at, items: [{ type: 'product', id: 12, amount: 9700, paymentPlanId: 78572 }] });
		const transaction = normaliseTransaction(row);
		expect(transaction).toMatchObject({
			event: 'order.payment',
			transactionType: 'charge',
			date: '2026-03-01T10:00:00.000Z',
			customer: { email: 'ana@example.test', firstName: 'Ana', lastName: 'Lima' },
			order: { id: '4242', currency: 'USD' },
			item: { key: 'product-12', type: 'product', id: '12', pricingOptionId: '78572', payment: 'single', amount: 9700 },
			amount: 9700,
		});
		expect(transaction.items).toEqual([transaction.item]);
		expect(transaction.affectedItem).toEqual(transaction.item);
	});

	it('keeps a bump apart from its product (same id, other key) and reads ids above 2^53 as strings', () => {
		const row = { ...chargeRows({ email: 'b@example.test', orderId: 1, at, items: [{ type: 'bump', id: 12 }] })[0], order_id: '429583657898226838' };
		const transaction = normaliseTransaction(row);
		expect(transaction.item.key).toBe('bump-12');
		expect(transaction.order.id).toBe('429583657898226838');
	});

	it('gives refunds and cancellations the affected item and no purchased items', () => {
		const refund = normaliseTransaction(refundRow({ email: 'r@example.test', orderId: 7, at, item: { type: 'upsell', id: 5 }, refundAmount: 500 }));
		expect(refund).toMatchObject({ event: 'order.refund', items: [], affectedItem: { key: 'upsell-5', amount: null }, amount: 500 });
		const cancel = normaliseTransaction(cancelRow({ email: 'c@example.test', orderId: 8, at, item: { type: 'product', id: 2, recurring: true } }));
		expect(cancel).toMatchObject({ event: 'order.subscription_cancelled', affectedItem: { key: 'product-2', payment: 'recurring', subscriptionId: 'sub_8_2' } });
	});

	it('reads ThriveCart form-style strings ("null", numbers as text) and a SQL date without a timestamp', () => {
		const row = { ...chargeRows({ email: 's@example.test', orderId: 3, at, items: [{ type: 'product', id: 12 }] })[0] } as Record<string, unknown>;
		delete row.timestamp;
		Object.assign(row, { amount: '2700', item_id: '12', item_pricing_option_id: 'null', subscription_id: 'null' });
		expect(normaliseTransaction(row)).toMatchObject({ date: '2026-03-01T10:00:00.000Z', item: { pricingOptionId: null, subscriptionId: null, amount: 2700 } });
	});

	it('names every missing field instead of guessing, and what the row had', () => {
		const row = { transaction_id: 'ch_1', transaction_type: 'chargeback', amount: 100 };
		expect(() => normaliseTransaction(row)).toThrow(ShapeError);
		try {
			normaliseTransaction(row);
		} catch (error) {
			expect((error as ShapeError).message).toBe(
				'ThriveCart transaction ch_1 lacks transaction_type ("chargeback"), item_type (null), item_id, order_id, customer.email, timestamp or date',
			);
			expect((error as ShapeError).description).toContain('keys transaction_id, transaction_type, amount');
			expect((error as ShapeError).description).toContain('does not fix the shape');
		}
	});
});

describe('a page of GET /transactions', () => {
	it('reads { transactions, meta.total } and a bare list', () => {
		expect(readTransactionsPage({ transactions: [{ a: 1 }], meta: { total: 30 } })).toEqual({ rows: [{ a: 1 }], total: 30 });
		expect(readTransactionsPage([{ a: 1 }])).toEqual({ rows: [{ a: 1 }], total: null });
	});

	it('says so when the answer has no list', () => {
		expect(() => readTransactionsPage({ data: { items: [] } })).toThrow("ThriveCart's answer to GET /transactions has no list of transactions (it had keys data)");
		expect(() => readTransactionsPage({ transactions: ['x'] })).toThrow('Transaction #1 from ThriveCart is not an object');
	});
});
