import {
	FulfilmentInputError,
	parseItems,
	parseProductId,
	parseProductMap,
	resolveItems,
	unmappedItemsError,
	type FulfilmentItem,
} from '../../../nodes/ThriveApprentice/fulfilment/productMap';
import type { PurchasedItem } from '../../../nodes/shared/itemKey';

const purchased = (key: string, extra: Partial<PurchasedItem> = {}): PurchasedItem => {
	const [type, id] = key.split('-') as [PurchasedItem['type'], string];
	return { key, type, id, name: null, pricingOptionId: null, pricingOptionName: null, payment: 'single', amount: null, subscriptionId: null, ...extra };
};

function expectInputError(run: () => unknown, message: RegExp, description?: RegExp): void {
	let caught: unknown;
	try {
		run();
	} catch (error) {
		caught = error;
	}
	expect(caught).toBeInstanceOf(FulfilmentInputError);
	expect((caught as Error).message).toMatch(message);
	if (description) expect((caught as FulfilmentInputError).description).toMatch(description);
}

describe('parseProductId', () => {
	test.each([
		[201, 201],
		['201', 201],
		[' 7 ', 7],
	])('%p is product %p', (input, expected) => expect(parseProductId(input)).toBe(expected));

	test.each([[0], [-3], [1.5], ['abc'], ['12a'], [''], [null], [undefined], [true], [{}], [Number.MAX_SAFE_INTEGER + 2]])('%p is not a product id', (input) =>
		expect(parseProductId(input)).toBeUndefined(),
	);
});

describe('parseProductMap', () => {
	test('reads ids, arrays, numeric strings and [] (deliberately nothing)', () => {
		const map = parseProductMap({ 'product-12': [201], 'product-12:78572': 204, 'bump-12': ['203'], 'upsell-5': [202, 202], 'downsell-6': [] });
		expect([...map.entries()]).toEqual([
			['product-12', [201]],
			['product-12:78572', [204]],
			['bump-12', [203]],
			['upsell-5', [202]],
			['downsell-6', []],
		]);
	});

	test('accepts JSON text and normalises key case and spaces', () => {
		const map = parseProductMap('{ " Product-12 ": 201, "BUMP-12:5": [203] }');
		expect(map.get('product-12')).toEqual([201]);
		expect(map.get('bump-12:5')).toEqual([203]);
	});

	test('bad JSON names the problem', () => expectInputError(() => parseProductMap('{ "product-12": [201], }'), /Product Map is not valid JSON/));

	test('an empty map value is refused with an example', () => {
		expectInputError(() => parseProductMap(''), /Product Map is empty/, /product-12/);
		expectInputError(() => parseProductMap(null), /Product Map is empty/);
	});

	test('arrays and scalars are not maps', () => {
		expectInputError(() => parseProductMap([201]), /must be a JSON object/);
		expectInputError(() => parseProductMap('201'), /must be a JSON object/);
	});

	test.each([['product12'], ['course-12'], ['product-'], ['product-12:'], ['product-12:abc'], ['product-12:1:2'], ['bump-x']])(
		'key %p is refused with the grammar',
		(key) => expectInputError(() => parseProductMap({ [key]: [201] }), new RegExp(`"${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" is not a ThriveCart item key`), /product-12:78572/),
	);

	test.each([['abc'], [0], [-1], [1.5], [null], [{ id: 1 }], [true]])('value %p is refused as a product id', (value) =>
		expectInputError(() => parseProductMap({ 'bump-12': [201, value] }), /Product Map entry "bump-12": .* is not a Thrive Apprentice product id/, /\[\]/),
	);

	test('two spellings of one key are refused', () =>
		expectInputError(() => parseProductMap({ 'product-12': 201, 'PRODUCT-12': 202 }), /"product-12" and "PRODUCT-12" name the same ThriveCart item/));
});

