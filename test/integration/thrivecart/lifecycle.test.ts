import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import { ThriveCartTrigger } from '../../../nodes/ThriveCartTrigger/ThriveCartTrigger.node';
import { STAND_IN_API_KEY, ThriveCartStandIn } from '../../support/thrivecartApi';
import { createHookContext } from '../../support/thrivecartContexts';
import { sendCredentialTestRequest } from '../../support/n8nEngine';
import { ThriveCartApi } from '../../../credentials/ThriveCartApi.credentials';

const node = new ThriveCartTrigger();
const lifecycle = node.webhookMethods.default;
const SECRET = 'lifecycle-secret-word';
const TARGET = 'http://127.0.0.1:5678/webhook/f2b1c3d4/webhook';

let api: ThriveCartStandIn;

beforeEach(async () => {
	api = new ThriveCartStandIn();
	await api.start();
});

afterEach(async () => {
	await api.stop();
});

function credentials(overrides: IDataObject = {}): ICredentialDataDecryptedObject {
	return { secretWord: SECRET, apiKey: STAND_IN_API_KEY, mode: 'live', baseUrl: api.baseUrl, ...overrides };
}

function harness(parameters: IDataObject = {}, credentialOverrides: IDataObject = {}, staticData: IDataObject = {}) {
	return createHookContext({
		credentials: credentials(credentialOverrides),
		parameters: {
			deliveryStyle: 'eventSubscription',
			events: ['order.success', 'order.refund', 'order.subscription_cancelled'],
			mode: 'both',
			productIds: [],
			...parameters,
		},
		webhookUrl: TARGET,
		staticData,
	});
}

function expectNoKeyIn(error: unknown) {
	const text = JSON.stringify({ message: (error as Error).message, description: (error as { description?: string }).description, error });
	expect(text).not.toContain(STAND_IN_API_KEY);
}

