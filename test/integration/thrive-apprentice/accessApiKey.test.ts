/**
 * Access > Grant / Revoke through the API key (TA's ThriveCart routes), run in n8n's execution engine
 * against the sandbox over real HTTP.
 */
import { deduplicator, runNode } from '../../support/n8nEngine';
import { access, delivery, item } from './params';
import { ADMIN, API_KEY, DISABLED_API_KEY, useSandbox, type SandboxHandle } from './sandbox';

const sandbox = useSandbox();

const SECRETS = [API_KEY, ADMIN.password, ADMIN.password.replace(/\s/g, ''), Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')];

function expectNoSecrets(value: unknown): void {
	const text = JSON.stringify(value);
	for (const secret of SECRETS) expect(text).not.toContain(secret);
}

async function restCalls() {
	return (await sandbox.requests()).filter((entry) => entry.path.startsWith('/wp-json/'));
}

describe('grant with the API key', () => {
	test('a new buyer: ONE newOrder call creates the member and the order; the output says what happened', async () => {
		await sandbox.clearRequests();
		const { items, error } = await sandbox.run({
			input: [delivery('New.Buyer+tc@Example.test', '5001', [item('product-12', { amount: 4900 }), item('bump-12', { amount: 1500 })])],
			parameters: access('grant', { firstName: '={{ $json.customer.firstName }}', lastName: '={{ $json.customer.lastName }}' }),
		});
		expect(error).toBeUndefined();
		const calls = await restCalls();
		expect(calls.map((call) => `${call.method} ${call.path} ${call.auth}`)).toEqual(['POST /wp-json/tva/v1/newOrder apiKey']);

		const state = await sandbox.state();
		const user = state.users.find((candidate) => candidate.email === 'New.Buyer+tc@Example.test');
		expect(user).toMatchObject({ login: 'New.Buyertc@Example.test', firstName: 'Jane', lastName: 'Buyer' });
		expect(state.orders).toHaveLength(1);
		expect(state.orders[0]).toMatchObject({ gateway: 'ThriveCart', gatewayOrderId: '5001', userId: user?.id, total: 64, currency: 'USD' });
		expect(state.orders[0].items.map((orderItem) => [orderItem.productId, orderItem.name])).toEqual([
			[201, 'TC product-12'],
			[203, 'TC bump-12'],
		]);

		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].json).toMatchObject({
			email: 'New.Buyer+tc@Example.test',
			userId: user?.id,
			transport: 'apiKey',
			orderReference: '5001',
			orderReferenceDerived: false,
			products: [{ id: 201 }, { id: 203 }],
			changed: true,
			granted: [201, 203],
			alreadyGranted: [],
			unmappedItems: [],
			duplicateGuard: 'active',
			taOrderId: state.orders[0].id,
		});
		// TA's ThriveCart template is on in the seed: the new member gets exactly one welcome email.
		expect((await sandbox.emails()).filter((email) => email.to === 'New.Buyer+tc@Example.test' && email.kind === 'new-account')).toHaveLength(1);
		expectNoSecrets(items);
	});

	test('an existing member: still exactly one request, no new user, no email', async () => {
		await sandbox.clearRequests();
		const { items, error } = await sandbox.run({
			input: [delivery('MEMBER@sandbox.test', '5002', [item('upsell-5')])],
			parameters: access('grant'),
		});
		expect(error).toBeUndefined();
		expect((await restCalls()).map((call) => call.path)).toEqual(['/wp-json/tva/v1/newOrder']);
		const state = await sandbox.state();
		expect(state.users).toHaveLength(4);
		expect(state.orders[0]).toMatchObject({ userId: 3, gatewayOrderId: '5002' });
		expect(state.emails).toEqual([]);
		expect(items[0].json).toMatchObject({ userId: 3, granted: [202], changed: true });
	});

	test('a repeated delivery makes no call, no second order and no second email', async () => {
		const run = () =>
			sandbox.run({
				input: [delivery('repeat@example.test', '5003', [item('product-12'), item('bump-12')])],
				parameters: access('grant'),
			});
		await run();
		await sandbox.clearRequests();
		const second = await run();
		expect(second.error).toBeUndefined();
		expect(await restCalls()).toEqual([]);
		expect(second.items[0].json).toMatchObject({ changed: false, granted: [], alreadyGranted: [201, 203], duplicateGuard: 'active' });
		const state = await sandbox.state();
		expect(state.orders).toHaveLength(1);
		expect(state.emails.filter((email) => email.to === 'repeat@example.test' && email.kind === 'new-account')).toHaveLength(1);
	});

	test('a later delivery for the same order that adds an upsell grants only the upsell', async () => {
		const grant = (items: ReturnType<typeof item>[]) =>
			sandbox.run({ input: [delivery('funnel@example.test', '5004', items)], parameters: access('grant') });
		await grant([item('product-12')]);
		const later = await grant([item('product-12'), item('upsell-5', { name: 'Coaching upsell' })]);
		expect(later.items[0].json).toMatchObject({ changed: true, granted: [202], alreadyGranted: [201] });
		const orders = (await sandbox.state()).orders;
		expect(orders.map((order) => [order.gatewayOrderId, order.items.map((orderItem) => orderItem.productId)])).toEqual([
			['5004', [201]],
			['5004', [202]],
		]);
		expect(orders[1].items[0].name).toBe('Coaching upsell');
	});

	test('a pricing-option entry beats the item entry', async () => {
		const { items } = await sandbox.run({
			input: [delivery('plan@example.test', '5005', [item('product-12', { pricingOptionId: '78572' })])],
			parameters: access('grant'),
		});
		expect(items[0].json).toMatchObject({ granted: [204] });
		expect((await sandbox.state()).orders[0].items.map((orderItem) => orderItem.productId)).toEqual([204]);
	});

	test('an item mapped to [] grants nothing on purpose and makes no call', async () => {
		await sandbox.clearRequests();
		const { items, error } = await sandbox.run({
			input: [delivery('down@example.test', '5006', [item('downsell-6')])],
			parameters: access('grant'),
		});
		expect(error).toBeUndefined();
		expect(await restCalls()).toEqual([]);
		expect(items[0].json).toMatchObject({ changed: false, itemsMappedToNothing: ['downsell-6'] });
		expect(items[0].json.message).toMatch(/Nothing to grant/);
	});

	test('unmapped items stop the grant with a message that lists them (default), or are listed with Skip', async () => {
		const input = [delivery('unmapped@example.test', '5007', [item('product-12'), item('bump-77', { name: 'Mystery bump' })])];
		const stopped = await sandbox.run({ input, parameters: access('grant') });
		expect(stopped.error?.message).toBe('The Product Map has no entry for ThriveCart item "bump-77" (Mystery bump)');
		expect(stopped.error?.description).toMatch(/"bump-77": \[<product id>\]/);
		expect((await sandbox.state()).orders).toEqual([]);

		const skipped = await sandbox.run({ input, parameters: access('grant', { unmappedItems: 'skip' }) });
		expect(skipped.items[0].json).toMatchObject({ changed: true, granted: [201], unmappedItems: [{ key: 'bump-77', pricingOptionId: null, name: 'Mystery bump' }] });
	});

	test('a bad Product Map is refused before any call', async () => {
		await sandbox.clearRequests();
		const { error } = await sandbox.run({
			input: [delivery('map@example.test', '5008', [item('product-12')])],
			parameters: access('grant', { productMap: '{"product-12": ["two hundred"]}' }),
		});
		expect(error?.message).toBe('Product Map entry "product-12": "two hundred" is not a Thrive Apprentice product id');
		expect(await restCalls()).toEqual([]);
	});

	test('Product(s) without an order reference: a derived order id that the revoke finds again', async () => {
		const params = { accessTo: 'products', productIds: [202, 205], email: 'direct@example.test' };
		const granted = await sandbox.run({ parameters: access('grant', params) });
		const reference = granted.items[0].json.orderReference as string;
		expect(granted.items[0].json).toMatchObject({ changed: true, orderReferenceDerived: true, granted: [202, 205] });
		expect(Number(reference)).toBeGreaterThanOrEqual(8_000_000_000_000);
		const [order] = (await sandbox.state()).orders;
		expect(order.gatewayOrderId).toBe(reference);
		expect(order.items.map((orderItem) => orderItem.name)).toEqual(['Granted by n8n', 'Granted by n8n']);

		const revoked = await sandbox.run({ parameters: access('revoke', params) });
		expect(revoked.error).toBeUndefined();
		expect(revoked.items[0].json).toMatchObject({ changed: true, revoked: [202, 205], orderReference: reference });
		expect((await sandbox.state()).orders[0].status).toBe(0);
	});

	test('an unknown product: newOrder accepts it silently, so "Check Products First" catches it (one extra call)', async () => {
		const params = { accessTo: 'products', productIds: [201, 999], email: 'typo@example.test', orderReference: '5020' };
		const unchecked = await sandbox.run({ parameters: access('grant', params) });
		// What Thrive Apprentice itself does (observed on a real site): an order item pointing at nothing.
		expect(unchecked.items[0].json).toMatchObject({ changed: true, granted: [201, 999] });
		await sandbox.reset();
		deduplicator.clear();

		await sandbox.clearRequests();
		const checked = await sandbox.run({ parameters: access('grant', { ...params, grantOptions: { verifyProducts: true } }) });
		expect(checked.error?.message).toBe('Thrive Apprentice does not offer product(s) 999');
		expect((await restCalls()).map((call) => call.path)).toEqual(['/wp-json/tva/v1/getCourses']);
		expect((await sandbox.state()).orders).toEqual([]);
		// The failed check is not remembered as a grant.
		const fixed = await sandbox.run({ parameters: access('grant', { ...params, productIds: [201], grantOptions: { verifyProducts: true } }) });
		expect(fixed.items[0].json).toMatchObject({ changed: true, granted: [201] });
	});

	test('a non-numeric order reference is refused with a clear message', async () => {
		const { error } = await sandbox.run({
			input: [delivery('ref@example.test', 'INV-77', [item('product-12')])],
			parameters: access('grant'),
		});
		expect(error?.message).toBe('Order Reference "INV-77" is not a ThriveCart order id');
	});

	test('User By ID is refused: the API key identifies buyers by email', async () => {
		const { error } = await sandbox.run({ parameters: access('grant', { accessTo: 'products', productIds: [201], userBy: 'id', userId: 3 }) });
		expect(error?.message).toBe('The API key connection identifies the member by email');
	});

	test('several input items: one output each, paired with its input', async () => {
		const { items } = await sandbox.run({
			input: [delivery('a@example.test', '5010', [item('product-12')]), delivery('b@example.test', '5011', [item('bump-12')])],
			parameters: access('grant'),
		});
		expect(items.map((entry) => [entry.json.email, entry.json.granted, entry.pairedItem])).toEqual([
			['a@example.test', [201], { item: 0 }],
			['b@example.test', [203], { item: 1 }],
		]);
	});
});

