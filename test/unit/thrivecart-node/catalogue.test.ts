/** ThriveCart's items as product-map keys and dropdown labels (nodes/ThriveCart/api/catalogue.ts). */
import { itemEntries, matching, pricingOptionEntries, productEntry } from '../../../nodes/ThriveCart/api/catalogue';
import { normaliseProduct } from '../../../nodes/ThriveCart/api/products';
import { ShapeError } from '../../../nodes/ThriveCart/api/shapeError';

const launchpad = normaliseProduct({ product_id: 12, name: 'Course Launchpad', status: 'live' });

test('a product, with its status when it is not live', () => {
	expect(productEntry(launchpad)).toEqual({ key: 'product-12', label: 'Product: Course Launchpad (product-12)' });
	expect(productEntry(normaliseProduct({ id: '30', status: 'test' }))).toEqual({ key: 'product-30', label: 'Product: Product 30 (product-30, test)' });
});

test('pricing options key on their product, as a list or under "pricing_options", by pricing_option_id, option_id or id', () => {
	expect(pricingOptionEntries(launchpad, [{ pricing_option_id: 78572, name: 'One payment' }, { id: '78573', label: '3 payments' }])).toEqual([
		{ key: 'product-12:78572', label: 'Course Launchpad › One payment (product-12:78572)' },
		{ key: 'product-12:78573', label: 'Course Launchpad › 3 payments (product-12:78573)' },
	]);
	expect(pricingOptionEntries(launchpad, { pricing_options: [{ option_id: 9 }] })).toEqual([
		{ key: 'product-12:9', label: 'Course Launchpad › option 9 (product-12:9)' },
	]);
});

test("a bump keys on the product it is attached to, named with it; upsells and downsells on their own ids", () => {
	const names = new Map([['12', 'Course Launchpad']]);
	expect(itemEntries('bump', [{ bump_id: 3, product_id: 12, name: 'Workbook' }], names)).toEqual([
		{ key: 'bump-12', label: 'Bump of Course Launchpad: Workbook (bump-12)' },
	]);
	expect(itemEntries('upsell', { upsells: [{ upsell_id: '5', name: 'Coaching call' }] })).toEqual([{ key: 'upsell-5', label: 'Upsell: Coaching call (upsell-5)' }]);
	expect(itemEntries('downsell', [{ id: 6 }])).toEqual([{ key: 'downsell-6', label: 'Downsell: downsell 6 (downsell-6)' }]);
});

test('an answer that is no list, or a row without an id, is named, never guessed', () => {
	expect(() => itemEntries('upsell', { message: 'hello' })).toThrow(new ShapeError("ThriveCart's answer to GET /upsells is not a list (it had keys message)", ''));
	expect(() => itemEntries('bump', [{ name: 'No id' }])).toThrow(/A bump in ThriveCart's answer to GET \/bumps has no id \(it had keys name\)/);
	expect(() => pricingOptionEntries(launchpad, [{ pricing_option_id: 'abc' }])).toThrow(/A pricing option .* has no id/);
});

test('a search matches words of the label or the key', () => {
	const entries = [productEntry(launchpad), ...itemEntries('upsell', [{ upsell_id: 5, name: 'Coaching call' }])];
	expect(matching(entries, 'coach').map((entry) => entry.key)).toEqual(['upsell-5']);
	expect(matching(entries, 'PRODUCT-12').map((entry) => entry.key)).toEqual(['product-12']);
	expect(matching(entries, '  ')).toHaveLength(2);
});
