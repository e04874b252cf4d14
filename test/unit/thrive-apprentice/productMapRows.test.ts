/** The Product Map's Rows form (dropdowns in the editor) follows the same rules as the JSON form. */
import { FulfilmentInputError, parseProductMap, productMapFromRows } from '../../../nodes/ThriveApprentice/fulfilment/productMap';

function inputError(run: () => unknown): FulfilmentInputError {
	try {
		run();
	} catch (error) {
		if (error instanceof FulfilmentInputError) return error;
		throw error;
	}
	throw new Error('expected a FulfilmentInputError');
}

const rows = [
	{ itemType: 'product', itemId: '12', productIds: [201] },
	{ itemType: 'pricingOption', itemId: '12', pricingOptionId: '78572', productIds: ['204'] },
	{ itemType: 'bump', itemId: ' 12 ', productIds: [203, 201] },
	{ itemType: 'upsell', itemId: '5', productIds: [202] },
	{ itemType: 'downsell', itemId: '6', productIds: [205] },
];

test('rows become the same keys the JSON form uses', () => {
	expect(productMapFromRows(rows)).toEqual({
		'product-12': [201],
		'product-12:78572': ['204'],
		'bump-12': [203, 201],
		'upsell-5': [202],
		'downsell-6': [205],
	});
});

test('the node stores rows as { rows: [...] }; parseProductMap reads them, also as JSON text from another node', () => {
	for (const input of [{ rows }, JSON.stringify({ rows })]) {
		const map = parseProductMap(input);
		expect([...map.entries()]).toEqual([
			['product-12', [201]],
			['product-12:78572', [204]],
			['bump-12', [203, 201]],
			['upsell-5', [202]],
			['downsell-6', [205]],
		]);
	}
});

test('no rows is an empty map, and says where to add them', () => {
	for (const input of [{}, { rows: [] }, '{}']) {
		const error = inputError(() => parseProductMap(input));
		expect(error.message).toBe('The Product Map is empty');
		expect(error.description).toMatch(/Add a row under Product Map/);
	}
});

test('a row without products is refused, not read as "grant nothing"', () => {
	const error = inputError(() => productMapFromRows([{ itemType: 'bump', itemId: '12', productIds: [] }]));
	expect(error.message).toBe('Product Map row 1 (bump-12) has no Thrive Apprentice product');
});

test.each([
	[{ itemType: 'product', itemId: '' }, /row 1 has no ThriveCart ID/],
	[{ itemType: 'product', itemId: 'twelve', productIds: [201] }, /"twelve" is not a ThriveCart ID/],
	[{ itemType: 'pricingOption', itemId: '12', productIds: [201] }, /needs the pricing option's ID/],
	[{ itemType: 'coupon', itemId: '12', productIds: [201] }, /"coupon" is not a ThriveCart item type/],
])('row %p is refused', (row, message) => {
	expect(inputError(() => productMapFromRows([row])).message).toMatch(message);
});

test('two rows for the same item are refused', () => {
	const error = inputError(() => productMapFromRows([rows[0], { ...rows[0], productIds: [202] }]));
	expect(error.message).toMatch(/same ThriveCart item twice: product-12/);
});

test('product ids from the dropdown are checked like JSON ones', () => {
	expect(inputError(() => parseProductMap({ rows: [{ itemType: 'product', itemId: '12', productIds: ['abc'] }] })).message).toMatch(
		/"abc" is not a Thrive Apprentice product id/,
	);
});
