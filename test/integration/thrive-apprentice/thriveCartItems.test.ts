/**
 * The Product Map's ThriveCart item list (Thrive Apprentice node 1.2) in n8n-core's real
 * LoadOptionsContext, reading the ThriveCart API stand-in over real HTTP with the node's optional
 * ThriveCart API credential; and a map picked from it granting on the sandbox.
 */
import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { ADD_THRIVECART_API_KEY, PRODUCTS_PER_PAGE } from '../../../nodes/ThriveApprentice/methods/thriveCartItems';
import { searchThriveCartItems } from '../../support/n8nEngine';
import { STAND_IN_API_KEY, ThriveCartStandIn } from '../../support/thrivecartApi';
import { delivery, item } from './params';
import { useSandbox } from './sandbox';

const sandbox = useSandbox();
let api: ThriveCartStandIn;

beforeEach(async () => {
	api = new ThriveCartStandIn();
	await api.start();
});

afterEach(async () => {
	await api.stop();
});

function thriveCartCredential(overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return { secretWord: 'items-secret', apiKey: STAND_IN_API_KEY, mode: 'live', baseUrl: api.baseUrl, ...overrides };
}

const GRANT_WITH_ROWS: INodeParameters = { resource: 'access', operation: 'grant', accessTo: 'thriveCartItems', mapAs: 'rows' };

function search(thriveCart: ICredentialDataDecryptedObject | undefined, filter?: string, token?: string) {
	return searchThriveCartItems(
		{ parameters: GRANT_WITH_ROWS, typeVersion: 1.2, credentials: sandbox.credentials(), extraCredentials: thriveCart ? { thriveCartApi: thriveCart } : undefined },
		filter,
		token,
	);
}

