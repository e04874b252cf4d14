/**
 * The Event Subscription delivery style inside a real n8n: activating the workflow registers the
 * selected events with ThriveCart's REST API (a stand-in on loopback, since ThriveCart's cloud cannot
 * run here), a JSON delivery with an underscored event name and a webhook_id fulfils the order, and
 * deactivating the workflow removes the subscriptions.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { N8n, sleep } from '../support/n8n';
import { buyer } from '../support/sandboxState';
import { fulfilmentVariant } from '../support/templates';
import { STAND_IN_API_KEY, ThriveCartStandIn } from '../support/thrivecartApi';
import { subscriptionKeysFor } from '../../nodes/ThriveCartTrigger/thrivecart/events';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../sandbox');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { sandboxCredentials, THRIVECART_CREDENTIAL, THRIVE_APPRENTICE_CREDENTIAL } = require('../../scripts/lib/sandbox-setup');

jest.setTimeout(180_000);

const WORKFLOW_ID = 'e2eEventSubscr01';
const WEBHOOK_ID = '0a7e2e00-0000-4000-8000-0000000000e5';

let sandbox: { url: string; stop(): Promise<void> };
let thrivecart: ThriveCartStandIn;
let n8n: N8n;
let workDir: string;
let events: string[];

beforeAll(async () => {
	workDir = mkdtempSync(join(tmpdir(), 'tc-ta-e2e-es-'));
	sandbox = await startSandbox({ port: 0, dataDir: join(workDir, 'sandbox'), reset: true });
	thrivecart = new ThriveCartStandIn();
	const apiUrl = await thrivecart.start();
	const workflow = fulfilmentVariant({ id: WORKFLOW_ID, webhookId: WEBHOOK_ID });
	const trigger = workflow.nodes.find((n) => n.type.endsWith('.thriveCartTrigger')) as unknown as {
		parameters: Record<string, unknown>;
	};
	trigger.parameters.deliveryStyle = 'eventSubscription';
	trigger.parameters.mode = 'live';
	events = trigger.parameters.events as string[];
	n8n = await N8n.start({
		userFolder: join(workDir, 'n8n'),
		credentials: sandboxCredentials({ sandboxUrl: sandbox.url, thriveCartApiUrl: apiUrl, thriveCartApiKey: STAND_IN_API_KEY }),
		workflows: [workflow],
		publish: [WORKFLOW_ID],
	});
	await n8n.waitForWebhook(n8n.webhookUrl(WEBHOOK_ID));
}, 600_000); // n8n's first start (migrations, package load) is slow on a busy 2-core machine

afterAll(async () => {
	await n8n?.stop();
	await thrivecart?.stop();
	await sandbox?.stop();
	if (workDir) rmSync(workDir, { recursive: true, force: true });
});

it('registers every selected event with ThriveCart on activation, with the mode pushed into trigger_fields', () => {
	const subscribes = thrivecart.requests.filter((r) => r.path.endsWith('/subscribe'));
	expect(subscribes.map((r) => (r.body as { event: string }).event).sort()).toEqual(subscriptionKeysFor(events).sort());
	for (const request of subscribes) {
		expect(request.headers.authorization).toBe(`Bearer ${STAND_IN_API_KEY}`);
		expect(request.body).toMatchObject({ target_url: `${n8n.baseUrl}/webhook/${WEBHOOK_ID}/webhook`, trigger_fields: { mode_int: 2 } });
	}
	expect(thrivecart.subscriptions).toHaveLength(subscribes.length);
	// What was registered lives in the trigger's static data, so deactivation can remove it.
	expect(JSON.stringify(n8n.workflowStaticData(WORKFLOW_ID))).toContain(`/webhook/${WEBHOOK_ID}/webhook`);
});

it('fulfils an order delivered as an event subscription (JSON, underscored event name, webhook_id)', async () => {
	const payload = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'thrivecart', 'es-order-created.json'), 'utf8'));
	payload.customer.email = 'subscriber.buyer@example.test';
	// The fixture's ThriveCart product 12 and bump 12 are mapped by the template to products 201 and 203.
	const res = await fetch(n8n.webhookUrl(WEBHOOK_ID), {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(payload),
	});
	expect(res.status).toBe(200);
	const [run] = await n8n.waitForExecutions(WORKFLOW_ID, 1);
	if (run.status !== 'success') throw new Error(n8n.describeExecution(run.id));
	expect((await buyer(sandbox.url, 'subscriber.buyer@example.test')).products).toEqual([201, 203]);
	expect(n8n.describeExecution(run.id)).toContain(payload.webhook_id);
});

it('removes the subscriptions when the workflow is deactivated', async () => {
	const before = thrivecart.requests.length;
	const res = await n8n.rest('POST', `/workflows/${WORKFLOW_ID}/deactivate`, {});
	expect(res.status).toBe(200);
	// n8n may tear the active version down asynchronously (its publication outbox): wait for the call.
	const deadline = Date.now() + 30_000;
	let unsubscribes = thrivecart.requests.slice(before).filter((r) => r.path.endsWith('/unsubscribe'));
	while (unsubscribes.length === 0 && Date.now() < deadline) {
		await sleep(200);
		unsubscribes = thrivecart.requests.slice(before).filter((r) => r.path.endsWith('/unsubscribe'));
	}
	if (unsubscribes.length !== 1) throw new Error(`expected one /unsubscribe, got ${unsubscribes.length}\n${n8n.logs()}`);
	expect(unsubscribes[0].body).toEqual({ url: `${n8n.baseUrl}/webhook/${WEBHOOK_ID}/webhook` });
	expect(thrivecart.subscriptions).toHaveLength(0);
});

describe("the ThriveCart API credential's test, run by n8n's credential tester", () => {
	const credentialTest = async (apiKey: string) => {
		const data = { secretWord: 'test-secret-word', apiKey, mode: 'live', baseUrl: thrivecart.baseUrl };
		const res = await n8n.rest('POST', '/credentials/test', { credentials: { id: THRIVECART_CREDENTIAL.id, name: 'test', type: 'thriveCartApi', data } });
		expect(res.status).toBe(200);
		return (res.json as { data: { status: string; message: string } }).data;
	};

	it('succeeds by pinging ThriveCart with the API key', async () => {
		const pings = thrivecart.requestsTo('/ping').length;
		expect(await credentialTest(STAND_IN_API_KEY)).toMatchObject({ status: 'OK' });
		expect(thrivecart.requestsTo('/ping').slice(pings).map((r) => r.headers.authorization)).toEqual([`Bearer ${STAND_IN_API_KEY}`]);
	});

	it('fails without an API key, saying that nothing was checked', async () => {
		const result = await credentialTest('');
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^ThriveCart did not accept the API key, or none is set, so nothing was checked/);
	});
});

describe("the Thrive Apprentice node's ThriveCart item list (version 1.2), through n8n's editor API", () => {
	const list = async (credentials: Record<string, { id: string; name: string }>, currentNodeParameters: Record<string, unknown>) =>
		await n8n.rest('POST', '/dynamic-node-parameters/resource-locator-results', {
			path: 'parameters.productMapRows.rows[0].item',
			nodeTypeAndVersion: { name: 'n8n-nodes-thrivecart-apprentice.thriveApprentice', version: 1.2 },
			methodName: 'searchThriveCartItems',
			currentNodeParameters,
			credentials,
		});

	it("lists the account's items with the node's ThriveCart credential, with or without the default parameters spelt out", async () => {
		const both = { thriveApprenticeApi: THRIVE_APPRENTICE_CREDENTIAL, thriveCartApi: THRIVECART_CREDENTIAL };
		for (const parameters of [{}, { resource: 'access', operation: 'grant', accessTo: 'thriveCartItems', mapAs: 'rows' }]) {
			const res = await list(both, parameters);
			expect(res.status).toBe(200);
			const values = (res.json as { data: { results: Array<{ value: string }> } }).data.results.map((result) => result.value);
			expect(values).toEqual(expect.arrayContaining(['product-12', 'product-12:78572', 'bump-12', 'upsell-5', 'downsell-6']));
		}
	});

	it('says what to add, with no server error, when the node has no ThriveCart credential', async () => {
		const res = await list({ thriveApprenticeApi: THRIVE_APPRENTICE_CREDENTIAL }, { resource: 'access', operation: 'grant' });
		expect(res.status).toBe(200);
		expect((res.json as { data: { results: Array<{ name: string; value: string }> } }).data.results).toEqual([
			{ name: expect.stringMatching(/^Add a ThriveCart API credential with its API key to this node/), value: '' },
		]);
	});
});
