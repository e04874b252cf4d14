// TA's customer routes: the member list, manual access, purchased items and revoking.
import { VIP_USER_ID, asAdmin, newOrder, newOrderBody, productIdsOf, refundOrder, sandboxEmails, sandboxState, setSettings, useSandbox } from './helpers';

const ctx = useSandbox();
const addAccess = (userId: number, courseIds: unknown[]) => asAdmin(ctx.url, `/tva/v1/customer/${userId}/add-access`, { method: 'POST', json: { course_ids: courseIds } });

describe('POST tva/v1/customer/{id}/add-access', () => {
	it("grants the products and answers the user's full product list", async () => {
		const answer = await addAccess(3, [202, 201]);
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual([
			{ id: 201, name: 'Foundations Program' },
			{ id: 202, name: 'Advanced Program' },
		]);
	});

	it('creates an order with gateway "Added Manually" named after the products', async () => {
		await addAccess(3, [201]);
		const [order] = (await sandboxState(ctx.url)).orders;
		expect(order).toMatchObject({ userId: 3, gateway: 'Added Manually', status: 1 });
		expect(order.items.map((i) => [i.productId, i.name, i.status])).toEqual([[201, 'Foundations Program', 1]]);
	});

	it('is idempotent: owned products are skipped', async () => {
		await addAccess(3, [201]);
		await addAccess(3, [201]);
		expect((await sandboxState(ctx.url)).orders).toHaveLength(1);
	});

	it('skips products owned through a ThriveCart order', async () => {
		const { body } = await newOrder(ctx.url);
		await addAccess(body.user_id, [201]);
		expect((await sandboxState(ctx.url)).orders).toHaveLength(1);
	});

	it('skips products owned through a role', async () => {
		const answer = await addAccess(VIP_USER_ID, [204]);
		expect(answer.body).toEqual([{ id: 204, name: 'All Access Pass' }]);
		expect((await sandboxState(ctx.url)).orders).toEqual([]);
	});

	it('ignores an unknown product', async () => {
		const answer = await addAccess(3, [999]);
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual([]);
		expect((await sandboxState(ctx.url)).orders).toEqual([]);
	});

	it('grants nothing for a course id', async () => {
		const answer = await addAccess(3, [101]);
		expect(answer.body).toEqual([]);
	});

	it('answers [] for an unknown user', async () => {
		const answer = await addAccess(999, [201]);
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual([]);
		expect((await sandboxState(ctx.url)).orders).toEqual([]);
	});
});

describe('GET tva/v1/customer/{id}/products', () => {
	it('includes products from a role', async () => {
		expect((await asAdmin(ctx.url, `/tva/v1/customer/${VIP_USER_ID}/products`)).body).toEqual([{ id: 204, name: 'All Access Pass' }]);
	});

	it('includes ThriveCart and manual grants, not disabled ones', async () => {
		const { body } = await newOrder(ctx.url, newOrderBody({ charges: [{ type: 'single', courses: [201, 202], name: 'x', item_id: 1, amount: 0 }] }));
		await addAccess(body.user_id, [203]);
		expect(await productIdsOf(ctx.url, body.user_id)).toEqual([201, 202, 203]);
		await newOrder(ctx.url, newOrderBody({ order: { order_id: 5 } }));
		expect(await productIdsOf(ctx.url, body.user_id)).toEqual([201, 202, 203]);
	});
});

