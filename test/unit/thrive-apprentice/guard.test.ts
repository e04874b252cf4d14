/** Pure parts of the grant/revoke guard: order markers, holdings, the refundOrder probe, newOrder outcomes. */
import { markedName, orderOfName } from '../../../nodes/ThriveApprentice/fulfilment/orderMarker';
import { buildNewOrder } from '../../../nodes/ThriveApprentice/fulfilment/order';
import { classifyProbe, NO_SUCH_PRODUCT } from '../../../nodes/ThriveApprentice/resources/access/firstOrder';
import { describeItem, heldThroughOrder, holdingOf } from '../../../nodes/ThriveApprentice/resources/access/holdings';
import { classifyNewOrderAnswer } from '../../../nodes/ThriveApprentice/resources/access/newOrderCall';
import type { PurchasedRow } from '../../../nodes/ThriveApprentice/resources/access/member';

describe('order markers in item names', () => {
	test('a charge name ends with its ThriveCart order, once, whatever it had before', () => {
		expect(markedName('Foundations Program', '900001')).toBe('Foundations Program (ThriveCart order 900001)');
		expect(markedName('Foundations Program (ThriveCart order 12)', '900001')).toBe('Foundations Program (ThriveCart order 900001)');
		expect(orderOfName('Foundations Program (ThriveCart order 900001)')).toBe('900001');
	});

	test('names the node did not write carry no order', () => {
		expect(orderOfName('Foundations Program')).toBeUndefined();
		expect(orderOfName('ThriveCart order 900001')).toBeUndefined();
		expect(orderOfName(undefined)).toBeUndefined();
		expect(orderOfName(42)).toBeUndefined();
	});

	test('newOrder bodies mark every charge with the order they belong to', () => {
		const body = buildNewOrder({
			email: 'a@example.test',
			orderId: '5001',
			currency: 'EUR',
			processor: 'stripe',
			charges: [
				{ type: 'single', courses: [201], name: 'Course', item_id: 12, amount: 49, reference: 'product-12' },
				{ type: 'single', courses: [203], name: 'Bump', item_id: 12, amount: 5, reference: 'bump-12' },
			],
		}) as { order: { charges: Array<{ name: string }>; currency: string; processor: string } };
		expect(body.order.charges.map((charge) => charge.name)).toEqual(['Course (ThriveCart order 5001)', 'Bump (ThriveCart order 5001)']);
		expect(body.order).toMatchObject({ currency: 'EUR', processor: 'stripe' });
	});
});

describe('holdings: how a member holds a product, relative to one order', () => {
	const row = (extra: Partial<PurchasedRow>): PurchasedRow => ({ id: 1, order_id: 1, product_id: 15, type: 'ThriveCart product', source: 'Purchased', ...extra });
	const rows: PurchasedRow[] = [
		row({ id: 1, name: 'Course (ThriveCart order 900001)' }),
		row({ id: 2, name: 'Course (ThriveCart order 900001)', order_id: 2 }),
		row({ id: 3, name: 'Course (ThriveCart order 777)', order_id: 3 }),
		row({ id: 4, name: 'Acceptance Product 1', order_id: 4 }),
		row({ id: 5, name: 'Acceptance Product 1', type: 'Apprentice product', source: 'Manually added', order_id: 5 }),
		row({ id: undefined, name: 'Acceptance Product 1', type: 'Apprentice product', source: 'Role: customer' }),
		row({ id: 7, product_id: 16, name: 'Other (ThriveCart order 900001)' }),
	];

	test('items of this order, unattributed ThriveCart items, and everything else', () => {
		const holding = holdingOf(rows, '900001', 15);
		expect(holding.thisOrder.map((r) => r.id)).toEqual([1, 2]);
		expect(holding.unattributed.map((r) => r.id)).toEqual([4]);
		expect(holding.elsewhere.map((r) => r.id)).toEqual([3, 5, undefined]);
		expect(heldThroughOrder(holding)).toBe(true);
	});

	test('another order, a manual grant or a role does not make a product held through this order', () => {
		const others = rows.filter((r) => r.id === 3 || r.id === 5 || r.id === undefined);
		expect(heldThroughOrder(holdingOf(others, '900001', 15))).toBe(false);
		expect(heldThroughOrder(holdingOf(rows, '900001', 99))).toBe(false);
	});

	test('product ids given as strings count', () => {
		expect(holdingOf([row({ product_id: '15' as unknown as number, name: 'x (ThriveCart order 5)' })], '5', 15).thisOrder).toHaveLength(1);
	});

	test('a readable description of an item', () => {
		expect(describeItem(rows[3])).toBe('order item 4 "Acceptance Product 1" (ThriveCart product, Purchased)');
	});
});

describe("refundOrder as a side-effect-free question about an order's first TA order", () => {
	test('the probe asks for a product id no site has, and not 0', () => {
		expect(NO_SUCH_PRODUCT).toBeGreaterThan(1_000_000_000);
	});

	test.each([
		[{ status: 404, body: { code: 'resource_not_found', message: 'The specified resource does not exists.' } }, 'none'],
		[{ status: 500, body: { code: 'internal_server_error', message: 'Internal Server Error. Order could not be saved!' } }, 'holdsItems'],
		[{ status: 200, body: 900001 }, 'empty'],
	] as const)('%j → %s', (response, expected) => {
		expect(classifyProbe(response)).toBe(expected);
	});

	test('any other answer is not taken for one of the three', () => {
		expect(classifyProbe({ status: 403, body: { code: 'not_authorized' } })).toBeUndefined();
		expect(classifyProbe({ status: 500, body: { code: 'internal_server_error', message: 'Something else' } })).toBeUndefined();
		expect(classifyProbe({ status: 404, body: { code: 'rest_no_route' } })).toBeUndefined();
	});
});

describe('newOrder outcomes', () => {
	test('stored only with both ids', () => {
		expect(classifyNewOrderAnswer({ status: 200, body: { order_id: 7, user_id: 3 } })).toEqual({ kind: 'stored', taOrderId: 7, userId: 3 });
		expect(classifyNewOrderAnswer({ status: 200, body: { order_id: '7', user_id: '3' } })).toEqual({ kind: 'stored', taOrderId: 7, userId: 3 });
	});

	test('a WordPress error answer is a refusal: nothing was stored', () => {
		expect(classifyNewOrderAnswer({ status: 400, body: { code: 'rest_invalid_param' } }).kind).toBe('refused');
		expect(classifyNewOrderAnswer({ status: 500, body: { code: 'existing_user_login', data: null } }).kind).toBe('refused');
	});

	test('a 2xx without ids or an error without a WordPress code is uncertain, never "not stored"', () => {
		expect(classifyNewOrderAnswer({ status: 200, body: { email: '', created: true } }).kind).toBe('uncertain');
		expect(classifyNewOrderAnswer({ status: 200, body: undefined }).kind).toBe('uncertain');
		expect(classifyNewOrderAnswer({ status: 502, body: { message: 'Bad gateway' } }).kind).toBe('uncertain');
	});
});
