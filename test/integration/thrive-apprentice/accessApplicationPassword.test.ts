/**
 * Access > Grant / Revoke / Get Many through the application password (TA's admin routes), in n8n's
 * execution engine against the sandbox over real HTTP.
 */
import { runNode } from '../../support/n8nEngine';
import { access, delivery, item } from './params';
import { ADMIN, EDITOR, useSandbox, type SandboxHandle } from './sandbox';

const sandbox = useSandbox();

const viaPassword = (operation: 'grant' | 'revoke', extra = {}) => access(operation, { connectWith: 'applicationPassword', ...extra });

async function restCalls() {
	return (await sandbox.requests()).filter((entry) => entry.path.startsWith('/wp-json/'));
}

function activeProducts(state: Awaited<ReturnType<SandboxHandle['state']>>, userId: number): number[] {
	return state.orders
		.filter((order) => order.userId === userId && order.status === 1)
		.flatMap((order) => order.items.filter((orderItem) => orderItem.status === 1).map((orderItem) => orderItem.productId))
		.sort();
}

describe('grant with the application password', () => {
	test('a new buyer is created (no email by default), then add-access; nothing reaches the ThriveCart routes', async () => {
		await sandbox.clearRequests();
		const { items, error } = await sandbox.run({
			input: [delivery('fresh@example.test', '8001', [item('product-12'), item('bump-12')])],
			parameters: viaPassword('grant', { firstName: 'Fresh', lastName: 'Buyer' }),
		});
		expect(error).toBeUndefined();
		const calls = await restCalls();
		expect(calls.every((call) => call.auth === 'applicationPassword')).toBe(true);
		expect(calls.some((call) => /getCourses|newOrder|refundOrder/.test(call.path))).toBe(false);

		const state = await sandbox.state();
		const user = state.users.find((candidate) => candidate.email === 'fresh@example.test');
		expect(user).toMatchObject({ login: 'fresh@example.test', firstName: 'Fresh', lastName: 'Buyer', displayName: 'Fresh Buyer' });
		expect(activeProducts(state, user!.id)).toEqual([201, 203]);
		expect(state.emails).toEqual([]);
		expect(items[0].json).toMatchObject({
			email: 'fresh@example.test',
			userId: user!.id,
			transport: 'applicationPassword',
			changed: true,
			userCreated: true,
			welcomeEmailRequested: false,
			granted: [201, 203],
			alreadyGranted: [],
			products: [
				{ id: 201, name: 'Foundations Program' },
				{ id: 203, name: 'Bonus Masterclass' },
			],
		});
	});

	test('Send Welcome Email: a NEW member gets exactly one; an existing member never gets one', async () => {
		const grant = (email: string) =>
			sandbox.run({
				input: [delivery(email, '8002', [item('upsell-5')])],
				parameters: viaPassword('grant', { grantOptions: { sendWelcomeEmail: true } }),
			});
		const created = await grant('welcome@example.test');
		expect(created.items[0].json).toMatchObject({ userCreated: true, welcomeEmailRequested: true, granted: [202], changed: true });
		const existing = await grant('member@sandbox.test');
		expect(existing.items[0].json).toMatchObject({ userCreated: false, welcomeEmailRequested: false, granted: [202] });
		const again = await grant('welcome@example.test');
		expect(again.items[0].json).toMatchObject({ userCreated: false, changed: false, granted: [], alreadyGranted: [202] });

		const emails = await sandbox.emails();
		expect(emails.filter((email) => email.to === 'welcome@example.test')).toHaveLength(1);
		expect(emails.filter((email) => email.to === 'member@sandbox.test')).toEqual([]);
		const state = await sandbox.state();
		const welcome = state.users.find((user) => user.email === 'welcome@example.test')!;
		expect(activeProducts(state, welcome.id)).toEqual([202]);
	});

	test('repeating a grant is harmless: already owned products are reported, no new order', async () => {
		const run = () => sandbox.run({ parameters: viaPassword('grant', { accessTo: 'products', productIds: [201, 202], userBy: 'id', userId: 3 }) });
		await run();
		const ordersAfterFirst = (await sandbox.state()).orders.length;
		const second = await run();
		expect(second.items[0].json).toMatchObject({ userId: 3, changed: false, granted: [], alreadyGranted: [201, 202], userCreated: false });
		expect((await sandbox.state()).orders).toHaveLength(ordersAfterFirst);
	});

	test('an unknown product is an error, not a silent success', async () => {
		const { error } = await sandbox.run({
			parameters: viaPassword('grant', { accessTo: 'products', productIds: [201, 999], email: 'member@sandbox.test' }),
		});
		expect(error?.message).toBe('Thrive Apprentice did not grant product(s) 999 to member@sandbox.test');
		expect(error?.description).toMatch(/ignores product IDs it does not know/);
	});

	test('an unknown user id is an error', async () => {
		const { error } = await sandbox.run({ parameters: viaPassword('grant', { accessTo: 'products', productIds: [201], userBy: 'id', userId: 4242 }) });
		expect(error?.message).toBe('WordPress has no user with ID 4242');
	});

	test('Course(s): each course becomes the smallest product that contains it', async () => {
		const { items, error } = await sandbox.run({
			parameters: viaPassword('grant', { accessTo: 'courses', courseIds: [101, 103], email: 'member@sandbox.test' }),
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			granted: [201, 203],
			courseProducts: [
				{ courseId: 101, courseName: 'Foundations', productId: 201, productName: 'Foundations Program' },
				{ courseId: 103, courseName: 'Bonus Masterclass', productId: 203, productName: 'Bonus Masterclass' },
			],
		});
		expect(activeProducts(await sandbox.state(), 3)).toEqual([201, 203]);
	});

	test('Course(s): a draft course is refused with what to do', async () => {
		const { error } = await sandbox.run({ parameters: viaPassword('grant', { accessTo: 'courses', courseIds: [104], email: 'member@sandbox.test' }) });
		expect(error?.message).toBe('Course 104 "Coming Soon" is not published (status: draft)');
		expect(error?.description).toMatch(/Publish it in Thrive Apprentice/);
	});

	test('Course(s) with the API key still needs the application password to find the products', async () => {
		const { error } = await runNode({
			credentials: sandbox.credentials({ apiKey: true }),
			parameters: access('grant', { accessTo: 'courses', courseIds: [101], email: 'member@sandbox.test' }),
		});
		expect(error?.message).toMatch(/^This operation needs a WordPress application password: add the WordPress Username and Application Password/);
	});

	test('Course(s) through the API key: resolved with the application password, checked against getCourses, granted with one newOrder', async () => {
		await sandbox.clearRequests();
		const { items } = await sandbox.run({
			parameters: access('grant', { accessTo: 'courses', courseIds: [102], email: 'member@sandbox.test', orderReference: '8100' }),
		});
		expect(items[0].json).toMatchObject({ transport: 'apiKey', granted: [202], orderReference: '8100' });
		expect((await restCalls()).filter((call) => call.auth === 'apiKey').map((call) => call.path)).toEqual(['/wp-json/tva/v1/getCourses', '/wp-json/tva/v1/newOrder']);
	});

	test('an editor cannot create users: 403 explained', async () => {
		const { error } = await runNode({
			credentials: sandbox.credentials({ applicationPassword: EDITOR }),
			parameters: viaPassword('grant', { accessTo: 'products', productIds: [201], email: 'someone@example.test' }),
		});
		expect(error?.message).toMatch(/^The WordPress user in the credential is not allowed to do this \(403 rest_forbidden_context\)/);
		expect(JSON.stringify(error)).not.toContain(EDITOR.password);
	});
});

