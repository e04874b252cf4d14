// getCourses, newOrder and refundOrder: what ThriveCart calls, as a real site answers.
import { without, asAdmin, newOrder, newOrderBody, productIdsOf, refundOrder, sandboxEmails, sandboxState, setSettings, useSandbox, withKey } from './helpers';

const ctx = useSandbox();

describe('GET tva/v1/getCourses', () => {
	it('lists every product as {id, title}, also one whose only course is a draft', async () => {
		const answer = await withKey(ctx.url, '/tva/v1/getCourses');
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual([
			{ id: 201, title: 'Foundations Program' },
			{ id: 202, title: 'Advanced Program' },
			{ id: 203, title: 'Bonus Masterclass' },
			{ id: 204, title: 'All Access Pass' },
			{ id: 205, title: 'Coaching Library' },
			{ id: 206, title: 'Upcoming Course' },
		]);
	});
});

describe('POST tva/v1/newOrder', () => {
	describe('validation', () => {
		const expectOrderProblem = async (body: unknown, code: string) => {
			const answer = await newOrder(ctx.url, body);
			expect(answer.status).toBe(400);
			expect(answer.body.code).toBe('rest_invalid_param');
			expect(answer.body.data.status).toBe(400);
			expect(answer.body.data.details.order.code).toBe(code);
			return answer;
		};

		it('answers 400 rest_missing_callback_param without source', async () => {
			const body = without(newOrderBody(), 'source');
			const answer = await newOrder(ctx.url, body);
			expect(answer.status).toBe(400);
			expect(answer.body).toEqual({ code: 'rest_missing_callback_param', message: 'Missing parameter(s): source', data: { status: 400, params: ['source'] } });
		});

		it('accepts order_id as a numeric string', async () => {
			expect((await newOrder(ctx.url, newOrderBody({ order: { order_id: '900001' } }))).status).toBe(200);
		});

		it('refuses an order_id that is not an integer', async () => {
			const answer = await expectOrderProblem(newOrderBody({ order: { order_id: 'ABC-1' } }), 'rest_invalid_type');
			expect(answer.body.data.params.order).toBe('order[order_id] is not of type integer.');
		});

		it.each(['order_id', 'total', 'currency'])('refuses a missing order.%s with rest_missing_order_param', async (field) => {
			const body = newOrderBody();
			delete (body.order as Record<string, unknown>)[field];
			await expectOrderProblem(body, 'rest_missing_order_param');
		});

		it('refuses empty charges with invalid_order_charges', async () => {
			await expectOrderProblem(newOrderBody({ charges: [] }), 'invalid_order_charges');
		});

		it.each(['type', 'courses', 'name', 'item_id', 'amount'])('refuses a charge without %s with rest_missing_charge_param', async (field) => {
			const charge: Record<string, unknown> = { type: 'single', courses: [201], name: 'Course access', item_id: 1, amount: 0 };
			delete charge[field];
			await expectOrderProblem(newOrderBody({ charges: [charge] }), 'rest_missing_charge_param');
		});

		it('refuses a charge type other than single or recurring with rest_not_in_enum', async () => {
			await expectOrderProblem(newOrderBody({ charges: [{ type: 'bump', courses: [201], name: 'x', item_id: 1, amount: 0 }] }), 'rest_not_in_enum');
		});

		it('accepts a recurring charge', async () => {
			expect((await newOrder(ctx.url, newOrderBody({ charges: [{ type: 'recurring', courses: [201], name: 'x', item_id: 1, amount: 10 }] }))).status).toBe(200);
		});

		it('refuses an empty charge name with invalid_order_charge_name', async () => {
			await expectOrderProblem(newOrderBody({ charges: [{ type: 'single', courses: [201], name: '  ', item_id: 1, amount: 0 }] }), 'invalid_order_charge_name');
		});

		it('refuses an item_id that is not an integer', async () => {
			await expectOrderProblem(newOrderBody({ charges: [{ type: 'single', courses: [201], name: 'x', item_id: 'bump-1', amount: 0 }] }), 'rest_invalid_type');
		});

		it('refuses a negative amount', async () => {
			await expectOrderProblem(newOrderBody({ charges: [{ type: 'single', courses: [201], name: 'x', item_id: 1, amount: -1 }] }), 'rest_out_of_bounds');
		});

		it('refuses a bad email with rest_invalid_email under the email parameter', async () => {
			const answer = await newOrder(ctx.url, newOrderBody({ email: 'not-an-email' }));
			expect(answer.status).toBe(400);
			expect(answer.body.data.params).toEqual({ email: 'Invalid email address.' });
			expect(answer.body.data.details.email.code).toBe('rest_invalid_email');
		});

		it('reports a bad email and a bad order together', async () => {
			const answer = await newOrder(ctx.url, newOrderBody({ email: 'not-an-email', charges: [] }));
			expect(answer.body.message).toBe('Invalid parameter(s): email, order');
			expect(Object.keys(answer.body.data.details)).toEqual(['email', 'order']);
		});

		it('refuses an empty currency with the generic rest_invalid_param detail', async () => {
			await expectOrderProblem(newOrderBody({ order: { currency: '' } }), 'rest_invalid_param');
		});

		it('stores nothing when it refuses', async () => {
			await newOrder(ctx.url, newOrderBody({ email: 'not-an-email' }));
			const state = await sandboxState(ctx.url);
			expect(state.orders).toEqual([]);
			expect(state.users).toHaveLength(4);
		});

		it('answers 400 rest_invalid_json for a broken JSON body', async () => {
			const answer = await withKey(ctx.url, '/tva/v1/newOrder', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"source":' });
			expect(answer.status).toBe(400);
			expect(answer.body.code).toBe('rest_invalid_json');
		});

		it('reads a form-encoded body with PHP brackets', async () => {
			const form = new URLSearchParams({
				source: 'thrivecart',
				email: 'form@example.test',
				'order[order_id]': '77',
				'order[total]': '0',
				'order[currency]': 'USD',
				'order[processor]': 'none',
				'order[charges][0][type]': 'single',
				'order[charges][0][courses][]': '202',
				'order[charges][0][name]': 'Form charge',
				'order[charges][0][item_id]': '1',
				'order[charges][0][amount]': '0',
			});
			const answer = await withKey(ctx.url, '/tva/v1/newOrder', { method: 'POST', body: form });
			expect(answer.status).toBe(200);
			expect(await productIdsOf(ctx.url, answer.body.user_id)).toEqual([202]);
		});
	});

	it("answers TA's own order id and the user id, not the order id sent", async () => {
		const answer = await newOrder(ctx.url);
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({ order_id: 1, user_id: 5 });
	});

	it('creates a subscriber whose login is the email without disallowed characters', async () => {
		const answer = await newOrder(ctx.url, newOrderBody({ email: 'henry+vip@example.test', first_name: 'Henry', last_name: 'Vip' }));
		const user = (await sandboxState(ctx.url)).users.find((u) => u.id === answer.body.user_id)!;
		expect(user).toMatchObject({ login: 'henryvip@example.test', email: 'henry+vip@example.test', roles: ['subscriber'], displayName: 'Henry Vip' });
	});

	it("names the user after the email's local part when there are no names", async () => {
		const answer = await newOrder(ctx.url, newOrderBody({ email: 'nameless@example.test', first_name: '', last_name: '' }));
		const user = (await sandboxState(ctx.url)).users.find((u) => u.id === answer.body.user_id)!;
		expect(user.displayName).toBe('nameless');
	});

	it('finds an existing user by email, whatever the case', async () => {
		const answer = await newOrder(ctx.url, newOrderBody({ email: 'MEMBER@Sandbox.test' }));
		expect(answer.body.user_id).toBe(3);
		expect((await sandboxState(ctx.url)).users).toHaveLength(4);
	});

	it('answers 500 existing_user_login when the derived login belongs to someone else, and stores no order', async () => {
		// v+ip@example.test becomes login "vip@example.test", which is user 4's.
		const answer = await newOrder(ctx.url, newOrderBody({ email: 'v+ip@example.test' }));
		expect(answer.status).toBe(500);
		expect(answer.body).toEqual({ code: 'existing_user_login', message: 'Sorry, that username already exists!', data: null });
		expect((await sandboxState(ctx.url)).orders).toEqual([]);
	});

	it('stores a new order on every call (not idempotent)', async () => {
		await newOrder(ctx.url);
		await newOrder(ctx.url);
		const orders = (await sandboxState(ctx.url)).orders;
		expect(orders).toHaveLength(2);
		expect(orders.map((o) => o.gatewayOrderId)).toEqual(['900001', '900001']);
		expect(orders.every((o) => o.items.length === 1 && o.items[0].status === 1)).toBe(true);
	});

	it('stores gateway ThriveCart, the sent order id and the charge name as the item name', async () => {
		await newOrder(ctx.url, newOrderBody({ charges: [{ type: 'single', courses: [201, 203], name: 'Main offer', item_id: 7, amount: 49 }] }));
		const [order] = (await sandboxState(ctx.url)).orders;
		expect(order).toMatchObject({ gateway: 'ThriveCart', gatewayOrderId: '900001', status: 1 });
		expect(order.items.map((i) => [i.productId, i.name])).toEqual([
			[201, 'Main offer'],
			[203, 'Main offer'],
		]);
	});

	it('accepts an unknown product id and an empty courses list, and still creates the user', async () => {
		const unknown = await newOrder(ctx.url, newOrderBody({ email: 'a@example.test', charges: [{ type: 'single', courses: [999], name: 'x', item_id: 1, amount: 0 }] }));
		expect(unknown.status).toBe(200);
		const empty = await newOrder(ctx.url, newOrderBody({ email: 'b@example.test', charges: [{ type: 'single', courses: [], name: 'x', item_id: 1, amount: 0 }] }));
		expect(empty.status).toBe(200);
		const state = await sandboxState(ctx.url);
		expect(state.users.map((u) => u.email)).toEqual(expect.arrayContaining(['a@example.test', 'b@example.test']));
		expect(state.orders.map((o) => o.items.map((i) => i.productId))).toEqual([[999], []]);
	});

	it('grants the products of every charge', async () => {
		const answer = await newOrder(
			ctx.url,
			newOrderBody({
				charges: [
					{ type: 'single', courses: [201], name: 'Main', item_id: 1, amount: 10 },
					{ type: 'single', courses: ['205'], name: 'Bump', item_id: 2, amount: 5 },
				],
			}),
		);
		expect(await productIdsOf(ctx.url, answer.body.user_id)).toEqual([201, 205]);
	});

	describe('without order.processor', () => {
		const noProcessor = () => {
			const body = newOrderBody();
			delete (body.order as Record<string, unknown>).processor;
			return body;
		};

		it('stores the order but breaks the JSON with a PHP warning on a site that displays PHP notices', async () => {
			await setSettings(ctx.url, { phpNotices: true });
			const answer = await newOrder(ctx.url, noProcessor());
			expect(answer.status).toBe(200);
			expect(answer.body).toBeUndefined();
			expect(answer.text).toMatch(/^<br \/>\n<b>Deprecated<\/b>: .*<b>Warning<\/b>: .*processor.*\{"order_id":1,"user_id":5\}$/s);
			expect((await sandboxState(ctx.url)).orders).toHaveLength(1);
		});

		it('answers clean JSON when the site hides them (the default, as on the recorded site)', async () => {
			expect((await newOrder(ctx.url, noProcessor())).body).toEqual({ order_id: 1, user_id: 5 });
		});
	});

	describe('emails', () => {
		it('sends a new user the welcome email with the password, and the admin a notice', async () => {
			await newOrder(ctx.url);
			const emails = await sandboxEmails(ctx.url);
			expect(emails.map((e) => [e.kind, e.to])).toEqual([
				['new-account', 'jane@example.test'],
				['admin-new-user', 'admin@sandbox.test'],
			]);
			expect(emails[0].body).toMatch(/Password: \S{12}/);
			expect(emails[1].subject).toContain('New User Registration');
		});

		it('sends an existing user nothing', async () => {
			await newOrder(ctx.url);
			await newOrder(ctx.url);
			await newOrder(ctx.url, newOrderBody({ email: 'member@sandbox.test' }));
			expect(await sandboxEmails(ctx.url)).toHaveLength(2);
		});

		it('sends nothing when the ThriveCart template is switched off', async () => {
			await setSettings(ctx.url, { thrivecartNewAccountEmail: false });
			await newOrder(ctx.url);
			expect(await sandboxEmails(ctx.url)).toEqual([]);
		});
	});
});

describe('POST tva/v1/refundOrder', () => {
	const twoProducts = newOrderBody({ charges: [{ type: 'single', courses: [201, 202], name: 'Pair', item_id: 1, amount: 0 }] });

	it('answers the order id sent, as a bare JSON number', async () => {
		await newOrder(ctx.url);
		const answer = await refundOrder(ctx.url, { order_id: '900001' });
		expect(answer.status).toBe(200);
		expect(answer.text).toBe('900001');
	});

	it('without course_ids disables the whole order and keeps its items', async () => {
		const { body } = await newOrder(ctx.url, twoProducts);
		await refundOrder(ctx.url, { order_id: 900001 });
		const [order] = (await sandboxState(ctx.url)).orders;
		expect(order.status).toBe(0);
		expect(order.items).toHaveLength(2);
		expect(await productIdsOf(ctx.url, body.user_id)).toEqual([]);
	});

	it('with course_ids deletes those items and keeps the order', async () => {
		const { body } = await newOrder(ctx.url, twoProducts);
		await refundOrder(ctx.url, { order_id: 900001, course_ids: ['201'] });
		const [order] = (await sandboxState(ctx.url)).orders;
		expect(order.status).toBe(1);
		expect(order.items.map((i) => i.productId)).toEqual([202]);
		expect(await productIdsOf(ctx.url, body.user_id)).toEqual([202]);
	});

	it('sets the order status to 0 when no item is left', async () => {
		await newOrder(ctx.url, twoProducts);
		await refundOrder(ctx.url, { order_id: 900001, course_ids: [201, 202] });
		const [order] = (await sandboxState(ctx.url)).orders;
		expect(order.status).toBe(0);
		expect(order.items).toEqual([]);
	});

	it('acts only on the first order with that gateway order id', async () => {
		const { body } = await newOrder(ctx.url);
		await newOrder(ctx.url);
		await refundOrder(ctx.url, { order_id: 900001 });
		const orders = (await sandboxState(ctx.url)).orders;
		expect(orders.map((o) => o.status)).toEqual([0, 1]);
		expect(await productIdsOf(ctx.url, body.user_id)).toEqual([201]);
	});

	it('answers 500 when the order still holds items and none is for those products, and changes nothing', async () => {
		await newOrder(ctx.url, twoProducts);
		const answer = await refundOrder(ctx.url, { order_id: 900001, course_ids: [203] });
		expect(answer.status).toBe(500);
		expect(answer.body).toEqual({ code: 'internal_server_error', message: 'Internal Server Error. Order could not be saved!', data: { status: 500 } });
		const [order] = (await sandboxState(ctx.url)).orders;
		expect(order.items.map((i) => i.productId)).toEqual([201, 202]);
		expect(order.status).toBe(1);
	});

	it('deletes the items it finds when only some of the products are in the order', async () => {
		await newOrder(ctx.url, twoProducts);
		expect((await refundOrder(ctx.url, { order_id: 900001, course_ids: [201, 203] })).status).toBe(200);
		const [order] = (await sandboxState(ctx.url)).orders;
		expect(order.items.map((i) => i.productId)).toEqual([202]);
	});

	it('answers 200 and changes nothing when the first order holds no item any more, even if a later order with that id holds the product', async () => {
		const { body } = await newOrder(ctx.url);
		await refundOrder(ctx.url, { order_id: 900001, course_ids: [201] });
		// The same ThriveCart order id again (a resumed subscription re-granted with newOrder).
		await newOrder(ctx.url);
		const answer = await refundOrder(ctx.url, { order_id: 900001, course_ids: [201] });
		expect(answer.status).toBe(200);
		expect(answer.body).toBe(900001);
		const orders = (await sandboxState(ctx.url)).orders;
		expect(orders.map((o) => [o.status, o.items.length])).toEqual([
			[0, 0],
			[1, 1],
		]);
		expect(await productIdsOf(ctx.url, body.user_id)).toEqual([201]);
	});

	it('counts only active items: after disable-item the order holds none, and refundOrder changes nothing', async () => {
		const { body } = await newOrder(ctx.url);
		await asAdmin(ctx.url, `/tva/v1/customer/${body.user_id}/disable-item/1`, { method: 'DELETE' });
		expect((await refundOrder(ctx.url, { order_id: 900001, course_ids: [999] })).status).toBe(200);
		expect((await refundOrder(ctx.url, { order_id: 900001 })).status).toBe(200);
		const [order] = (await sandboxState(ctx.url)).orders;
		expect([order.status, order.items.map((i) => i.status)]).toEqual([1, [0]]);
	});

	it('answers 200 without course_ids too when the first order holds no item', async () => {
		await newOrder(ctx.url);
		await refundOrder(ctx.url, { order_id: 900001, course_ids: [201] });
		expect((await refundOrder(ctx.url, { order_id: 900001, course_ids: [999] })).status).toBe(200);
		expect((await refundOrder(ctx.url, { order_id: 900001 })).status).toBe(200);
	});

	it('answers 404 resource_not_found for an unknown order', async () => {
		const answer = await refundOrder(ctx.url, { order_id: 123456 });
		expect(answer.status).toBe(404);
		expect(answer.body.code).toBe('resource_not_found');
	});

	it('answers 200 when refunding again', async () => {
		await newOrder(ctx.url);
		expect((await refundOrder(ctx.url, { order_id: 900001 })).status).toBe(200);
		expect((await refundOrder(ctx.url, { order_id: 900001 })).status).toBe(200);
	});

	it('looks only at ThriveCart orders, not at orders added manually', async () => {
		await asAdmin(ctx.url, '/tva/v1/customer/3/add-access', { method: 'POST', json: { course_ids: [201] } });
		const answer = await refundOrder(ctx.url, { order_id: 1 });
		expect(answer.status).toBe(404);
		expect(await productIdsOf(ctx.url, 3)).toEqual([201]);
	});
});
