/**
 * Access > Grant / Revoke with the API key ALONE (what ThriveCart's own integration has): what it can
 * promise, and a clear failure naming what to add wherever it cannot — never a green run that claims a
 * change Thrive Apprentice did not make.
 */
import { deduplicator, runNode } from '../../support/n8nEngine';
import { access, delivery, item } from './params';
import { API_KEY, DISABLED_API_KEY, useSandbox, type SandboxHandle } from './sandbox';

const sandbox = useSandbox();

const keyOnly = () => sandbox.credentials({ apiKey: true });
const grant = (email: string, orderId: string, items: ReturnType<typeof item>[], extra = {}) =>
	runNode({ credentials: keyOnly(), input: [delivery(email, orderId, items)], parameters: access('grant', extra) });
const revoke = (email: string, orderId: string, affected: ReturnType<typeof item>) =>
	runNode({ credentials: keyOnly(), input: [delivery(email, orderId, [], affected)], parameters: access('revoke') });

describe('grant with the API key alone', () => {
	test('a new buyer: the products are checked, TA is asked whether the order exists, then one newOrder', async () => {
		await sandbox.clearRequests();
		const { items, error } = await grant('key.buyer@example.test', '5101', [item('product-12'), item('bump-12')]);
		expect(error).toBeUndefined();
		expect((await sandbox.restCalls()).map((call) => `${call.method} ${call.path} ${call.status} ${call.auth}`)).toEqual([
			'GET /wp-json/tva/v1/getCourses 200 apiKey',
			'POST /wp-json/tva/v1/refundOrder 404 apiKey',
			'POST /wp-json/tva/v1/newOrder 200 apiKey',
		]);
		expect(items[0].json).toMatchObject({ changed: true, granted: [201, 203], diagnostics: { readBack: false, verifiedBy: 'newOrderAnswer' } });
		expect(await sandbox.productsOf('key.buyer@example.test')).toEqual([201, 203]);
		expect(JSON.stringify(items)).not.toContain(API_KEY);
	});

	test('a repeat after the memory is lost sends no second order: it stops and says what to add', async () => {
		await grant('key.repeat@example.test', '5102', [item('product-12')]);
		deduplicator.clear();
		const { error } = await grant('key.repeat@example.test', '5102', [item('product-12')]);
		expect(error?.message).toBe('Thrive Apprentice already has ThriveCart order 5102, but this workflow never recorded granting it');
		expect(error?.description).toMatch(/application password/);
		expect((await sandbox.state()).orders.filter((order) => order.gatewayOrderId === '5102')).toHaveLength(1);
	});

	test("a rebill for an order ThriveCart's built-in integration stored: nothing to restore, no second order", async () => {
		await sandbox.builtInOrder({ email: 'key.migrated@example.test', gatewayOrderId: '5103', productIds: [201] });
		await sandbox.clearRequests();
		const { items, error } = await grant('key.migrated@example.test', '5103', [item('product-12')], { grantOptions: { restoreOnly: true } });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ changed: false, granted: [] });
		expect(await sandbox.restCalls()).toEqual([]);
		expect((await sandbox.state()).orders.filter((order) => order.gatewayOrderId === '5103')).toHaveLength(1);

		// …and the cancellation revokes it for real: the first order holds it.
		const cancelled = await revoke('key.migrated@example.test', '5103', item('product-12'));
		expect(cancelled.error).toBeUndefined();
		expect(cancelled.items[0].json).toMatchObject({ changed: true, revoked: [201], diagnostics: { verifiedBy: 'refundOrderAfterProbe' } });
		expect(await sandbox.productsOf('key.migrated@example.test')).toEqual([]);
	});

	test('a lost answer to the first newOrder: TA is asked again before anything is re-sent', async () => {
		await sandbox.settings({ loseAnswers: { route: 'POST /tva/v1/newOrder', count: 1, mode: 'reset' } } as never);
		const { items, error } = await grant('key.lost@example.test', '5104', [item('product-12')]);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ changed: true, granted: [201] });
		expect((await sandbox.state()).orders.filter((order) => order.gatewayOrderId === '5104')).toHaveLength(1);
	});

	test('User By ID is refused: the API key identifies buyers by email', async () => {
		const { error } = await runNode({ credentials: keyOnly(), parameters: access('grant', { accessTo: 'products', productIds: [201], userBy: 'id', userId: 3 }) });
		expect(error?.message).toBe('The API key connection identifies the member by email');
	});
});