describe('Event Subscription lifecycle against the stand-in ThriveCart API', () => {
	it('subscribes each event key with the exact body, Bearer key and mode header, and remembers it', async () => {
		const { context, staticData } = harness({ mode: 'live', productIds: ['12'] });
		expect(await lifecycle.checkExists.call(context)).toBe(false);
		expect(await lifecycle.create.call(context)).toBe(true);

		const subscribes = api.requestsTo('/subscribe');
		expect(subscribes.map((request) => request.body)).toEqual([
			{ event: 'order_created', target_url: TARGET, trigger_fields: { mode_int: 2, base_product: 12 } },
			{ event: 'order_refund', target_url: TARGET, trigger_fields: { mode_int: 2, base_product: 12 } },
			{ event: 'order_rebill_cancelled', target_url: TARGET, trigger_fields: { mode_int: 2, base_product: 12 } },
		]);
		for (const request of subscribes) {
			expect(request.method).toBe('POST');
			expect(request.headers.authorization).toBe(`Bearer ${STAND_IN_API_KEY}`);
			expect(request.headers['x-tc-mode']).toBe('live');
		}
		expect(staticData.subscription).toMatchObject({
			targetUrl: TARGET,
			keys: ['order_created', 'order_refund', 'order_rebill_cancelled'],
			subscriptionIds: { order_created: '253485285', order_refund: '253485286', order_rebill_cancelled: '253485287' },
		});
		expect(await lifecycle.checkExists.call(context)).toBe(true);
	});

	it('omits mode_int for live and test together, and sends several products as a list', async () => {
		const { context } = harness({ events: ['cart.abandoned'], mode: 'both', productIds: ['12', '2'] }, { mode: 'test' });
		await lifecycle.create.call(context);
		expect(api.requestsTo('/subscribe')[0].body).toEqual({ event: 'cart_abandoned', target_url: TARGET, trigger_fields: { base_product: [12, 2] } });
		expect(api.requestsTo('/subscribe')[0].headers['x-tc-mode']).toBe('test');
	});

	it('calls a changed configuration stale and replaces the old registration', async () => {
		const staticData: IDataObject = {};
		await lifecycle.create.call(harness({}, {}, staticData).context);
		const changed = harness({ events: ['order.success'], mode: 'test' }, {}, staticData).context;
		expect(await lifecycle.checkExists.call(changed)).toBe(false);
		await lifecycle.create.call(changed);
		expect(api.requestsTo('/unsubscribe').map((request) => request.body)).toEqual([{ url: TARGET }]);
		expect(api.subscriptions.map(({ event, trigger_fields }) => ({ event, trigger_fields }))).toEqual([{ event: 'order_created', trigger_fields: { mode_int: 1 } }]);
		expect(await lifecycle.checkExists.call(changed)).toBe(true);
	});

	it('unsubscribes by URL on delete and clears what it remembered', async () => {
		const { context, staticData } = harness();
		await lifecycle.create.call(context);
		expect(await lifecycle.delete.call(context)).toBe(true);
		expect(api.requestsTo('/unsubscribe')[0].body).toEqual({ url: TARGET });
		expect(api.subscriptions).toEqual([]);
		expect(staticData.subscription).toBeUndefined();
	});

	it('still clears its memory when ThriveCart no longer knows the subscription', async () => {
		const staticData: IDataObject = {
			subscription: { targetUrl: 'http://gone.example/webhook', keys: ['order_created'], triggerFields: '{}', subscriptionIds: { order_created: '1' } },
		};
		const { context } = harness({}, {}, staticData);
		expect(await lifecycle.delete.call(context)).toBe(true);
		expect(staticData.subscription).toBeUndefined();
		expect(api.requestsTo('/unsubscribe')).toHaveLength(1);
	});

	it('rethrows other failures on delete and keeps its memory for the next try', async () => {
		const { context, staticData } = harness();
		await lifecycle.create.call(context);
		api.failure = 'rate-limit';
		await expect(lifecycle.delete.call(context)).rejects.toThrow("ThriveCart's rate limit (60 requests a minute) was hit");
		expect(staticData.subscription).toBeDefined();
	});

	it('undoes a half-made registration and reports the failure', async () => {
		const { context, staticData } = harness();
		api.failSubscribeNumber = { n: 2, failure: 'rate-limit' };
		const error = await lifecycle.create.call(context).catch((caught: unknown) => caught);
		expect((error as Error).message).toBe("ThriveCart's rate limit (60 requests a minute) was hit");
		expect((error as { constructor: { name: string } }).constructor.name).toBe('NodeApiError');
		expect(api.requestsTo('/unsubscribe').map((request) => request.body)).toEqual([{ url: TARGET }]);
		expect(api.subscriptions).toEqual([]);
		expect(staticData.subscription).toBeUndefined();
		expectNoKeyIn(error);
	});

	it('explains a rejected API key without showing it', async () => {
		api.failure = 'auth';
		const { context } = harness();
		const error = await lifecycle.create.call(context).catch((caught: unknown) => caught);
		expect((error as Error).message).toBe('ThriveCart rejected the API key');
		expect((error as { description?: string }).description).toMatch(/API tokens/);
		expectNoKeyIn(error);
	});

	it('explains a wrong key the stand-in rejects itself (401 auth.missing)', async () => {
		const { context } = harness({}, { apiKey: 'wrong-key-123' });
		const error = await lifecycle.create.call(context).catch((caught: unknown) => caught);
		expect((error as Error).message).toBe('ThriveCart rejected the API key');
		expect(JSON.stringify({ m: (error as Error).message, d: (error as { description?: string }).description })).not.toContain('wrong-key-123');
	});

	it('explains a ThriveCart that cannot be reached', async () => {
		const { context } = harness();
		await api.stop();
		const error = await lifecycle.create.call(context).catch((caught: unknown) => caught);
		expect((error as Error).message).toBe('Could not reach ThriveCart');
		expect((error as { description?: string }).description).toMatch(/ECONNREFUSED/);
		expectNoKeyIn(error);
	});

	it('asks for an API key before calling anything', async () => {
		const { context } = harness({}, { apiKey: '' });
		await expect(lifecycle.create.call(context)).rejects.toThrow('An API key is needed for subscribing to "order_created"');
		expect(api.requests).toHaveLength(0);
	});

	it('refuses events that have no subscription key', async () => {
		const { context } = harness({ events: ['customer.updated'] });
		await expect(lifecycle.create.call(context)).rejects.toThrow('None of the chosen events can be subscribed to');
	});

	it('registers nothing for account webhooks, and removes a subscription left from the other style', async () => {
		const staticData: IDataObject = {};
		const accountStyle = harness({ deliveryStyle: 'accountWebhook' }, {}, staticData).context;
		// Only the secret word's verifier is missing at first (secretCheck.test.ts); nothing is called.
		expect(await lifecycle.checkExists.call(accountStyle)).toBe(false);
		expect(await lifecycle.create.call(accountStyle)).toBe(true);
		expect(await lifecycle.checkExists.call(accountStyle)).toBe(true);
		expect(await lifecycle.delete.call(accountStyle)).toBe(true);
		expect(api.requests).toHaveLength(0);

		await lifecycle.create.call(harness({}, {}, staticData).context);
		expect(await lifecycle.checkExists.call(accountStyle)).toBe(false);
		await lifecycle.create.call(accountStyle);
		expect(api.subscriptions).toEqual([]);
		expect(staticData.subscription).toBeUndefined();
	});
});

