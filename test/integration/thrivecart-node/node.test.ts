/**
 * The ThriveCart node inside n8n-core's real engine, against the ThriveCart API stand-in over HTTP:
 * paging, the period, 429s, errors a seller can read, continue-on-fail, customers, products, and the
 * reconciliation steps with the workflow's static data.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { runNode } from '../../support/n8nEngine';
import { STAND_IN_API_KEY, ThriveCartStandIn } from '../../support/thrivecartApi';
import { cancelRow, chargeRows, refundRow } from '../../support/thrivecartTransactions';

let api: ThriveCartStandIn;
const minute = 60_000;
const start = Date.parse('2026-03-01T00:00:00Z');
const at = (minutes: number) => new Date(start + minutes * minute);

beforeEach(async () => {
	api = new ThriveCartStandIn();
	await api.start();
});

afterEach(async () => {
	await api.stop();
});

const credentials = () => ({ secretWord: 'unused-here', apiKey: STAND_IN_API_KEY, mode: 'live', baseUrl: api.baseUrl });

function run(parameters: INodeParameters, extra: { input?: IDataObject[]; continueOnFail?: boolean; staticData?: IDataObject } = {}) {
	return runNode({ node: 'thriveCart', parameters, credentials: credentials(), ...extra });
}

function buyers(count: number) {
	for (let i = 0; i < count; i++) {
		api.transactions.push(...chargeRows({ email: `b${i}@example.test`, orderId: 5000 + i, at: at(i), items: [{ type: 'product', id: 12, amount: 9700 }] }));
	}
}

describe('Transaction › Get Many', () => {
	it('reads every page (25 a page) and outputs one paired item per transaction, newest first', async () => {
		buyers(60);
		const { items, error } = await run({ resource: 'transaction', operation: 'getMany', transactionType: 'any' });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(60);
		expect(items[0].json).toMatchObject({ event: 'order.payment', order: { id: '5059' }, items: [{ key: 'product-12', amount: 9700 }] });
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		const pages = api.requestsTo('/transactions');
		expect(pages.map((request) => request.query)).toEqual([1, 2, 3].map((page) => ({ page: String(page), perPage: '25', transactionType: 'any' })));
		expect(pages[0].headers.authorization).toBe(`Bearer ${STAND_IN_API_KEY}`);
		expect(pages[0].headers['x-tc-mode']).toBe('live');
	});

	it("passes ThriveCart's type filter and search, and applies the period itself (stops paging past Since)", async () => {
		buyers(80);
		api.transactions.push(refundRow({ email: 'b70@example.test', orderId: 5070, at: at(90), item: { type: 'product', id: 12 } }));
		const refunds = await run({ resource: 'transaction', operation: 'getMany', transactionType: 'refund' });
		expect(refunds.items.map((item) => item.json.event)).toEqual(['order.refund']);
		api.requests.length = 0;
		const recent = await run({ resource: 'transaction', operation: 'getMany', transactionType: 'charge', since: at(70).toISOString(), until: at(75).toISOString() });
		expect(recent.items.map((item) => (item.json.order as IDataObject).id)).toEqual(['5074', '5073', '5072', '5071', '5070']);
		expect(api.requestsTo('/transactions')).toHaveLength(1);
		const searched = await run({ resource: 'transaction', operation: 'getMany', transactionType: 'any', listingOptions: { search: 'b7@example.test' } });
		expect(searched.items.map((item) => (item.json.customer as IDataObject).email)).toEqual(['b7@example.test']);
	});

	it('waits out 429s (Retry-After honoured) and still reads everything', async () => {
		buyers(30);
		api.throttleNext = { count: 2, retryAfterSeconds: 1 };
		const { items, error } = await run({ resource: 'transaction', operation: 'getMany', transactionType: 'any' });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(30);
		const calls = api.requestsTo('/transactions');
		expect(calls.filter((c) => !c.answered)).toHaveLength(2);
		expect(calls.filter((c) => c.answered)).toHaveLength(2);
	});

	it('gives up after bounded retries with a readable rate-limit error', async () => {
		buyers(3);
		api.throttleNext = { count: 10, retryAfterSeconds: 0 };
		const { error } = await run({ resource: 'transaction', operation: 'getMany', transactionType: 'any' });
		expect(error?.message).toBe("ThriveCart's rate limit (60 requests a minute) was hit");
		expect(api.requestsTo('/transactions')).toHaveLength(6);
	});

	it('a rejected key says so and never shows the key; with Continue On Fail the error is an item', async () => {
		api.failure = 'auth';
		const { error } = await run({ resource: 'transaction', operation: 'getMany', transactionType: 'any' });
		expect(error?.message).toBe('ThriveCart rejected the API key');
		expect(JSON.stringify(error)).not.toContain(STAND_IN_API_KEY);
		const soft = await run({ resource: 'transaction', operation: 'getMany', transactionType: 'any' }, { continueOnFail: true, input: [{}, {}] });
		expect(soft.error).toBeUndefined();
		expect(soft.items.map((item) => [item.json.error, item.pairedItem])).toEqual([
			['ThriveCart rejected the API key', { item: 0 }],
			['ThriveCart rejected the API key', { item: 1 }],
		]);
	});

	it('says so when the answer has a shape the documentation leaves open and the node does not know', async () => {
		api.failure = { status: 200, body: { data: { rows: [] } } };
		const { error } = await run({ resource: 'transaction', operation: 'getMany', transactionType: 'any' });
		expect(error?.message).toBe("ThriveCart's answer to GET /transactions has no list of transactions (it had keys data)");
		expect(error?.description).toContain('does not fix the shape');
	});
});

describe('Customer › Get and Product › Get / Get Many', () => {
	it("returns the buyer's purchases and subscriptions with status", async () => {
		api.transactions.push(
			...chargeRows({ email: 'sub@example.test', name: 'Sam Sub', orderId: 81, at: at(0), items: [{ type: 'product', id: 2, recurring: true }, { type: 'bump', id: 2 }] }),
			cancelRow({ email: 'sub@example.test', orderId: 81, at: at(10), item: { type: 'product', id: 2, recurring: true } }),
		);
		const { items, error } = await run({ resource: 'customer', operation: 'get', email: 'Sub@Example.test' });
		expect(error).toBeUndefined();
		expect(api.requestsTo('/customer')[0].body).toEqual({ email: 'Sub@Example.test' });
		expect(items[0].json).toMatchObject({
			email: 'sub@example.test',
			customer: { firstName: 'Sam', lastName: 'Sub' },
			purchases: [{ item: { key: 'product-2' }, status: 'paid' }, { item: { key: 'bump-2' } }],
			subscriptions: [{ id: 'sub_81_2', status: 'cancelled', item: { key: 'product-2' } }],
		});
	});

	it('lists products with their product-map key, and reads one', async () => {
		const many = await run({ resource: 'product', operation: 'getMany', productStatus: 'live' });
		expect(many.items.map((item) => item.json.key)).toEqual(['product-12', 'product-2']);
		expect(api.requestsTo('/products')[0].query).toEqual({ status: 'live' });
		const one = await run({ resource: 'product', operation: 'get', productId: 'product-30' });
		expect(one.items[0].json).toEqual({ id: '30', key: 'product-30', name: 'Beta cohort', label: null, status: 'test' });
		const missing = await run({ resource: 'product', operation: 'get', productId: '404' });
		expect(missing.error?.message).toBe('ThriveCart answered 404 to reading product 404');
	});
});

describe('Transaction › Expected Access and the reconciliation steps', () => {
	const expectedParameters = { resource: 'transaction', operation: 'expectedAccess', sinceMode: 'lastSuccessfulRun', overlapMinutes: 60, firstRunLookbackDays: 3650 };

	it('folds the period into one item per buyer and starts a run in the static data', async () => {
		api.transactions.push(
			...chargeRows({ email: 'a@example.test', orderId: 91, at: at(0), items: [{ type: 'product', id: 12 }, { type: 'bump', id: 12 }] }),
			refundRow({ email: 'a@example.test', orderId: 91, at: at(5), item: { type: 'bump', id: 12 } }),
			...chargeRows({ email: 'b@example.test', orderId: 92, at: at(1), items: [{ type: 'upsell', id: 5 }] }),
		);
		const staticData: IDataObject = {};
		const { items, error } = await run(expectedParameters, { staticData });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.email)).toEqual(['a@example.test', 'b@example.test']);
		expect(items[0].json.orders).toEqual([
			{
				orderId: '91',
				items: [
					expect.objectContaining({ access: 'grant', item: expect.objectContaining({ key: 'product-12' }) }),
					expect.objectContaining({ access: 'revoke', why: 'refunded', item: expect.objectContaining({ key: 'bump-12' }) }),
				],
			},
		]);
		expect(items[0].json.listing).toMatchObject({ transactions: 4, buyers: 2, thriveCartCalls: 1 });
		const state = (staticData.global as IDataObject).thriveCartReconciliation as IDataObject;
		expect(state.pendingRun).toEqual(expect.any(String));
		expect(state.lastSuccessfulRun).toBeUndefined();
	});

	it('with no transactions in the period, the run is complete at once', async () => {
		const staticData: IDataObject = {};
		const { items } = await run(expectedParameters, { staticData });
		expect(items).toHaveLength(0);
		expect(((staticData.global as IDataObject).thriveCartReconciliation as IDataObject).lastSuccessfulRun).toEqual(expect.any(String));
	});

	it('Compare reads the Thrive Apprentice Get Many rows by pairing; Report counts and commits a complete run', async () => {
		api.transactions.push(
			...chargeRows({ email: 'has@example.test', orderId: 93, at: at(0), items: [{ type: 'product', id: 12 }] }),
			...chargeRows({ email: 'missing@example.test', orderId: 94, at: at(1), items: [{ type: 'product', id: 12 }, { type: 'bump', id: 12 }] }),
		);
		const expected = (await run(expectedParameters)).items.map((item) => item.json);
		const compared = await run(
			{ resource: 'reconciliation', operation: 'compare', expectedAccess: JSON.stringify(expected), productMap: '{"product-12":[201],"bump-12":[203]}' },
			// What Access › Get Many gives for [has, missing]: one product for the first, "no user" for the second.
			{ input: [{ email: 'has@example.test', productId: 201 }, { error: 'No WordPress user has the email missing@example.test' }] },
		);
		expect(compared.error).toBeUndefined();
		// The first row is found by its email; the "no user" row means the second buyer holds nothing.
		expect(compared.items.map((item) => [item.json.email, item.json.action, item.json.productIds])).toEqual([
			['has@example.test', 'none', [201]],
			['missing@example.test', 'grant', [201, 203]],
		]);

		const staticData: IDataObject = { global: { thriveCartReconciliation: { pendingRun: '2026-03-01T01:00:00.000Z' } } };
		const entries = compared.items.map((item) => ({ repair: item.json, result: item.json.action === 'grant' ? { changed: true, products: [] } : item.json }));
		const report = await run(
			{ resource: 'reconciliation', operation: 'report', repair: '={{ $json.repair }}', result: '={{ $json.result }}', dryRun: false },
			{ input: entries as IDataObject[], staticData },
		);
		expect(report.items).toHaveLength(1);
		expect(report.items[0].json).toMatchObject({ buyersChecked: 2, alreadyRight: 1, repaired: [{ email: 'missing@example.test' }], couldNotRepair: [], lastSuccessfulRun: '2026-03-01T01:00:00.000Z' });
		expect(report.items[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
		expect(((staticData.global as IDataObject).thriveCartReconciliation as IDataObject).lastSuccessfulRun).toBe('2026-03-01T01:00:00.000Z');
	});

	it('Compare stops with a readable error on a bad product map', async () => {
		const { error } = await run(
			{ resource: 'reconciliation', operation: 'compare', expectedAccess: '[]', productMap: '{"course-1":[1]}' },
			{ input: [{}] },
		);
		expect(error?.message).toBe('Product Map key "course-1" is not a ThriveCart item key');
	});
});