describe('parseItems', () => {
	test('the trigger items array', () => {
		const items = parseItems([purchased('product-12', { name: 'Course', amount: 4900 }), purchased('bump-12')]);
		expect(items.map((item) => item.key)).toEqual(['product-12', 'bump-12']);
		expect(items[0]).toMatchObject({ type: 'product', id: '12', name: 'Course', amount: 4900, payment: 'single' });
	});

	test('a single item object (affectedItem)', () => {
		expect(parseItems(purchased('upsell-5', { payment: 'recurring', subscriptionId: 'sub_1' }))).toEqual([
			expect.objectContaining({ key: 'upsell-5', type: 'upsell', id: '5', payment: 'recurring', subscriptionId: 'sub_1' }),
		]);
	});

	test('a key string, a pricing key string, an array of keys, and JSON text', () => {
		expect(parseItems('bump-12').map((item) => item.key)).toEqual(['bump-12']);
		expect(parseItems('product-12:78572')[0]).toMatchObject({ key: 'product-12', pricingOptionId: '78572' });
		expect(parseItems(['product-12', 'downsell-6']).map((item) => item.key)).toEqual(['product-12', 'downsell-6']);
		expect(parseItems('["product-12", "bump-12"]').map((item) => item.key)).toEqual(['product-12', 'bump-12']);
		expect(parseItems('product-12, bump-12').map((item) => item.key)).toEqual(['product-12', 'bump-12']);
	});

	test('an object with type and id but no key', () => {
		expect(parseItems({ type: 'bump', id: '12' })[0].key).toBe('bump-12');
	});

	test('repeats (same key and pricing option) count once; another pricing option does not', () => {
		const items = parseItems([purchased('product-12'), purchased('product-12'), purchased('product-12', { pricingOptionId: '9' })]);
		expect(items.map((item) => `${item.key}:${item.pricingOptionId}`)).toEqual(['product-12:null', 'product-12:9']);
	});

	test('PHP-style "null" strings are treated as missing', () => {
		expect(parseItems({ key: 'product-12', name: 'null', subscriptionId: 'false', pricingOptionId: 'null' })[0]).toMatchObject({
			name: null,
			subscriptionId: null,
			pricingOptionId: null,
		});
	});

	test('an empty list is an error', () => expectInputError(() => parseItems([]), /list of ThriveCart items is empty/));

	test.each([[undefined], [null], ['']])('no items (%p) is an error that says where items come from', (input) =>
		expectInputError(() => parseItems(input), /No ThriveCart items/, /\$json\.items/),
	);

	test('bad keys, missing keys and wrong types are errors naming the item', () => {
		expectInputError(() => parseItems(['product-12', 'course-3']), /Item #2 "course-3" is not a ThriveCart item key/);
		expectInputError(() => parseItems([{ name: 'x' }]), /Item  has no "key"|Item has no "key"|has no "key"/);
		expectInputError(() => parseItems([12]), /must be an item object or a key/);
		expectInputError(() => parseItems('{not json'), /Items is not valid JSON/);
	});
});

describe('resolveItems', () => {
	const map = parseProductMap({ 'product-12': [201], 'product-12:78572': 204, 'bump-12': [203], 'upsell-5': 202, 'downsell-6': [] });
	const item = (key: string, extra: Partial<FulfilmentItem> = {}) => parseItems({ ...purchased(key), ...extra })[0];

	test('the item entry applies when there is no pricing option', () => {
		expect(resolveItems([item('product-12')], map)).toMatchObject({ productIds: [201], unmapped: [], deliberatelyEmpty: [] });
	});

	test('a pricing-option entry beats the item entry', () => {
		const resolution = resolveItems([item('product-12', { pricingOptionId: '78572' })], map);
		expect(resolution.productIds).toEqual([204]);
		expect(resolution.mapped[0].matchedKey).toBe('product-12:78572');
	});

	test('an unknown pricing option falls back to the item entry', () => {
		const resolution = resolveItems([item('product-12', { pricingOptionId: '1' })], map);
		expect(resolution.productIds).toEqual([201]);
		expect(resolution.mapped[0].matchedKey).toBe('product-12');
	});

	test('an item with only pricing-option entries and another option is unmapped', () => {
		const only = parseProductMap({ 'product-7:1': [201] });
		expect(resolveItems([item('product-7', { pricingOptionId: '2' })], only).unmapped).toEqual([{ key: 'product-7', pricingOptionId: '2', name: null }]);
	});

	test('[] maps to nothing on purpose and is reported as such, not as unmapped', () => {
		const resolution = resolveItems([item('downsell-6')], map);
		expect(resolution).toMatchObject({ productIds: [], unmapped: [], deliberatelyEmpty: ['downsell-6'] });
	});

	test('unmapped items are reported with their names, mapped ones still resolve', () => {
		const resolution = resolveItems([item('product-12'), item('bump-99', { name: 'Extra' })], map);
		expect(resolution.productIds).toEqual([201]);
		expect(resolution.unmapped).toEqual([{ key: 'bump-99', pricingOptionId: null, name: 'Extra' }]);
	});

	test('products are listed once, in item order', () => {
		const shared = parseProductMap({ 'product-12': [201, 203], 'bump-12': [203, 205] });
		expect(resolveItems([item('product-12'), item('bump-12')], shared).productIds).toEqual([201, 203, 205]);
	});

	test('the unmapped error lists every key, shows how to add them, and mentions Skip', () => {
		const error = unmappedItemsError([
			{ key: 'bump-99', pricingOptionId: null, name: 'Extra' },
			{ key: 'upsell-7', pricingOptionId: '55', name: null },
		]);
		expect(error.message).toBe('The Product Map has no entry for ThriveCart items "bump-99" (Extra), "upsell-7"');
		expect(error.description).toMatch(/"bump-99": \[<product id>\]/);
		expect(error.description).toMatch(/"upsell-7:55" for that pricing option only/);
		expect(error.description).toMatch(/"Skip"/);
	});
});
