// WordPress core's wp/v2/users routes as the sandbox serves them.
import { adminAuth, asAdmin, call, newOrder, newOrderBody, rest, sandboxEmails, sandboxState, useSandbox } from './helpers';

const ctx = useSandbox();

describe('GET wp/v2/users?search=', () => {
	beforeEach(async () => {
		await newOrder(ctx.url, newOrderBody({ email: 'carol@example.test' }));
		await newOrder(ctx.url, newOrderBody({ email: 'mary.carol@example.test' }));
	});

	it('is a case-insensitive substring match on the email', async () => {
		const answer = await asAdmin(ctx.url, '/wp/v2/users?search=CAROL%40example.test&context=edit');
		expect(answer.status).toBe(200);
		expect(answer.body.map((u: { email: string }) => u.email).sort()).toEqual(['carol@example.test', 'mary.carol@example.test']);
	});

	it('shows the email only with context=edit', async () => {
		const view = await asAdmin(ctx.url, '/wp/v2/users?search=carol%40example.test');
		expect(view.body.length).toBeGreaterThan(0);
		expect(view.body[0].email).toBeUndefined();
		const edit = await asAdmin(ctx.url, '/wp/v2/users?search=carol%40example.test&context=edit');
		expect(edit.body[0].email).toContain('carol@example.test');
	});

	it('needs a + sent as %2B: a literal + is a space', async () => {
		await newOrder(ctx.url, newOrderBody({ email: 'dan+tc@example.test' }));
		const encoded = await asAdmin(ctx.url, '/wp/v2/users?search=dan%2Btc%40example.test&context=edit');
		expect(encoded.body.map((u: { email: string }) => u.email)).toEqual(['dan+tc@example.test']);
		const literal = await asAdmin(ctx.url, '/wp/v2/users?search=dan+tc%40example.test&context=edit');
		expect(literal.body).toEqual([]);
	});

	it('counts the matches in X-WP-Total', async () => {
		const answer = await asAdmin(ctx.url, '/wp/v2/users?search=carol&context=edit&per_page=1');
		expect(answer.body).toHaveLength(1);
		expect(answer.headers.get('x-wp-total')).toBe('2');
	});

	it('filters by include, an id or a comma-separated list', async () => {
		expect((await asAdmin(ctx.url, '/wp/v2/users?include=3&context=edit&per_page=100')).body.map((u: { id: number }) => u.id)).toEqual([3]);
		expect((await asAdmin(ctx.url, '/wp/v2/users?include=1,3&context=edit')).body.map((u: { id: number }) => u.id).sort()).toEqual([1, 3]);
		expect((await asAdmin(ctx.url, '/wp/v2/users?include=99&context=edit')).body).toEqual([]);
		expect((await asAdmin(ctx.url, '/wp/v2/users?include=abc&context=edit')).status).toBe(400);
	});

	it('refuses an unknown context', async () => {
		const answer = await asAdmin(ctx.url, '/wp/v2/users?context=admin');
		expect(answer.status).toBe(400);
		expect(answer.body.code).toBe('rest_invalid_param');
	});
});

describe('POST wp/v2/users', () => {
	const create = (json: unknown) => asAdmin(ctx.url, '/wp/v2/users', { method: 'POST', json });

	it('creates the user and answers 201 with it', async () => {
		const answer = await create({ username: 'zoe', email: 'zoe@example.test', password: 'pa55word', first_name: 'Zoe', last_name: 'Z' });
		expect(answer.status).toBe(201);
		expect(answer.body).toMatchObject({ id: 5, username: 'zoe', email: 'zoe@example.test', name: 'Zoe Z', roles: ['subscriber'] });
		expect(answer.headers.get('location')).toBe(`${ctx.url}/wp-json/wp/v2/users/5`);
	});

	it('sends no email', async () => {
		await create({ username: 'zoe', email: 'zoe@example.test', password: 'pa55word' });
		expect(await sandboxEmails(ctx.url)).toEqual([]);
	});

	it('gives the next WordPress id', async () => {
		expect((await create({ username: 'a1', email: 'a1@example.test', password: 'p' })).body.id).toBe(5);
		expect((await create({ username: 'a2', email: 'a2@example.test', password: 'p' })).body.id).toBe(6);
	});

	it('requires username, email and password', async () => {
		const answer = await create({ email: 'x@example.test' });
		expect(answer.status).toBe(400);
		expect(answer.body).toEqual({ code: 'rest_missing_callback_param', message: 'Missing parameter(s): username, password', data: { status: 400, params: ['username', 'password'] } });
	});

	it('refuses a username with +', async () => {
		const answer = await create({ username: 'dan+tc@example.test', email: 'dan+tc@example.test', password: 'p' });
		expect(answer.status).toBe(400);
		expect(answer.body.data.details.username.code).toBe('rest_user_invalid_username');
	});

	it('answers 500 existing_user_login with data null for a taken login, checked before the email', async () => {
		const answer = await create({ username: 'ADMIN', email: 'admin@sandbox.test', password: 'p' });
		expect(answer.status).toBe(500);
		expect(answer.body).toEqual({ code: 'existing_user_login', message: 'Sorry, that username already exists!', data: null });
	});

	it('answers 500 existing_user_email with data null for a taken email', async () => {
		const answer = await create({ username: 'someone', email: 'Member@sandbox.test', password: 'p' });
		expect(answer.status).toBe(500);
		expect(answer.body).toEqual({ code: 'existing_user_email', message: 'Sorry, that email address is already used!', data: null });
	});

	it('sets roles that exist and refuses unknown ones', async () => {
		expect((await create({ username: 'v2', email: 'v2@example.test', password: 'p', roles: ['vip'] })).body.roles).toEqual(['vip']);
		const answer = await create({ username: 'v3', email: 'v3@example.test', password: 'p', roles: ['king'] });
		expect(answer.status).toBe(400);
		expect(answer.body.code).toBe('rest_user_invalid_role');
		expect((await sandboxState(ctx.url)).users.map((u) => u.login)).not.toContain('v3');
	});

	it('answers 401 rest_cannot_create_user without credentials', async () => {
		const answer = await rest(ctx.url, '/wp/v2/users', { method: 'POST', json: { username: 'n', email: 'n@example.test', password: 'p' } });
		expect(answer.status).toBe(401);
		expect(answer.body.code).toBe('rest_cannot_create_user');
	});
});

describe('GET wp/v2/users/me', () => {
	it('answers the view fields without context=edit', async () => {
		const answer = await call(`${ctx.url}/wp-json/wp/v2/users/me`, { headers: { Authorization: adminAuth } });
		expect(answer.body).toMatchObject({ id: 1, name: 'Site Admin' });
		expect(answer.body.email).toBeUndefined();
	});
});
