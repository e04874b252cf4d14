import { listTransactions, TooManyPagesError } from '../../../nodes/ThriveCart/api/paging';
import { chargeRows, type TransactionRow } from '../../support/thrivecartTransactions';

const minute = 60_000;
const start = Date.parse('2026-03-01T00:00:00Z');

/** `count` charges one minute apart, oldest first. */
function history(count: number): TransactionRow[] {
	return Array.from({ length: count }, (_, i) =>
		chargeRows({ email: `b${i}@example.test`, orderId: 1000 + i, at: new Date(start + i * minute), items: [{ type: 'product', id: 12 }] })[0],
	);
}

function pages(rows: TransactionRow[], perPage: number, withTotal = true) {
	const requested: number[] = [];
	return {
		requested,
		fetch: async (page: number) => {
			requested.push(page);
			const slice = rows.slice((page - 1) * perPage, page * perPage);
			return withTotal ? { transactions: slice, meta: { total: rows.length } } : { transactions: slice };
		},
	};
}

describe('reading every page of transactions', () => {
	it('reads all pages and stops at the short last page', async () => {
		const newestFirst = history(60).reverse();
		const source = pages(newestFirst, 25, false);
		const listing = await listTransactions(source.fetch, { perPage: 25, maxPages: 10 });
		expect(listing.transactions).toHaveLength(60);
		expect(source.requested).toEqual([1, 2, 3]);
	});

	it('stops when meta.total is reached, without asking for an empty page', async () => {
		const source = pages(history(50).reverse(), 25);
		await listTransactions(source.fetch, { perPage: 25, maxPages: 10 });
		expect(source.requested).toEqual([1, 2]);
	});

	it('newest first: stops at the first page that reaches past "since", and keeps only the period', async () => {
		const source = pages(history(100).reverse(), 10);
		const since = new Date(start + 75 * minute).toISOString();
		const listing = await listTransactions(source.fetch, { perPage: 10, maxPages: 20, since });
		expect(listing.transactions.map((t) => t.order.id)).toEqual(Array.from({ length: 25 }, (_, i) => String(1099 - i)));
		expect(source.requested).toEqual([1, 2, 3]);
		expect(listing.stoppedEarly).toBe(true);
	});

	it('oldest first: reads every page, because stopping early could miss a transaction', async () => {
		const source = pages(history(30), 10);
		const since = new Date(start + 25 * minute).toISOString();
		const listing = await listTransactions(source.fetch, { perPage: 10, maxPages: 20, since });
		expect(listing.transactions).toHaveLength(5);
		expect(source.requested).toEqual([1, 2, 3]);
		expect(listing.stoppedEarly).toBe(false);
	});

	it('applies "until" (exclusive)', async () => {
		const source = pages(history(10).reverse(), 25);
		const listing = await listTransactions(source.fetch, { perPage: 25, maxPages: 2, until: new Date(start + 3 * minute).toISOString() });
		expect(listing.transactions.map((t) => t.order.id)).toEqual(['1002', '1001', '1000']);
	});

	it('stops with an error past Max Pages instead of running on', async () => {
		const source = pages(history(100).reverse(), 10, false);
		await expect(listTransactions(source.fetch, { perPage: 10, maxPages: 3 })).rejects.toThrow(TooManyPagesError);
		expect(source.requested).toEqual([1, 2, 3]);
	});
});
