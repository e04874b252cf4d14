/** Unknown product ids are refused before any call that could create a user; the list is cached briefly. */
import type { IExecuteFunctions, INode } from 'n8n-workflow';

jest.mock('../../../nodes/ThriveApprentice/transport/request', () => ({
	taRequest: jest.fn(),
	loadCredentials: jest.fn(),
}));

import { assertProductsExist, forgetProductLists, PRODUCT_CACHE_MS } from '../../../nodes/ThriveApprentice/resources/product/exist';
import { loadCredentials, taRequest } from '../../../nodes/ThriveApprentice/transport/request';
import type { TaCredentials } from '../../../nodes/ThriveApprentice/transport/credentials';

const request = taRequest as jest.MockedFunction<typeof taRequest>;
const credentialsOf = loadCredentials as jest.MockedFunction<typeof loadCredentials>;
const ctx = { getNode: () => ({ name: 'Thrive Apprentice' }) as INode } as unknown as IExecuteFunctions;
const KEY = 'ABCDEF-123456-GHIJKL-789012-MNOPQR';
let credentials: TaCredentials;
let clock = 1_000_000;
const now = () => clock;
let keyProducts: Array<{ id: number; title: string }>;
const calls: string[] = [];

beforeEach(() => {
	forgetProductLists();
	calls.length = 0;
	clock = 1_000_000;
	credentials = { siteUrl: 'https://a.test', apiKey: KEY, username: 'admin', applicationPassword: 'pass word pass word' };
	keyProducts = [{ id: 16, title: 'Acceptance Product 2' }, { id: 15, title: 'Acceptance Product 1' }];
	credentialsOf.mockImplementation(async () => credentials);
	request.mockImplementation(async (route) => {
		calls.push(route.path);
		if (route.path === 'tva/v1/getCourses') return keyProducts;
		return { total: 1, items: [{ id: 15, name: 'Acceptance Product 1', sets: [] }] };
	});
});

test('known ids: their names, in the order asked; the API key reads getCourses', async () => {
	const names = await assertProductsExist.call(ctx, [16, 15, 16], 0, { now });
	expect([...names.entries()]).toEqual([[16, 'Acceptance Product 2'], [15, 'Acceptance Product 1']]);
	expect(calls).toEqual(['tva/v1/getCourses']);
});

test('without a key, or when asked to, the application password reads tva/v1/products', async () => {
	credentials = { ...credentials, apiKey: '' };
	expect([...(await assertProductsExist.call(ctx, [15], 0, { now })).keys()]).toEqual([15]);
	credentials = { ...credentials, apiKey: KEY };
	await assertProductsExist.call(ctx, [15], 0, { now, via: 'applicationPassword' });
	expect(calls).toEqual(['tva/v1/products']);
});

test('cached for a while per site and credential; refetched once on a miss before refusing', async () => {
	await assertProductsExist.call(ctx, [15], 0, { now });
	clock += PRODUCT_CACHE_MS - 1;
	await assertProductsExist.call(ctx, [16], 0, { now });
	expect(calls).toHaveLength(1);
	// A product created since the list was read is found on the second look.
	keyProducts.push({ id: 17, title: 'New' });
	expect([...(await assertProductsExist.call(ctx, [17], 0, { now })).values()]).toEqual(['New']);
	expect(calls).toHaveLength(2);
	// Another key on the same site has its own list.
	credentials = { ...credentials, apiKey: 'ZZZZZZ-123456-GHIJKL-789012-MNOPQR' };
	await assertProductsExist.call(ctx, [15], 0, { now });
	expect(calls).toHaveLength(3);
	// Expired: read again.
	credentials = { ...credentials, apiKey: KEY };
	clock += PRODUCT_CACHE_MS;
	await assertProductsExist.call(ctx, [15], 0, { now });
	expect(calls).toHaveLength(4);
});

test('unknown ids: refused with the ids and where to find the right ones; one fetch when the list was fresh', async () => {
	const error = (await assertProductsExist.call(ctx, [15, 13, 99], 2, { now }).catch((caught: unknown) => caught)) as Error & { description?: string };
	expect(error).toBeInstanceOf(Error);
	expect(error?.message).toBe('Thrive Apprentice has no product with ID 13, 99, so nothing was sent to it');
	expect(error?.description).toBe(
		'The site lists 2 products through its ThriveCart route (getCourses): Acceptance Product 1 (15), Acceptance Product 2 (16). Use a product ID from Thrive Apprentice > Products (or Product › Get Many in this node); a course ID is not a product ID. Thrive Apprentice itself would accept the unknown ID, create the WordPress user and grant nothing.',
	);
	expect(JSON.stringify(error)).not.toContain(KEY);
	expect(calls).toHaveLength(1);
	// From the cache: a second look before refusing.
	await expect(assertProductsExist.call(ctx, [99], 0, { now })).rejects.toThrow('no product with ID 99');
	expect(calls).toHaveLength(2);
});

test('no ids: nothing to check, no call', async () => {
	expect((await assertProductsExist.call(ctx, [], 0, { now })).size).toBe(0);
	expect(calls).toEqual([]);
});
