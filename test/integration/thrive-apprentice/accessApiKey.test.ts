/**
 * Access > Grant / Revoke through the API key (TA's ThriveCart routes) with an application password in
 * the same credential (the recommended set-up): Thrive Apprentice's own state decides "already done?"
 * and every change is read back. Run in n8n's execution engine against the sandbox over real HTTP.
 */
import { deduplicator } from '../../support/n8nEngine';
import { access, delivery, item } from './params';
import { ADMIN, API_KEY, useSandbox } from './sandbox';

const sandbox = useSandbox();

const SECRETS = [API_KEY, ADMIN.password, ADMIN.password.replace(/\s/g, ''), Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')];

function expectNoSecrets(value: unknown): void {
	const text = JSON.stringify(value);
	for (const secret of SECRETS) expect(text).not.toContain(secret);
}

const grant = (email: string, orderId: string, items: ReturnType<typeof item>[], extra = {}) =>
	sandbox.run({ input: [delivery(email, orderId, items)], parameters: access('grant', extra) });
const revoke = (email: string, orderId: string, affected: ReturnType<typeof item>) =>
	sandbox.run({ input: [delivery(email, orderId, [], affected)], parameters: access('revoke') });

describe('grant with the API key, read back with the application password', () => {
	test('a new buyer: one newOrder creates the member and the order; the grant is read back', async () => {
		await sandbox.clearRequests();
		const { items, error } = await grant('New.Buyer+tc@Example.test', '5001', [item('product-12', { amount: 4900 }), item('bump-12', { amount: 1500 })], {
			firstName: '={{ $json.customer.firstName }}',
			lastName: '={{ $json.customer.lastName }}',
		});
		expect(error).toBeUndefined();
		const calls = await sandbox.restCalls();
		expect(calls.filter((call) => call.path.endsWith('/newOrder'))).toHaveLength(1);

		const state = await sandbox.state();
		const user = state.users.find((candidate) => candidate.email === 'New.Buyer+tc@Example.test');
		expect(user).toMatchObject({ login: 'New.Buyertc@Example.test', firstName: 'Jane', lastName: 'Buyer' });
		expect(state.orders).toHaveLength(1);
		expect(state.orders[0]).toMatchObject({ gateway: 'ThriveCart', gatewayOrderId: '5001', userId: user?.id, total: 64, currency: 'USD' });
		// Each item says which ThriveCart order it came from: that is how a later run knows.
		expect(state.orders[0].items.map((orderItem) => [orderItem.productId, orderItem.name])).toEqual([
			[201, 'TC product-12 (ThriveCart order 5001)'],
			[203, 'TC bump-12 (ThriveCart order 5001)'],
		]);

		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].json).toMatchObject({
			email: 'New.Buyer+tc@Example.test',
			userId: user?.id,
			orderReference: '5001',
			products: [
				{ id: 201, name: 'Foundations Program' },
				{ id: 203, name: 'Bonus Masterclass' },
			],
			changed: true,
			granted: [201, 203],
			alreadyGranted: [],
			diagnostics: { transport: 'apiKey', readBack: true, verifiedBy: 'memberItems', taOrderId: state.orders[0].id },
		});
		expect((await sandbox.emails()).filter((email) => email.to === 'New.Buyer+tc@Example.test' && email.kind === 'new-account')).toHaveLength(1);
		expectNoSecrets(items);
	});

	test("a repeat is caught by Thrive Apprentice's state (two reads, nothing sent), with or without the node's memory", async () => {
		await grant('repeat@example.test', '5003', [item('product-12'), item('bump-12')]);
		await sandbox.clearRequests();
		const second = await grant('repeat@example.test', '5003', [item('product-12'), item('bump-12')]);
		expect(second.items[0].json).toMatchObject({ changed: false, granted: [], alreadyGranted: [201, 203], diagnostics: { verifiedBy: 'memberItems' } });
		expect((await sandbox.restCalls()).map((call) => `${call.method} ${call.path}`)).toEqual([
			'GET /wp-json/wp/v2/users',
			'GET /wp-json/tva/v1/customer/5/purchased-items',
		]);

		// A re-imported workflow (or an evicted entry, or another worker) has no memory of the grant.
		deduplicator.clear();
		await sandbox.clearRequests();
		const third = await grant('repeat@example.test', '5003', [item('product-12'), item('bump-12')]);
		expect(third.error).toBeUndefined();
		expect(third.items[0].json).toMatchObject({ changed: false, granted: [], alreadyGranted: [201, 203] });
		expect((await sandbox.restCalls()).some((call) => call.path.endsWith('/newOrder'))).toBe(false);
		const state = await sandbox.state();
		expect(state.orders).toHaveLength(1);
		expect(state.emails.filter((email) => email.to === 'repeat@example.test' && email.kind === 'new-account')).toHaveLength(1);
	});

	test('five copies of one delivery at once: one order, one user, one email', async () => {
		const runs = await Promise.all(Array.from({ length: 5 }, () => grant('burst@example.test', '5009', [item('product-12')])));
		expect(runs.map((run) => run.error)).toEqual([undefined, undefined, undefined, undefined, undefined]);
		expect(runs.filter((run) => run.items[0].json.changed === true)).toHaveLength(1);
		const state = await sandbox.state();
		expect(state.orders.filter((order) => order.gatewayOrderId === '5009')).toHaveLength(1);
		expect(state.users.filter((user) => user.email === 'burst@example.test')).toHaveLength(1);
		expect(state.emails.filter((email) => email.to === 'burst@example.test')).toHaveLength(1);
	});

	test('an unknown product id is refused before anything could create a user or send an email', async () => {
		const { error } = await sandbox.run({ parameters: access('grant', { accessTo: 'products', productIds: [201, 999], email: 'typo@example.test', orderReference: '5020' }) });
		expect(error?.message).toBe('Thrive Apprentice has no product with ID 999, so nothing was sent to it');
		const state = await sandbox.state();
		expect(state.orders).toEqual([]);
		expect(state.users.find((user) => user.email === 'typo@example.test')).toBeUndefined();
		expect(state.emails).toEqual([]);
		// Not remembered as done: the corrected run grants.
		const fixed = await sandbox.run({ parameters: access('grant', { accessTo: 'products', productIds: [201], email: 'typo@example.test', orderReference: '5020' }) });
		expect(fixed.items[0].json).toMatchObject({ changed: true, granted: [201] });
	});

	test('a lost answer after TA stored the order: the state is read, nothing is sent twice', async () => {
		await sandbox.settings({ loseAnswers: { route: 'POST /tva/v1/newOrder', count: 1, mode: 'reset' } } as never);
		const { items, error } = await grant('lost@example.test', '5030', [item('product-12')]);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ changed: true, granted: [201] });
		expect((items[0].json.diagnostics as { recoveredFrom?: string }).recoveredFrom).toBeDefined();
		const state = await sandbox.state();
		expect(state.orders.filter((order) => order.gatewayOrderId === '5030')).toHaveLength(1);
		expect(state.emails.filter((email) => email.to === 'lost@example.test' && email.kind === 'new-account')).toHaveLength(1);
	});
});

