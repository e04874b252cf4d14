// Who gets in where: the TA API key on the three ThriveCart routes, application passwords everywhere else.
import { without, ADMIN, DISABLED_KEY, KEY, adminAuth, basic, editorAuth, memberAuth, newOrderBody, rest, useSandbox } from './helpers';

const ctx = useSandbox();
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('the ThriveCart routes (TA API key)', () => {
	const getCourses = (headers: Record<string, string> = {}, query = '') => rest(ctx.url, `/tva/v1/getCourses${query}`, { headers });

	it('accept the key in the TVA header', async () => {
		expect((await getCourses({ TVA: KEY })).status).toBe(200);
	});

	it('accept the TVA header name in any case', async () => {
		expect((await getCourses({ tVa: KEY })).status).toBe(200);
	});

	it('accept the key as the password of Authorization: Basic, whatever the user name', async () => {
		expect((await getCourses({ Authorization: basic('anything', KEY) })).status).toBe(200);
	});

	it('accept ?auth=base64("x:<key>")', async () => {
		expect((await getCourses({}, `?auth=${encodeURIComponent(b64(`x:${KEY}`))}`)).status).toBe(200);
	});

	it('refuse a Bearer token with 403', async () => {
		const answer = await getCourses({ Authorization: `Bearer ${KEY}` });
		expect(answer.status).toBe(403);
		expect(answer.body.code).toBe('not_authorized');
	});

	it('refuse an application password with 403 not_authorized', async () => {
		const answer = await getCourses({ Authorization: adminAuth });
		expect(answer.status).toBe(403);
		expect(answer.body).toEqual({
			code: 'not_authorized',
			message: 'Authorization failed due to insufficient permissions.',
			data: { status: 403 },
		});
	});

	it('let Authorization win over a valid TVA header', async () => {
		const answer = await getCourses({ TVA: KEY, Authorization: adminAuth });
		expect(answer.status).toBe(403);
		expect(answer.body.code).toBe('not_authorized');
	});

	it('answer 401 authentication_failure without credentials', async () => {
		const answer = await getCourses();
		expect(answer.status).toBe(401);
		expect(answer.body).toEqual({
			code: 'authentication_failure',
			message: 'Authentication failed due to invalid authentication credentials.',
			data: { status: 401 },
		});
	});

	it('refuse a disabled key with 403', async () => {
		expect((await getCourses({ TVA: DISABLED_KEY })).status).toBe(403);
		expect((await getCourses({ Authorization: basic('x', DISABLED_KEY) })).status).toBe(403);
	});

	it('refuse a wrong key with 403', async () => {
		expect((await getCourses({ TVA: 'SBXKEY-000000-000000-000000-000000' })).body.code).toBe('not_authorized');
		expect((await getCourses({}, `?auth=${b64('x:nope')}`)).status).toBe(403);
	});

	it('check the key on newOrder and refundOrder too', async () => {
		const order = await rest(ctx.url, '/tva/v1/newOrder', { method: 'POST', json: newOrderBody() });
		expect(order.status).toBe(401);
		const refund = await rest(ctx.url, '/tva/v1/refundOrder', { method: 'POST', json: { order_id: 1 }, headers: { Authorization: adminAuth } });
		expect(refund.status).toBe(403);
	});

	it('validate arguments before the key, as WordPress does', async () => {
		const body = without(newOrderBody(), 'source');
		const answer = await rest(ctx.url, '/tva/v1/newOrder', { method: 'POST', json: body });
		expect(answer.status).toBe(400);
		expect(answer.body.code).toBe('rest_missing_callback_param');
	});
});