describe('the ThriveCart item list', () => {
	it("lists the account's products with their pricing options, then bumps, upsells and downsells, as map keys", async () => {
		const { results, paginationToken } = await search(thriveCartCredential());
		expect(results).toEqual([
			{ name: 'Product: Accelerator (product-2)', value: 'product-2' },
			{ name: 'Product: Course Launchpad (product-12)', value: 'product-12' },
			{ name: 'Course Launchpad › One payment (product-12:78572)', value: 'product-12:78572' },
			{ name: 'Course Launchpad › 3 monthly payments (product-12:78573)', value: 'product-12:78573' },
			{ name: 'Bump of Course Launchpad: Workbook (bump-12)', value: 'bump-12' },
			{ name: 'Upsell: Coaching call (upsell-5)', value: 'upsell-5' },
			{ name: 'Downsell: Coaching lite (downsell-6)', value: 'downsell-6' },
		]);
		expect(paginationToken).toBeUndefined();
		// Live mode: the test product (30) is not listed; every call carried the key and the mode.
		expect(api.requests.map((request) => request.path)).toEqual([
			'/products',
			'/products/2/pricing_options',
			'/products/12/pricing_options',
			'/bumps',
			'/upsells',
			'/downsells',
		]);
		for (const request of api.requests) {
			expect(request.headers.authorization).toBe(`Bearer ${STAND_IN_API_KEY}`);
			expect(request.headers['x-tc-mode']).toBe('live');
		}
	});

	it('lists test products in test mode, and filters by what the seller types', async () => {
		const { results } = await search(thriveCartCredential({ mode: 'test' }), 'beta');
		expect(results).toEqual([{ name: 'Product: Beta cohort (product-30, test)', value: 'product-30' }]);
	});

	it(`pages ${PRODUCTS_PER_PAGE} products at a time (one pricing-option call each), bumps and the rest on the last page`, async () => {
		api.products = Array.from({ length: PRODUCTS_PER_PAGE + 3 }, (_, index) => ({ product_id: 100 + index, name: `Course ${String(index).padStart(2, '0')}`, status: 'live' }));
		const first = await search(thriveCartCredential());
		expect(first.results.map((result) => result.value)).toEqual(api.products.slice(0, PRODUCTS_PER_PAGE).map((product) => `product-${String(product.product_id)}`));
		expect(first.paginationToken).toBe(String(PRODUCTS_PER_PAGE));
		expect(api.requests).toHaveLength(1 + PRODUCTS_PER_PAGE);

		const second = await search(thriveCartCredential(), undefined, first.paginationToken);
		expect(second.results.map((result) => result.value)).toEqual(['product-110', 'product-111', 'product-112', 'bump-12', 'upsell-5', 'downsell-6']);
		expect(second.paginationToken).toBeUndefined();
		// The bump's product is not in the account any more: the bump is listed without its name.
		expect(second.results.find((result) => result.value === 'bump-12')?.name).toBe('Bump: Workbook (bump-12)');
	});

	it('says what to add, without an error or a call, when there is no ThriveCart credential or it has no API key', async () => {
		for (const credential of [undefined, thriveCartCredential({ apiKey: '  ' })]) {
			expect(await search(credential)).toEqual({ results: [{ name: ADD_THRIVECART_API_KEY, value: '' }] });
		}
		expect(ADD_THRIVECART_API_KEY).toMatch(/^Add a ThriveCart API credential with its API key to this node .* or choose "By Key" and type the key, e\.g\. product-12$/);
		expect(api.requests).toHaveLength(0);
	});

	it('reports a key ThriveCart rejects as an error that does not show the key', async () => {
		const error = await search(thriveCartCredential({ apiKey: 'rejected-key-789' })).then(
			() => undefined,
			(e: unknown) => e as Error & { description?: string },
		);
		expect(error?.message).toMatch(/rejected the API key/);
		expect(JSON.stringify({ message: error?.message, description: error?.description })).not.toContain('rejected-key-789');
	});

	it('names an answer it cannot read instead of guessing', async () => {
		api.upsells = [{ name: 'No id here' }];
		await expect(search(thriveCartCredential())).rejects.toThrow(/An upsell in ThriveCart's answer to GET \/upsells has no id/);
	});
});

describe('a map picked from the list', () => {
	it('grants what the picked items map to, pricing option first, in n8n\'s engine on the sandbox', async () => {
		const values = (await search(thriveCartCredential())).results.map((result) => result.value);
		const pick = (key: string) => {
			expect(values).toContain(key);
			return { __rl: true, mode: 'list', value: key, cachedResultName: key };
		};
		const { items, error } = await sandbox.run({
			typeVersion: 1.2,
			parameters: {
				...GRANT_WITH_ROWS,
				email: 'picked.map@example.test',
				productMapRows: {
					rows: [
						{ item: pick('product-12'), productIds: [201] },
						{ item: pick('product-12:78572'), productIds: [204] },
						{ item: pick('bump-12'), productIds: [203] },
						{ item: { __rl: true, mode: 'key', value: 'upsell-5' }, productIds: [202] },
					],
				},
			},
			input: [delivery('picked.map@example.test', '9120', [item('product-12', { pricingOptionId: '78572' }), item('bump-12')])],
		});
		expect(error).toBeUndefined();
		expect((items[0].json.products as Array<{ id: number }>).map((product) => product.id).sort()).toEqual([203, 204]);
	});

	it('a version 1.1 node keeps its typed rows (type and ids) and grants the same', async () => {
		const { items, error } = await sandbox.run({
			typeVersion: 1.1,
			parameters: {
				...GRANT_WITH_ROWS,
				email: 'typed.map@example.test',
				productMapRows: {
					rows: [
						{ itemType: 'product', itemId: '12', productIds: [201] },
						{ itemType: 'pricingOption', itemId: '12', pricingOptionId: '78572', productIds: [204] },
						{ itemType: 'bump', itemId: '12', productIds: [203] },
					],
				},
			},
			input: [delivery('typed.map@example.test', '9121', [item('product-12', { pricingOptionId: '78572' }), item('bump-12')])],
		});
		expect(error).toBeUndefined();
		expect((items[0].json.products as Array<{ id: number }>).map((product) => product.id).sort()).toEqual([203, 204]);
	});
});