describe("a stale memory never decides when the application password can read the member", () => {
	// n8n's processed-items store is one row rewritten read-modify-write: in queue mode another worker's
	// write can bring back a record this workflow had cleared. Simulated by restoring an older snapshot.
	const snapshot = () => new Map([...deduplicator.store].map(([key, entries]) => [key, [...entries]]));
	const restore = (older: Map<string, string[]>) => {
		deduplicator.store.clear();
		for (const [key, entries] of older) deduplicator.store.set(key, entries);
	};

	test('memory says "granted" after a revoke it lost: the restore grants again and reads it back', async () => {
		await grant('stale.grant@example.test', '5101', [item('product-12')]);
		const afterGrant = snapshot();
		expect((await revoke('stale.grant@example.test', '5101', item('product-12'))).items[0].json).toMatchObject({ revoked: [201] });
		restore(afterGrant);
		const again = await grant('stale.grant@example.test', '5101', [item('product-12')]);
		expect(again.error).toBeUndefined();
		expect(again.items[0].json).toMatchObject({ changed: true, granted: [201], alreadyGranted: [] });
		const member = (await sandbox.state()).users.find((user) => user.email === 'stale.grant@example.test');
		const held = (await sandbox.state()).orders.flatMap((order) => order.items.filter((orderItem) => order.userId === member?.id && orderItem.status === 1));
		expect(held.map((orderItem) => orderItem.productId)).toEqual([201]);
	});

	test('memory says "revoked" after a grant it lost: the refund still revokes and reads it back', async () => {
		await grant('stale.revoke@example.test', '5102', [item('product-12')]);
		await revoke('stale.revoke@example.test', '5102', item('product-12'));
		const afterRevoke = snapshot();
		expect((await grant('stale.revoke@example.test', '5102', [item('product-12')])).items[0].json).toMatchObject({ granted: [201] });
		restore(afterRevoke);
		const refund = await revoke('stale.revoke@example.test', '5102', item('product-12'));
		expect(refund.error).toBeUndefined();
		expect(refund.items[0].json).toMatchObject({ changed: true, revoked: [201], diagnostics: { verifiedBy: 'memberItems' } });
		const member = (await sandbox.state()).users.find((user) => user.email === 'stale.revoke@example.test');
		const held = (await sandbox.state()).orders.flatMap((order) => order.items.filter((orderItem) => order.userId === member?.id && orderItem.status === 1));
		expect(held).toEqual([]);
	});
});