describe('GET tva/v1/customer/{id}/purchased-items', () => {
	it('lists active items of completed orders with type and source', async () => {
		const { body } = await newOrder(ctx.url, newOrderBody({ charges: [{ type: 'single', courses: [201], name: 'Main offer', item_id: 1, amount: 0 }] }));
		await addAccess(body.user_id, [203]);
		const answer = await asAdmin(ctx.url, `/tva/v1/customer/${body.user_id}/purchased-items`);
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual([
			{ id: 1, order_id: 1, product_id: 201, name: 'Main offer', type: 'ThriveCart product', source: 'Purchased', icon: 'thrivecart-product', date: expect.stringMatching(/^[A-Z][a-z]+ \d{1,2}, \d{4} \d{1,2}:\d\d [ap]m$/) },
			{ id: 2, order_id: 2, product_id: 203, name: 'Bonus Masterclass', type: 'Apprentice product', source: 'Manually added', icon: 'apprentice-product', date: expect.any(String) },
		]);
	});

	it('lists role-based access without an id', async () => {
		const answer = await asAdmin(ctx.url, `/tva/v1/customer/${VIP_USER_ID}/purchased-items`);
		expect(answer.body).toHaveLength(1);
		expect(answer.body[0]).toMatchObject({ product_id: 204, name: 'All Access Pass' });
		expect(answer.body[0]).not.toHaveProperty('id');
	});

	it('leaves out refunded orders and disabled items', async () => {
		const { body } = await newOrder(ctx.url, newOrderBody({ charges: [{ type: 'single', courses: [201, 202], name: 'x', item_id: 1, amount: 0 }] }));
		await asAdmin(ctx.url, `/tva/v1/customer/${body.user_id}/disable-item/2`, { method: 'DELETE' });
		expect((await asAdmin(ctx.url, `/tva/v1/customer/${body.user_id}/purchased-items`)).body.map((r: { id: number }) => r.id)).toEqual([1]);
		await newOrder(ctx.url, newOrderBody({ order: { order_id: 900002 }, charges: [{ type: 'single', courses: [203], name: 'y', item_id: 1, amount: 0 }] }));
		expect((await asAdmin(ctx.url, `/tva/v1/customer/${body.user_id}/purchased-items`)).body.map((r: { id: number }) => r.id)).toEqual([1, 3]);
		await refundOrder(ctx.url, { order_id: 900002 });
		expect((await asAdmin(ctx.url, `/tva/v1/customer/${body.user_id}/purchased-items`)).body.map((r: { id: number }) => r.id)).toEqual([1]);
	});
});

describe('DELETE tva/v1/customer/{userId}/disable-item/{itemId}', () => {
	it('disables the item and answers true', async () => {
		const { body } = await newOrder(ctx.url);
		const answer = await asAdmin(ctx.url, `/tva/v1/customer/${body.user_id}/disable-item/1`, { method: 'DELETE' });
		expect(answer.status).toBe(200);
		expect(answer.body).toBe(true);
		expect(await productIdsOf(ctx.url, body.user_id)).toEqual([]);
	});

	it('ignores the customer id in the path', async () => {
		const { body } = await newOrder(ctx.url);
		const answer = await asAdmin(ctx.url, '/tva/v1/customer/3/disable-item/1', { method: 'DELETE' });
		expect(answer.body).toBe(true);
		expect(await productIdsOf(ctx.url, body.user_id)).toEqual([]);
	});

	it('answers 500 order_item_not_saved for a disabled or unknown item', async () => {
		await newOrder(ctx.url);
		await asAdmin(ctx.url, '/tva/v1/customer/5/disable-item/1', { method: 'DELETE' });
		const expected = { code: 'order_item_not_saved', message: 'Removing access was not possible', data: null };
		const again = await asAdmin(ctx.url, '/tva/v1/customer/5/disable-item/1', { method: 'DELETE' });
		expect(again.status).toBe(500);
		expect(again.body).toEqual(expected);
		const unknown = await asAdmin(ctx.url, '/tva/v1/customer/5/disable-item/77', { method: 'DELETE' });
		expect(unknown.status).toBe(500);
		expect(unknown.body).toEqual(expected);
	});
});