describe('revoke with the API key alone', () => {
	test('a bump refund: refundOrder only after the first order is known to hold items, so its 200 is proof', async () => {
		await grant('key.refund@example.test', '6101', [item('product-12'), item('bump-12')]);
		await sandbox.clearRequests();
		const { items, error } = await revoke('key.refund@example.test', '6101', item('bump-12'));
		expect(error).toBeUndefined();
		expect((await sandbox.restCalls()).map((call) => `${call.path} ${call.status}`)).toEqual(['/wp-json/tva/v1/refundOrder 500', '/wp-json/tva/v1/refundOrder 200']);
		expect(items[0].json).toMatchObject({ changed: true, revoked: [203] });
		expect(await sandbox.productsOf('key.refund@example.test')).toEqual([201]);
	});

	test('pause → resume → cancel: the cancellation fails and names what to add, instead of a green run', async () => {
		await grant('key.cycle@example.test', '6110', [item('product-12')]);
		expect((await revoke('key.cycle@example.test', '6110', item('product-12'))).items[0].json).toMatchObject({ revoked: [201] });
		const resumed = await grant('key.cycle@example.test', '6110', [item('product-12')], { grantOptions: { restoreOnly: true } });
		expect(resumed.items[0].json).toMatchObject({ changed: true, granted: [201] });
		expect((resumed.items[0].json.warnings as string[])[0]).toMatch(/revoking these later needs an application password/);

		const cancelled = await revoke('key.cycle@example.test', '6110', item('product-12'));
		expect(cancelled.error?.message).toMatch(/holds nothing any more, but product 201 was granted again for this order, so the API key cannot revoke it/);
		expect(cancelled.error?.description).toMatch(/application password/);
		// Honest: the buyer still holds it, and nothing said otherwise.
		expect(await sandbox.productsOf('key.cycle@example.test')).toEqual([201]);
	});

	test('an upsell from a later delivery: the failure names what to add', async () => {
		await grant('key.upsell@example.test', '6102', [item('product-12')]);
		await grant('key.upsell@example.test', '6102', [item('product-12'), item('upsell-5')]);
		const { error } = await revoke('key.upsell@example.test', '6102', item('upsell-5'));
		expect(error?.message).toBe('Product 202 of ThriveCart order 6102 is not in the first Thrive Apprentice order stored under that id, so the API key cannot revoke it');
		expect(error?.description).toMatch(/application password/);
	});

	test('an order Thrive Apprentice never saw: said plainly', async () => {
		const { error } = await revoke('nobody@example.test', '6999', item('product-12'));
		expect(error?.message).toBe('Thrive Apprentice has no ThriveCart order 6999');
	});
});

describe('API-key errors', () => {
	const grantOne = (credentials: ReturnType<SandboxHandle['credentials']>) =>
		runNode({ credentials, input: [delivery('err@example.test', '7001', [item('product-12')])], parameters: access('grant') });

	test('no API key in the credential: a message naming the field', async () => {
		const { error } = await grantOne(sandbox.credentials({ applicationPassword: true }));
		expect(error?.message).toMatch(/needs the Thrive Apprentice API key: add it to the credential/);
		expect((await sandbox.state()).orders).toEqual([]);
	});

	test.each([
		['a wrong key', 'WRONG1-WRONG2-WRONG3-WRONG4-WRONG5'],
		['a disabled key', DISABLED_API_KEY],
	])('%s: 403 not_authorized explained, the key nowhere in the error', async (_label, key) => {
		const { error } = await grantOne(sandbox.credentials({ apiKey: key }));
		expect(error?.message).toBe('Thrive Apprentice rejected the API key (403 not_authorized)');
		expect(JSON.stringify(error)).not.toContain(key);
		expect((await sandbox.state()).orders).toEqual([]);
	});

	test('the failed grant is not remembered: fixing the key and re-running grants', async () => {
		await grantOne(sandbox.credentials({ apiKey: 'WRONG1-WRONG2-WRONG3-WRONG4-WRONG5' }));
		const { items } = await grantOne(sandbox.credentials({ apiKey: true }));
		expect(items[0].json).toMatchObject({ changed: true, granted: [201] });
	});

	test('continueOnFail: an error item paired with its input, the other items still processed', async () => {
		const { items, error } = await runNode({
			credentials: keyOnly(),
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