describe('revoke with the API key', () => {
	async function grantOrder(email: string, orderId: string, items: ReturnType<typeof item>[]) {
		const result = await sandbox.run({ input: [delivery(email, orderId, items)], parameters: access('grant') });
		expect(result.items[0].json.changed).toBe(true);
	}

	test('a refund of one item: refundOrder for that product of that order; repeating changes nothing and calls nothing', async () => {
		await grantOrder('refund@example.test', '6001', [item('product-12'), item('bump-12')]);
		const refund = delivery('refund@example.test', '6001', [], item('bump-12'));
		await sandbox.clearRequests();
		const first = await sandbox.run({ input: [refund], parameters: access('revoke') });
		expect(first.error).toBeUndefined();
		expect((await restCalls()).map((call) => `${call.method} ${call.path} ${call.status} ${call.auth}`)).toEqual(['POST /wp-json/tva/v1/refundOrder 200 apiKey']);
		expect(first.items[0].json).toMatchObject({ transport: 'apiKey', orderReference: '6001', changed: true, revoked: [203], alreadyRevoked: [], notRevocable: [] });
		expect((await sandbox.state()).orders[0].items.map((orderItem) => orderItem.productId)).toEqual([201]);

		await sandbox.clearRequests();
		const again = await sandbox.run({ input: [refund], parameters: access('revoke') });
		expect(again.items[0].json).toMatchObject({ changed: false, revoked: [], alreadyRevoked: [203] });
		expect(await restCalls()).toEqual([]);
		expect((await sandbox.state()).orders[0].items.map((orderItem) => orderItem.productId)).toEqual([201]);
	});

	test('an order Thrive Apprentice never saw: 404 explained', async () => {
		const { error } = await sandbox.run({
			input: [delivery('nobody@example.test', '6999', [], item('product-12'))],
			parameters: access('revoke'),
		});
		expect(error?.message).toBe('Thrive Apprentice has no ThriveCart order 6999 — it was never granted through the API key, or the order id differs');
		expect(error?.httpCode).toBe('404');
		expectNoSecrets(error);
	});

	test("an upsell from a later delivery is out of refundOrder's reach: with only the API key, the 500 is explained", async () => {
		await grantOrder('upsell@example.test', '6002', [item('product-12')]);
		await grantOrder('upsell@example.test', '6002', [item('product-12'), item('upsell-5')]);
		const { error } = await runNode({
			credentials: sandbox.credentials({ apiKey: true }),
			input: [delivery('upsell@example.test', '6002', [], item('upsell-5'))],
			parameters: access('revoke'),
		});
		expect(error?.message).toBe('ThriveCart order 6002 in Thrive Apprentice does not hold product(s) 202 (500 "Order could not be saved")');
		expect(error?.description).toMatch(/FIRST order stored with this id[\s\S]*application password/);

		// The failed revoke is not remembered: a credential with the application password then takes the access
		// away through the admin routes, automatically, and says why.
		await sandbox.clearRequests();
		const fallback = await sandbox.run({
			input: [delivery('upsell@example.test', '6002', [], item('upsell-5'))],
			parameters: access('revoke'),
		});
		expect(fallback.error).toBeUndefined();
		expect(fallback.items[0].json).toMatchObject({ transport: 'applicationPassword', orderReference: '6002', changed: true, revoked: [202] });
		expect(fallback.items[0].json.note).toMatch(/only sees the first order stored as ThriveCart order 6002/);
		const [first, ...rest] = await restCalls();
		expect(`${first.method} ${first.path} ${first.status} ${first.auth}`).toBe('POST /wp-json/tva/v1/refundOrder 500 apiKey');
		expect(rest.map((call) => call.method)).toContain('DELETE');
		expect(rest.every((call) => call.auth === 'applicationPassword')).toBe(true);

		// Remembered as revoked now: a repeat makes no call.
		await sandbox.clearRequests();
		const repeat = await sandbox.run({
			input: [delivery('upsell@example.test', '6002', [], item('upsell-5'))],
			parameters: access('revoke'),
		});
		expect(repeat.items[0].json).toMatchObject({ changed: false, alreadyRevoked: [202] });
		expect(await restCalls()).toEqual([]);
	});

	test('a revoke then a new grant of the same product for the same order grants again', async () => {
		await grantOrder('again@example.test', '6003', [item('bump-12')]);
		await sandbox.run({ input: [delivery('again@example.test', '6003', [], item('bump-12'))], parameters: access('revoke') });
		const regrant = await sandbox.run({ input: [delivery('again@example.test', '6003', [item('bump-12')])], parameters: access('grant') });
		expect(regrant.items[0].json).toMatchObject({ changed: true, granted: [203] });
	});
});

