import {
	accessKey,
	buildNewOrder,
	chargesForProducts,
	chargesFromItems,
	deriveOrderId,
	normaliseOrderReference,
	orderIdForTa,
	ORDER_SOURCE,
} from '../../../nodes/ThriveApprentice/fulfilment/order';
import { FulfilmentInputError, parseItems, parseProductMap, resolveItems } from '../../../nodes/ThriveApprentice/fulfilment/productMap';

describe('normaliseOrderReference', () => {
	test.each([
		[4242, '4242'],
		['4242', '4242'],
		[' 007 ', '7'],
		['429583657898226838', '429583657898226838'],
	])('%p → %p', (input, expected) => expect(normaliseOrderReference(input)).toBe(expected));

	test.each([[undefined], [null], [''], ['  '], ['null'], ['undefined']])('%p means no reference', (input) =>
		expect(normaliseOrderReference(input)).toBeUndefined(),
	);

	test.each([['ABC-1'], ['12.5'], [0], ['0'], [-4], [1.5], [{}]])('%p is refused with a clear message', (input) => {
		expect(() => normaliseOrderReference(input)).toThrow(FulfilmentInputError);
		expect(() => normaliseOrderReference(input)).toThrow(/is not a ThriveCart order id/);
	});
});

describe('deriveOrderId', () => {
	test('is stable, ignores email case and product order, and lives in its own range', () => {
		const id = deriveOrderId('Jane@Example.test', [203, 201]);
		expect(id).toBe(deriveOrderId(' jane@example.test ', [201, 203]));
		expect(Number(id)).toBeGreaterThanOrEqual(8_000_000_000_000);
		expect(Number(id)).toBeLessThan(9_000_000_000_000);
		expect(Number.isSafeInteger(Number(id))).toBe(true);
	});

	test('differs for another email or another product set', () => {
		const base = deriveOrderId('jane@example.test', [201]);
		expect(deriveOrderId('john@example.test', [201])).not.toBe(base);
		expect(deriveOrderId('jane@example.test', [201, 203])).not.toBe(base);
	});
});

test('orderIdForTa keeps safe integers as numbers and huge ids as strings', () => {
	expect(orderIdForTa('4242')).toBe(4242);
	expect(orderIdForTa('429583657898226838')).toBe('429583657898226838');
});

describe('charges', () => {
	const map = parseProductMap({ 'product-12': [201, 203], 'bump-12': [203], 'upsell-5': [202] });
	const items = parseItems([
		{ key: 'product-12', name: 'Main course', amount: 4900, payment: 'single' },
		{ key: 'bump-12', name: 'Bump', amount: 1000 },
		{ key: 'upsell-5', name: 'Coaching', amount: 2500, payment: 'recurring', subscriptionId: 'sub_9', pricingOptionId: '77' },
	]);
	const { mapped, productIds } = resolveItems(items, map);

	test('one charge per item, each product once, amounts in major units', () => {
		expect(chargesFromItems(mapped, productIds)).toEqual([
			{ type: 'single', courses: [201, 203], name: 'Main course', item_id: 12, amount: 49, reference: 'product-12' },
			{ type: 'recurring', courses: [202], name: 'Coaching', item_id: 5, amount: 25, reference: 'upsell-5:77', subscription_id: 'sub_9' },
		]);
	});

	test('only the products still to grant are charged', () => {
		expect(chargesFromItems(mapped, [202])).toEqual([expect.objectContaining({ courses: [202], name: 'Coaching' })]);
	});

	test('an item without a name is named after its key', () => {
		const [only] = resolveItems(parseItems('upsell-5'), map).mapped;
		expect(chargesFromItems([only], [202])[0].name).toBe('ThriveCart upsell-5');
	});

	test('products chosen directly get one charge each with the access name', () => {
		expect(chargesForProducts([201, 204], 'Granted by n8n')).toEqual([
			{ type: 'single', courses: [201], name: 'Granted by n8n', item_id: 201, amount: 0, reference: 'product-id-201' },
			{ type: 'single', courses: [204], name: 'Granted by n8n', item_id: 204, amount: 0, reference: 'product-id-204' },
		]);
	});
});

test('buildNewOrder always sends the processor and totals the charges', () => {
	const body = buildNewOrder({
		email: 'jane@example.test',
		firstName: 'Jane',
		orderId: '4242',
		currency: 'EUR',
		processor: 'stripe',
		charges: chargesForProducts([201], 'x').map((charge) => ({ ...charge, amount: 10.1 })).concat(chargesForProducts([202], 'y').map((charge) => ({ ...charge, amount: 0.2 }))),
	});
	expect(body).toMatchObject({
		source: ORDER_SOURCE,
		email: 'jane@example.test',
		first_name: 'Jane',
		last_name: '',
		order: { order_id: 4242, total: 10.3, currency: 'EUR', processor: 'stripe' },
	});
});

test('accessKey: one key per action, order, lower-cased email and product', () => {
	expect(accessKey('grant', '4242', ' Jane@Example.test', 201)).toBe('grant|4242|jane@example.test|201');
	expect(accessKey('revoke', '4242', 'jane@example.test', 201)).not.toBe(accessKey('grant', '4242', 'jane@example.test', 201));
});