describe('the admin routes (application passwords)', () => {
	it('answer 401 rest_forbidden without credentials', async () => {
		const answer = await rest(ctx.url, '/tva/v1/products');
		expect(answer.status).toBe(401);
		expect(answer.body).toEqual({ code: 'rest_forbidden', message: 'Sorry, you are not allowed to do that.', data: { status: 401 } });
	});

	it('accept the user name or the email, with or without the spaces WordPress shows', async () => {
		for (const auth of [adminAuth, basic(ADMIN.email, ADMIN.password), basic(ADMIN.login, ADMIN.password.replace(/ /g, ''))]) {
			expect((await rest(ctx.url, '/tva/v1/products', { headers: { Authorization: auth } })).status).toBe(200);
		}
	});

	it('refuse the TA API key', async () => {
		expect((await rest(ctx.url, '/tva/v1/products', { headers: { TVA: KEY } })).status).toBe(401);
		expect((await rest(ctx.url, '/tva/v1/products', { headers: { Authorization: basic('admin', KEY) } })).status).toBe(401);
	});

	describe('a wrong application password is anonymous', () => {
		const wrong = { Authorization: basic('admin', 'wrong wrong wrong wrong wrong wron') };

		it('TA routes answer 401 rest_forbidden', async () => {
			const answer = await rest(ctx.url, '/tva/v1/customer?limit=10', { headers: wrong });
			expect(answer.status).toBe(401);
			expect(answer.body.code).toBe('rest_forbidden');
		});

		it('users/me answers 401 rest_not_logged_in', async () => {
			const answer = await rest(ctx.url, '/wp/v2/users/me?context=edit', { headers: wrong });
			expect(answer.status).toBe(401);
			expect(answer.body.code).toBe('rest_not_logged_in');
		});

		it('a user search without context=edit answers 200 []', async () => {
			const answer = await rest(ctx.url, '/wp/v2/users?search=admin%40sandbox.test', { headers: wrong });
			expect(answer.status).toBe(200);
			expect(answer.body).toEqual([]);
		});

		it('a user search with context=edit answers 401 rest_forbidden_context', async () => {
			const answer = await rest(ctx.url, '/wp/v2/users?search=admin%40sandbox.test&context=edit', { headers: wrong });
			expect(answer.status).toBe(401);
			expect(answer.body.code).toBe('rest_forbidden_context');
		});
	});

	it('users/me?context=edit returns the current user', async () => {
		const answer = await rest(ctx.url, '/wp/v2/users/me?context=edit', { headers: { Authorization: adminAuth } });
		expect(answer.status).toBe(200);
		expect(answer.body).toMatchObject({ id: 1, username: 'admin', email: 'admin@sandbox.test', roles: ['administrator'] });
	});

	describe('an editor', () => {
		it('may use the product and customer routes', async () => {
			expect((await rest(ctx.url, '/tva/v1/products', { headers: { Authorization: editorAuth } })).status).toBe(200);
			expect((await rest(ctx.url, '/tva/v1/customer?limit=5', { headers: { Authorization: editorAuth } })).status).toBe(200);
			expect((await rest(ctx.url, '/tva/v1/customer/4/products', { headers: { Authorization: editorAuth } })).status).toBe(200);
		});

		it('gets 403 listing users', async () => {
			const answer = await rest(ctx.url, '/wp/v2/users?search=admin%40sandbox.test&context=edit', { headers: { Authorization: editorAuth } });
			expect(answer.status).toBe(403);
			expect(answer.body.code).toBe('rest_forbidden_context');
		});

		it('gets 403 creating users', async () => {
			const answer = await rest(ctx.url, '/wp/v2/users', {
				method: 'POST',
				headers: { Authorization: editorAuth },
				json: { username: 'new', email: 'new@example.test', password: 'x1y2z3' },
			});
			expect(answer.status).toBe(403);
			expect(answer.body.code).toBe('rest_cannot_create_user');
		});
	});

	describe('a subscriber', () => {
		const headers = { Authorization: memberAuth };
		it('gets 403 rest_forbidden on TA routes', async () => {
			for (const route of ['/tva/v1/products', '/tva/v1/customer?limit=5', '/tva/v2/courses', '/tva/v1/customer/3/products']) {
				const answer = await rest(ctx.url, route, { headers });
				expect(answer.status).toBe(403);
				expect(answer.body.code).toBe('rest_forbidden');
			}
		});

		it('gets 403 on the user routes', async () => {
			expect((await rest(ctx.url, '/wp/v2/users?context=edit', { headers })).status).toBe(403);
			const created = await rest(ctx.url, '/wp/v2/users', { method: 'POST', headers, json: { username: 'n', email: 'n@example.test', password: 'p' } });
			expect(created.status).toBe(403);
		});

		it('gets 403 on add-access and leaves nothing behind', async () => {
			const answer = await rest(ctx.url, '/tva/v1/customer/3/add-access', { method: 'POST', headers, json: { course_ids: [201] } });
			expect(answer.status).toBe(403);
			const products = await rest(ctx.url, '/tva/v1/customer/3/products', { headers: { Authorization: adminAuth } });
			expect(products.body).toEqual([]);
		});
	});
});