describe('API-key errors', () => {
	const grantOne = (credentials: ReturnType<SandboxHandle['credentials']>, extra = {}) =>
		runNode({ credentials, input: [delivery('err@example.test', '7001', [item('product-12')])], parameters: access('grant', extra) });

	test('no API key in the credential: a message naming the field, and no request', async () => {
		await sandbox.clearRequests();
		const { error } = await grantOne(sandbox.credentials({ applicationPassword: true }));
		expect(error?.message).toMatch(/^This operation needs the Thrive Apprentice API key: add it to the credential/);
		expect(await restCalls()).toEqual([]);
	});

	test.each([
		['a wrong key', 'WRONG1-WRONG2-WRONG3-WRONG4-WRONG5'],
		['a disabled key', DISABLED_API_KEY],
	])('%s: 403 not_authorized explained, the key nowhere in the error', async (_label, key) => {
		const { error } = await grantOne(sandbox.credentials({ apiKey: key }));
		expect(error?.message).toBe('Thrive Apprentice rejected the API key (403 not_authorized)');
		expect(error?.httpCode).toBe('403');
		expect(JSON.stringify(error)).not.toContain(key);
		expectNoSecrets(error);
		expect((await sandbox.state()).orders).toEqual([]);
	});

	test('the failed grant is not remembered: fixing the key and re-running grants', async () => {
		await grantOne(sandbox.credentials({ apiKey: 'WRONG1-WRONG2-WRONG3-WRONG4-WRONG5' }));
		const { items } = await grantOne(sandbox.credentials());
		expect(items[0].json).toMatchObject({ changed: true, granted: [201] });
	});

	test.each([
		['security-plugin', 'HTTP 403 with an HTML page titled "403 Forbidden"'],
		['maintenance', 'HTTP 503 with an HTML page titled "Maintenance"'],
	] as const)('an HTML answer (%s) is named as such', async (html, detail) => {
		await sandbox.settings({ html });
		const { error } = await grantOne(sandbox.credentials());
		await sandbox.settings({ html: false });
		expect(error?.message).toBe(
			'The site answered with an HTML page instead of JSON — a security plugin, firewall or maintenance mode is probably blocking the REST API',
		);
		expect(error?.description).toContain(detail);
		expectNoSecrets(error);
	});

	test('continueOnFail: an error item paired with its input, the other items still processed', async () => {
		const { items, error } = await sandbox.run({
			continueOnFail: true,
			input: [delivery('ok@example.test', '7002', [item('product-12')]), delivery('bad@example.test', 'not-a-number', [item('product-12')])],
			parameters: access('grant'),
		});
		expect(error).toBeUndefined();
		expect(items.map((entry) => entry.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(items[0].json.changed).toBe(true);
		expect(items[1].json).toEqual({ error: 'Order Reference "not-a-number" is not a ThriveCart order id' });
	});
});