describe('revoke with the API key, verified with the application password', () => {
	test('a refund of the bump: gone from the member, the product stays; repeating changes nothing', async () => {
		await grant('refund@example.test', '6001', [item('product-12'), item('bump-12')]);
		const first = await revoke('refund@example.test', '6001', item('bump-12'));
		expect(first.error).toBeUndefined();
		expect(first.items[0].json).toMatchObject({ orderReference: '6001', changed: true, revoked: [203], alreadyRevoked: [], diagnostics: { verifiedBy: 'memberItems' } });
		expect(await sandbox.productsOf('refund@example.test')).toEqual([201]);

		deduplicator.clear();
		const again = await revoke('refund@example.test', '6001', item('bump-12'));
		expect(again.items[0].json).toMatchObject({ changed: false, revoked: [], alreadyRevoked: [203] });
		expect(await sandbox.productsOf('refund@example.test')).toEqual([201]);
	});

	test('pause → resume → cancel: the access granted again at the resume is really gone at the cancellation', async () => {
		await grant('cycle@example.test', '6010', [item('product-12')]);
		expect((await revoke('cycle@example.test', '6010', item('product-12'))).items[0].json).toMatchObject({ revoked: [201] });
		expect(await sandbox.productsOf('cycle@example.test')).toEqual([]);
		const resumed = await grant('cycle@example.test', '6010', [item('product-12')], { grantOptions: { restoreOnly: true } });
		expect(resumed.items[0].json).toMatchObject({ changed: true, granted: [201] });
		expect(await sandbox.productsOf('cycle@example.test')).toEqual([201]);

		const cancelled = await revoke('cycle@example.test', '6010', item('product-12'));
		expect(cancelled.error).toBeUndefined();
		expect(cancelled.items[0].json).toMatchObject({ changed: true, revoked: [201] });
		expect(await sandbox.productsOf('cycle@example.test')).toEqual([]);
	});

	test('an upsell from a later delivery is revoked and verified', async () => {
		await grant('upsell@example.test', '6002', [item('product-12')]);
		await grant('upsell@example.test', '6002', [item('product-12'), item('upsell-5')]);
		expect(await sandbox.productsOf('upsell@example.test')).toEqual([201, 202]);
		const { items, error } = await revoke('upsell@example.test', '6002', item('upsell-5'));
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ changed: true, revoked: [202] });
		expect(await sandbox.productsOf('upsell@example.test')).toEqual([201]);
	});

	test("a seller coming from ThriveCart's built-in integration: no second order at the rebill, a real revoke at the cancellation", async () => {
		await sandbox.builtInOrder({ email: 'migrated@example.test', gatewayOrderId: '6020', productIds: [201] });
		const rebill = await grant('migrated@example.test', '6020', [item('product-12', { payment: 'recurring' })], { grantOptions: { restoreOnly: true } });
		expect(rebill.error).toBeUndefined();
		expect(rebill.items[0].json).toMatchObject({ changed: false, granted: [], alreadyGranted: [201] });
		expect((await sandbox.state()).orders.filter((order) => order.gatewayOrderId === '6020')).toHaveLength(1);

		const cancelled = await revoke('migrated@example.test', '6020', item('product-12', { payment: 'recurring' }));
		expect(cancelled.error).toBeUndefined();
		expect(cancelled.items[0].json).toMatchObject({ changed: true, revoked: [201] });
		expect(await sandbox.productsOf('migrated@example.test')).toEqual([]);
	});

	test('access the member has through another purchase stays, and the output says so', async () => {
		await grant('two@example.test', '6030', [item('product-12')]);
		await grant('two@example.test', '6031', [item('product-12')]);
		const { items } = await revoke('two@example.test', '6030', item('product-12'));
		expect(items[0].json).toMatchObject({ changed: true, revoked: [201], stillHeldThrough: [{ productId: 201, through: expect.stringContaining('ThriveCart order 6031') }] });
		expect(await sandbox.productsOf('two@example.test')).toEqual([201]);
	});
});