describe('revoke with the application password', () => {
	test('disables the member\'s active order items for the products; repeating changes nothing', async () => {
		await sandbox.run({ parameters: viaPassword('grant', { accessTo: 'products', productIds: [201, 202], userBy: 'id', userId: 3 }) });
		const revoke = () => sandbox.run({ parameters: viaPassword('revoke', { accessTo: 'products', productIds: [202], email: 'Member@Sandbox.test' }) });
		const first = await revoke();
		expect(first.error).toBeUndefined();
		expect(first.items[0].json).toMatchObject({ userId: 3, changed: true, revoked: [202], alreadyRevoked: [], notRevocable: [] });
		expect(activeProducts(await sandbox.state(), 3)).toEqual([201]);
		const second = await revoke();
		expect(second.items[0].json).toMatchObject({ changed: false, revoked: [], alreadyRevoked: [202] });
	});

	test('revokes access granted by the API key as well (any order of the member)', async () => {
		await sandbox.run({ input: [delivery('both@example.test', '8200', [item('product-12'), item('bump-12')])], parameters: access('grant') });
		const { items } = await sandbox.run({
			input: [delivery('both@example.test', '8200', [], item('bump-12'))],
			parameters: viaPassword('revoke'),
		});
		expect(items[0].json).toMatchObject({ changed: true, revoked: [203], orderReference: '8200' });
		const state = await sandbox.state();
		const user = state.users.find((candidate) => candidate.email === 'both@example.test')!;
		expect(activeProducts(state, user.id)).toEqual([201]);
	});

	test('with an order reference, ThriveCart order items are preferred and access given by hand is kept (and reported)', async () => {
		// Product 201 first added by hand, then bought through ThriveCart: two order items for one product.
		await sandbox.run({ parameters: viaPassword('grant', { accessTo: 'products', productIds: [201], userBy: 'id', userId: 3 }) });
		await sandbox.run({ input: [delivery('member@sandbox.test', '8300', [item('product-12')])], parameters: access('grant') });
		const before = await sandbox.state();
		const manualItem = before.orders.find((order) => order.gateway !== 'ThriveCart')!.items[0];
		const thriveCartItem = before.orders.find((order) => order.gateway === 'ThriveCart')!.items[0];

		const { items } = await sandbox.run({
			input: [delivery('member@sandbox.test', '8300', [], item('product-12'))],
			parameters: viaPassword('revoke'),
		});
		expect(items[0].json).toMatchObject({
			changed: true,
			revoked: [201],
			disabledOrderItems: [thriveCartItem.id],
			keptOrderItems: [{ productId: 201, itemId: manualItem.id, type: 'Apprentice product', source: 'Manually added' }],
		});
		expect(activeProducts(await sandbox.state(), 3)).toEqual([201]);

		// Without a reference every order item for the product goes.
		const all = await sandbox.run({ parameters: viaPassword('revoke', { accessTo: 'products', productIds: [201], userBy: 'id', userId: 3 }) });
		expect(all.items[0].json).toMatchObject({ changed: true, disabledOrderItems: [manualItem.id] });
		expect(activeProducts(await sandbox.state(), 3)).toEqual([]);
	});

	test('role-based access cannot be revoked through orders: it is said, not pretended', async () => {
		const { items, error } = await sandbox.run({
			parameters: viaPassword('revoke', { accessTo: 'products', productIds: [204], email: 'vip@example.test' }),
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			userId: 4,
			changed: false,
			revoked: [],
			alreadyRevoked: [],
			notRevocable: [{ productId: 204, reason: expect.stringMatching(/^access comes from the WordPress role \(WordPress role: vip\)/) }],
		});
	});

	test('an unknown email is an error', async () => {
		const { error } = await sandbox.run({ parameters: viaPassword('revoke', { accessTo: 'products', productIds: [201], email: 'ghost@example.test' }) });
		expect(error?.message).toBe('No WordPress user has the email ghost@example.test');
	});

	test('a wrong application password: 401 explained, the password nowhere in the error', async () => {
		const wrong = { username: ADMIN.username, password: 'xxxx yyyy zzzz wwww vvvv uuuu' };
		const { error } = await runNode({
			credentials: sandbox.credentials({ applicationPassword: wrong }),
			parameters: viaPassword('revoke', { accessTo: 'products', productIds: [201], email: 'member@sandbox.test' }),
		});
		expect(error?.message).toBe('WordPress did not accept the application password (401 rest_forbidden_context)');
		expect(JSON.stringify(error)).not.toContain(wrong.password);
		expect(JSON.stringify(error)).not.toContain(Buffer.from(`${wrong.username}:${wrong.password}`).toString('base64'));
	});

	test('no application password in the credential: a message naming the fields', async () => {
		const { error } = await runNode({ credentials: sandbox.credentials({ apiKey: true }), parameters: viaPassword('revoke', { accessTo: 'products', productIds: [201], email: 'member@sandbox.test' }) });
		expect(error?.message).toBe(
			'This operation needs a WordPress application password: add the WordPress Username and Application Password to the Thrive Apprentice credential (WordPress > Users > Profile > Application Passwords, for an administrator).',
		);
	});
});

describe('get many (a member\'s products)', () => {
	test('one item per product, with the grants behind it and whether they can be revoked', async () => {
		await sandbox.run({ parameters: viaPassword('grant', { accessTo: 'products', productIds: [201], email: 'vip@example.test' }) });
		const { items, error } = await sandbox.run({ parameters: access('getMany', { email: 'vip@example.test' }) });
		expect(error).toBeUndefined();
		const byProduct = Object.fromEntries(items.map((entry) => [entry.json.productId, entry.json]));
		expect(Object.keys(byProduct).sort()).toEqual(['201', '204']);
		expect(byProduct[201]).toMatchObject({ userId: 4, productName: 'Foundations Program', revocable: true, grants: [expect.objectContaining({ source: 'Manually added', revocable: true })] });
		expect(byProduct[204]).toMatchObject({ revocable: false, grants: [expect.objectContaining({ orderItemId: null, revocable: false })] });
		expect(items.every((entry) => (entry.pairedItem as { item: number }).item === 0)).toBe(true);
	});
});