describe('the product dropdown', () => {
	it('lists products through the API key, sorted, ids as strings', async () => {
		const { context } = harness({}, { mode: 'test' });
		const options = await node.methods.loadOptions.getProducts.call(context);
		expect(options).toEqual([
			{ name: 'Accelerator (#2)', value: '2' },
			{ name: 'Beta cohort (#30) – test', value: '30' },
			{ name: 'Course Launchpad (#12)', value: '12' },
		]);
		expect(api.requestsTo('/products')[0].headers.authorization).toBe(`Bearer ${STAND_IN_API_KEY}`);
		expect(api.requestsTo('/products')[0].headers['x-tc-mode']).toBe('test');
	});

	it('says what to add, without an error, when the credential has no API key', async () => {
		const { context } = harness({}, { apiKey: '' });
		const options = await node.methods.loadOptions.getProducts.call(context);
		expect(options).toEqual([
			{
				name: 'Add the API key to the ThriveCart credential (ThriveCart > Settings > API & webhooks > API tokens) to choose products here, or type product IDs with an expression',
				value: '',
				disabled: true,
			},
		]);
		expect(api.requests).toHaveLength(0);
	});

	it('still reports a key ThriveCart rejects as an error', async () => {
		const { context } = harness({}, { apiKey: 'bad-key-456' });
		await expect(node.methods.loadOptions.getProducts.call(context)).rejects.toThrow(/rejected the API key/);
	});
});

describe('the Event Subscription API key warning', () => {
	it('says the key is missing, and what to do, or that it is there', async () => {
		const missing = await node.methods.loadOptions.checkApiKey.call(harness({}, { apiKey: ' ' }).context);
		expect(missing).toEqual([{ name: expect.stringMatching(/^Missing: Add the API key to the ThriveCart credential .*Account Webhook style/), value: 'checked' }]);
		const found = await node.methods.loadOptions.checkApiKey.call(harness().context);
		expect(found).toEqual([{ name: 'Found in the ThriveCart Credential', value: 'checked' }]);
		expect(api.requests).toHaveLength(0);
	});
});

describe("the credential test (n8n's request test of the ThriveCart API credential)", () => {
	const { rules } = new ThriveCartApi().test;
	/** What n8n's credential tester shows for a failed test request: the rule for its status code. */
	async function failureShown(data: ICredentialDataDecryptedObject): Promise<string | undefined> {
		const error = (await sendCredentialTestRequest('thriveCartApi', data).then(
			() => undefined,
			(e: unknown) => e,
		)) as { cause?: { response?: { status?: number } } } | undefined;
		expect(error).toBeDefined();
		const status = error?.cause?.response?.status;
		return rules?.find((rule) => rule.type === 'responseCode' && rule.properties.value === status)?.properties.message;
	}

	it('pings ThriveCart with the API key and the mode header', async () => {
		const answer = await sendCredentialTestRequest('thriveCartApi', credentials());
		expect(answer).toMatchObject({ account_name: 'Sandbox Academy' });
		expect(api.requestsTo('/ping')).toHaveLength(1);
		expect(api.requestsTo('/ping')[0].headers.authorization).toBe(`Bearer ${STAND_IN_API_KEY}`);
		expect(api.requestsTo('/ping')[0].headers['x-tc-mode']).toBe('live');
	});

	it('fails without an API key and says that nothing was checked, never "tested successfully"', async () => {
		const message = await failureShown(credentials({ apiKey: '' }));
		expect(message).toMatch(/^ThriveCart did not accept the API key, or none is set, so nothing was checked/);
		expect(message).toMatch(/The secret word is never checked here/);
		expect(api.requestsTo('/ping')[0].headers.authorization).toBeUndefined();
	});

	it('fails for a key ThriveCart rejects, without showing the key', async () => {
		const message = await failureShown(credentials({ apiKey: 'bad-key-456' }));
		expect(message).toMatch(/^ThriveCart did not accept the API key/);
		expect(message).not.toContain('bad-key-456');
	});

	it("names ThriveCart's rate limit", async () => {
		api.failure = 'rate-limit';
		expect(await failureShown(credentials())).toMatch(/limit of 60 API requests a minute/);
	});

	it('fails for a ThriveCart that cannot be reached', async () => {
		await api.stop();
		const error = await sendCredentialTestRequest('thriveCartApi', credentials()).then(
			() => undefined,
			(e: unknown) => e as { cause?: { code?: string } },
		);
		// n8n's tester shows the network error code.
		expect(error?.cause?.code).toBe('ECONNREFUSED');
	});
});
