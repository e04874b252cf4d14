/** Version 1.2's Product Map rows: the ThriveCart item is one field (picked from ThriveCart or typed), its value the item's key. */
import { FulfilmentInputError, parseProductMap } from '../../../nodes/ThriveApprentice/fulfilment/productMap';

function inputError(run: () => unknown): FulfilmentInputError {
	try {
		run();
	} catch (error) {
		if (error instanceof FulfilmentInputError) return error;
		throw error;
	}
	throw new Error('expected a FulfilmentInputError');
}

const picked = (value: string, cachedResultName?: string) => ({ __rl: true, mode: 'list', value, ...(cachedResultName ? { cachedResultName } : {}) });
const typed = (value: string) => ({ __rl: true, mode: 'key', value });

test('picked and typed items become the keys the JSON form uses, pricing options included', () => {
	const map = parseProductMap({
		rows: [
			{ item: picked('product-12', 'Product: Course Launchpad (product-12)'), productIds: [201] },
			{ item: picked('product-12:78572'), productIds: ['204'] },
			{ item: typed(' Bump-12 '), productIds: [203, 201] },
			{ item: typed('upsell-5'), productIds: [202] },
			// A bare key, as a row written by hand or by an expression.
			{ item: 'downsell-6', productIds: [205] },
		],
	});
	expect([...map.entries()]).toEqual([
		['product-12', [201]],
		['product-12:78572', [204]],
		['bump-12', [203, 201]],
		['upsell-5', [202]],
		['downsell-6', [205]],
	]);
});

test('version 1.1 rows (type and ids) still read the same, also next to 1.2 rows in JSON from another node', () => {
	const rows = [
		{ itemType: 'pricingOption', itemId: '12', pricingOptionId: '78572', productIds: [204] },
		{ item: picked('product-12'), productIds: [201] },
	];
	expect([...parseProductMap(JSON.stringify({ rows })).entries()]).toEqual([
		['product-12:78572', [204]],
		['product-12', [201]],
	]);
});

test('a row without an item (or with the list\'s "add an API key" hint picked) says how to fill it', () => {
	for (const item of [picked(''), typed('  '), '']) {
		const error = inputError(() => parseProductMap({ rows: [{ item, productIds: [201] }] }));
		expect(error.message).toBe('Product Map row 1 has no ThriveCart item');
		expect(error.description).toMatch(/Pick it From List \(your ThriveCart items; needs a ThriveCart API credential with an API key on this node\), or choose By Key/);
	}
});

test('a typed key that is not a ThriveCart item key is refused with the key grammar', () => {
	for (const key of ['12', 'course-3', 'product-12:abc', 'product-12:1:2']) {
		const error = inputError(() => parseProductMap({ rows: [{ item: typed(key), productIds: [201] }] }));
		expect(error.message).toBe(`Product Map row 1: "${key.trim()}" is not a ThriveCart item key`);
		expect(error.description).toMatch(/product-12:78572 for one pricing option/);
	}
});

test('the same item twice, picked once and typed once, is refused', () => {
	const error = inputError(() =>
		parseProductMap({ rows: [{ item: picked('bump-12'), productIds: [201] }, { item: typed('BUMP-12'), productIds: [202] }] }),
	);
	expect(error.message).toBe('Product Map rows name the same ThriveCart item twice: bump-12');
});
