// POST /__sandbox/orders: orders as ThriveCart's built-in integration stored them before the seller switched.
import { call, newOrder, newOrderBody, productIdsOf, refundOrder, sandboxEmails, sandboxState, useSandbox } from './helpers';

const ctx = useSandbox();
const insert = (body: unknown) => call(`${ctx.url}/__sandbox/orders`, { method: 'POST', json: body });

describe('POST /__sandbox/orders', () => {
	it('stores a ThriveCart order with one active item per product, named after the product, and creates the buyer without email', async () => {
		const answer = await insert({ email: 'henry+vip@example.test', firstName: 'Henry', lastName: 'Vip', gatewayOrderId: '5551', productIds: [201, 203] });
		expect(answer.status).toBe(200);
		expect(answer.body.user).toMatchObject({ id: 5, login: 'henryvip@example.test', displayName: 'Henry Vip', roles: ['subscriber'] });
		expect(answer.body.user).not.toHaveProperty('passwordHash');
		expect(answer.body.order).toMatchObject({ gateway: 'ThriveCart', gatewayOrderId: '5551', status: 1, userId: 5 });
		expect(answer.body.order.items.map((i: { productId: number; name: string; status: number }) => [i.productId, i.name, i.status])).toEqual([
			[201, 'Foundations Program', 1],
			[203, 'Bonus Masterclass', 1],
		]);
		expect(await sandboxEmails(ctx.url)).toEqual([]);
		expect(await productIdsOf(ctx.url, 5)).toEqual([201, 203]);
	});

	it('uses an existing user, itemName and status when given', async () => {
		const answer = await insert({ email: 'MEMBER@sandbox.test', gatewayOrderId: 77, productIds: [202], itemName: 'Old checkout', status: 0 });
		expect(answer.body.user.id).toBe(3);
		expect(answer.body.order).toMatchObject({ gatewayOrderId: '77', status: 0, items: [expect.objectContaining({ name: 'Old checkout' })] });
	});

	it("is the FIRST order refundOrder finds for that id, before the node's newOrder with the same id", async () => {
		await insert({ email: 'jane@example.test', gatewayOrderId: '900001', productIds: [202] });
		const { body } = await newOrder(ctx.url, newOrderBody());
		// The built-in order holds 202 only: refunding 201 under that id cannot be saved.
		expect((await refundOrder(ctx.url, { order_id: 900001, course_ids: [201] })).status).toBe(500);
		expect((await refundOrder(ctx.url, { order_id: 900001 })).status).toBe(200);
		const [builtIn, fromNode] = (await sandboxState(ctx.url)).orders;
		expect([builtIn.status, fromNode.status]).toEqual([0, 1]);
		expect(await productIdsOf(ctx.url, body.user_id)).toEqual([201]);
	});

	it.each([
		[{ gatewayOrderId: '1', productIds: [201] }, 'email'],
		[{ email: 'a@example.test', productIds: [201] }, 'gatewayOrderId'],
		[{ email: 'a@example.test', gatewayOrderId: '1', productIds: [] }, 'productIds'],
		[{ email: 'a@example.test', gatewayOrderId: '1', productIds: [999] }, 'product 999'],
		[{ email: 'a@example.test', gatewayOrderId: '1', productIds: [201], status: 9 }, 'status'],
	])('refuses %j (%s) with 400 and stores nothing', async (body, problem) => {
		const answer = await insert(body);
		expect(answer.status).toBe(400);
		expect(answer.body.error).toContain(problem);
		const state = await sandboxState(ctx.url);
		expect(state.orders).toEqual([]);
		expect(state.users).toHaveLength(4);
	});
});