describe('what the grant does with the product map and the order reference', () => {
	test('a pricing-option entry beats the item entry', async () => {
		const { items } = await grant('plan@example.test', '5005', [item('product-12', { pricingOptionId: '78572' })]);
		expect(items[0].json).toMatchObject({ granted: [204] });
		expect(await sandbox.productsOf('plan@example.test')).toEqual([204]);
	});

	test('an item mapped to [] grants nothing on purpose and makes no call', async () => {
		await sandbox.clearRequests();
		const { items, error } = await grant('down@example.test', '5006', [item('downsell-6')]);
		expect(error).toBeUndefined();
		expect(await sandbox.restCalls()).toEqual([]);
		expect(items[0].json).toMatchObject({ changed: false, itemsMappedToNothing: ['downsell-6'] });
		expect(items[0].json.message).toMatch(/Nothing to grant/);
	});

	test('unmapped items stop the grant with a message that lists them (default), or are listed with Skip', async () => {
		const input = [delivery('unmapped@example.test', '5007', [item('product-12'), item('bump-77', { name: 'Mystery bump' })])];
		const stopped = await sandbox.run({ input, parameters: access('grant') });
		expect(stopped.error?.message).toMatch(/has no entry for ThriveCart item "bump-77" \(Mystery bump\)/);
		expect((await sandbox.state()).orders).toEqual([]);
		const skipped = await sandbox.run({ input, parameters: access('grant', { unmappedItems: 'skip' }) });
		expect(skipped.items[0].json).toMatchObject({ changed: true, granted: [201], unmappedItems: [{ key: 'bump-77', pricingOptionId: null, name: 'Mystery bump' }] });
	});

	test('a bad Product Map is refused before any call', async () => {
		await sandbox.clearRequests();
		const { error } = await grant('map@example.test', '5008', [item('product-12')], { productMap: '{"product-12": ["two hundred"]}' });
		expect(error?.message).toBe('Product Map entry "product-12": "two hundred" is not a Thrive Apprentice product id');
		expect(await sandbox.restCalls()).toEqual([]);
	});

	test('Product(s) without an order reference: a derived order id that the revoke finds again', async () => {
		const params = { accessTo: 'products', productIds: [202, 205], email: 'direct@example.test' };
		const granted = await sandbox.run({ parameters: access('grant', params) });
		const reference = granted.items[0].json.orderReference as string;
		expect(granted.items[0].json).toMatchObject({ changed: true, orderReferenceDerived: true, granted: [202, 205] });
		expect(Number(reference)).toBeGreaterThanOrEqual(8_000_000_000_000);
		const [order] = (await sandbox.state()).orders;
		expect(order.gatewayOrderId).toBe(reference);
		expect(order.items.map((orderItem) => orderItem.name)).toEqual([`Granted by n8n (ThriveCart order ${reference})`, `Granted by n8n (ThriveCart order ${reference})`]);

		const revoked = await sandbox.run({ parameters: access('revoke', params) });
		expect(revoked.error).toBeUndefined();
		expect(revoked.items[0].json).toMatchObject({ changed: true, revoked: [202, 205], orderReference: reference });
		expect(await sandbox.productsOf('direct@example.test')).toEqual([]);
	});

	test('a non-numeric order reference is refused with a clear message', async () => {
		const { error } = await grant('ref@example.test', 'INV-77', [item('product-12')]);
		expect(error?.message).toBe('Order Reference "INV-77" is not a ThriveCart order id');
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

	test.each([
		['security-plugin', 'HTTP 403 with an HTML page titled "403 Forbidden"'],
		['maintenance', 'HTTP 503 with an HTML page titled "Maintenance"'],
	] as const)('an HTML answer (%s) is named as such, and nothing is remembered', async (html, detail) => {
		await sandbox.settings({ html });
		const { error } = await grant('html@example.test', '7003', [item('product-12')]);
		await sandbox.settings({ html: false });
		expect(error?.message).toBe(
			'The site answered with an HTML page instead of JSON — a security plugin, firewall or maintenance mode is probably blocking the REST API',
		);
		expect(error?.description).toContain(detail);
		expectNoSecrets(error);
		const after = await grant('html@example.test', '7003', [item('product-12')]);
		expect(after.items[0].json).toMatchObject({ changed: true, granted: [201] });
	});
});