describe('GET tva/v1/customer', () => {
	beforeEach(async () => {
		await newOrder(ctx.url, newOrderBody({ email: 'carol@example.test' }));
		await newOrder(ctx.url, newOrderBody({ email: 'Mary.Carol@example.test' }));
	});

	it('without limit answers no items but the right total', async () => {
		const answer = await asAdmin(ctx.url, '/tva/v1/customer?s=carol');
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({ products: expect.any(Array), total: 2, items: [] });
		// Every product as its WordPress term, whatever the search.
		expect(answer.body.products.map((p: { term_id: number }) => p.term_id)).toEqual([201, 202, 203, 204, 205, 206]);
	});

	it('with limit answers the members, matching s case-insensitively', async () => {
		const answer = await asAdmin(ctx.url, '/tva/v1/customer?s=CAROL&limit=10');
		expect(answer.body.total).toBe(2);
		expect(answer.body.items.map((i: { user_email: string }) => i.user_email)).toEqual(['carol@example.test', 'Mary.Carol@example.test']);
		expect(answer.body.items[0]).toMatchObject({ ID: 5, display_name: 'Jane Doe' });
	});

	it('counts only users with some TA access (role access included)', async () => {
		const answer = await asAdmin(ctx.url, '/tva/v1/customer?limit=50');
		expect(answer.body.items.map((i: { ID: number }) => i.ID)).toEqual([VIP_USER_ID, 5, 6]);
	});

	it('pages with limit and offset', async () => {
		const answer = await asAdmin(ctx.url, '/tva/v1/customer?limit=1&offset=1');
		expect(answer.body.items.map((i: { ID: number }) => i.ID)).toEqual([5]);
		expect(answer.body.total).toBe(3);
	});
});

describe('POST tva/v1/customer', () => {
	const addCustomer = (json: unknown) => asAdmin(ctx.url, '/tva/v1/customer', { method: 'POST', json });

	it('creates the user and a manual order', async () => {
		const answer = await addCustomer({ user_email: 'new@example.test', display_name: 'New Person', services: { course_ids: [201] } });
		expect(answer.status).toBe(200);
		const state = await sandboxState(ctx.url);
		expect(state.users.find((u) => u.email === 'new@example.test')).toMatchObject({ id: 5, displayName: 'New Person', roles: ['subscriber'] });
		expect(state.orders.map((o) => [o.userId, o.gateway])).toEqual([[5, 'Added Manually']]);
		expect(await sandboxEmails(ctx.url)).toEqual([]);
	});

	it('with notify: 1 sends one welcome email', async () => {
		await addCustomer({ user_email: 'new@example.test', display_name: 'New Person', services: { course_ids: [201] }, notify: 1 });
		const emails = await sandboxEmails(ctx.url);
		expect(emails.map((e) => [e.kind, e.to])).toEqual([['new-account', 'new@example.test']]);
	});

	it('with notify but the WordPress template off sends nothing', async () => {
		await setSettings(ctx.url, { wordpressNewAccountEmail: false });
		await addCustomer({ user_email: 'new@example.test', services: { course_ids: [201] }, notify: 1 });
		expect(await sandboxEmails(ctx.url)).toEqual([]);
	});

	it('gives an existing user without orders the access, and no email', async () => {
		const answer = await addCustomer({ user_email: 'member@sandbox.test', services: { course_ids: [202] }, notify: 1 });
		expect(answer.status).toBe(200);
		expect(await productIdsOf(ctx.url, 3)).toEqual([202]);
		expect(await sandboxEmails(ctx.url)).toEqual([]);
	});

	it('answers 405 with only a message for an existing member', async () => {
		await addAccess(3, [201]);
		const answer = await addCustomer({ user_email: 'MEMBER@sandbox.test', services: { course_ids: [202] } });
		expect(answer.status).toBe(405);
		expect(answer.body).toEqual({ message: "The member already exists! If you want to update the user's access please use the Edit Access Rights option" });
		expect(await productIdsOf(ctx.url, 3)).toEqual([201]);
	});
});

describe('POST tva/v1/customer/{id}', () => {
	it("replaces all of the user's orders", async () => {
		const { body } = await newOrder(ctx.url, newOrderBody({ charges: [{ type: 'single', courses: [201, 202], name: 'x', item_id: 1, amount: 0 }] }));
		await addAccess(body.user_id, [203]);
		const answer = await asAdmin(ctx.url, `/tva/v1/customer/${body.user_id}`, { method: 'POST', json: { services: { course_ids: [205] } } });
		expect(answer.status).toBe(200);
		expect(await productIdsOf(ctx.url, body.user_id)).toEqual([205]);
		const orders = (await sandboxState(ctx.url)).orders.filter((o) => o.userId === body.user_id);
		expect(orders.map((o) => o.gateway)).toEqual(['Added Manually']);
	});
});
