/**
 * The reconciliation template in a real n8n: the fulfilment workflow misses deliveries (a burst while the
 * Thrive Apprentice sandbox answers 503, then deliveries while the workflow is inactive); ThriveCart's
 * transaction list (the API stand-in) holds every sale. One reconciliation run, started from its form,
 * must leave every buyer with exactly the access the rules give, grant nothing twice, not grant refunded
 * buyers again; a second run must change nothing. A dry run first must change nothing either.
 * The fulfilment copy has the error-alert template as its error workflow (what the shipped template is to
 * get): each failed execution posts an alert naming the buyer, the order and the error.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, N8n } from '../support/n8n';
import { buyer, sandboxState } from '../support/sandboxState';
import { errorAlertVariant, fulfilmentVariant, reconciliationVariant } from '../support/templates';
import { STAND_IN_API_KEY, ThriveCartStandIn } from '../support/thrivecartApi';
import { chargeRows, refundRow, type TxItem } from '../support/thrivecartTransactions';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../sandbox');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const delivery = require('../../scripts/lib/thrivecart-delivery');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { sandboxCredentials } = require('../../scripts/lib/sandbox-setup');

jest.setTimeout(300_000);

const FULFILMENT = { id: 'e2eRecFulfil0001', webhookId: '0a7e2e00-0000-4000-8000-0000000000f1' };
const RECONCILE = { id: 'e2eReconcile0001', formWebhookId: '0a7e2e00-0000-4000-8000-0000000000f2' };
const ERROR_ALERT_ID = 'e2eErrorAlert001';
const N8N_API_CREDENTIAL = { id: 'e2eN8nApiCred001', name: 'n8n account' };
const PRODUCT: TxItem = { type: 'product', id: 12, name: 'Foundations Program', amount: 9700 };
const BUMP: TxItem = { type: 'bump', id: 12, name: 'Bonus Masterclass', amount: 2700 };
const UPSELL: TxItem = { type: 'upsell', id: 5, name: 'Advanced Program', amount: 19700 };
// The template's product map: product-12 → 201, bump-12 → 203, upsell-5 → 202.

let sandbox: { url: string; stop(): Promise<void> };
let thrivecart: ThriveCartStandIn;
let n8n: N8n;
let workDir: string;
let orderSeq = 8_200_000;
let alertServer: Server;
const alerts: Array<Record<string, string>> = [];
const burstOrders: Record<string, number> = {};

/** What each buyer should end with, by the rules. */
const expected: Record<string, number[]> = {};

async function post(payload: Record<string, unknown>) {
	return fetch(n8n.webhookUrl(FULFILMENT.webhookId), {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: delivery.encodeForm(payload),
	});
}

/** A sale: ThriveCart records it (transactions) and posts it (delivery). */
async function sell(email: string, items: TxItem[]) {
	const orderId = ++orderSeq;
	thrivecart.transactions.push(...chargeRows({ email, name: 'Buyer Name', orderId, items }));
	return { orderId, res: await post(delivery.orderSuccess({ email, firstName: 'Buyer', lastName: 'Name', orderId, items })) };
}

async function refund(email: string, orderId: number, item: TxItem, allItems: TxItem[]) {
	thrivecart.transactions.push(refundRow({ email, orderId, item }));
	return await post(delivery.refund({ email, orderId, item, allItems }));
}

async function settle(workflowId: string, count: number) {
	return await n8n.waitForExecutions(workflowId, count, { timeoutMs: 120_000 });
}

/** Submits the reconciliation form and returns the Report node's output. */
async function reconcile(dryRun: 'Yes' | 'No') {
	const before = n8n.executions(RECONCILE.id).length;
	const form = new FormData();
	form.append('field-0', dryRun);
	const res = await fetch(`${n8n.baseUrl}/form/${RECONCILE.formWebhookId}`, { method: 'POST', body: form });
	expect(res.status).toBe(200);
	const rows = await settle(RECONCILE.id, before + 1);
	const run = rows[rows.length - 1];
	if (run.status !== 'success') throw new Error(n8n.describeExecution(run.id));
	const report = n8n.executionData(run.id).resultData.runData?.Report?.[0]?.data?.main?.[0]?.[0]?.json;
	if (!report) throw new Error(`no report:\n${n8n.describeExecution(run.id)}`);
	return report as {
		dryRun: boolean;
		buyersChecked: number;
		alreadyRight: number;
		repaired: Array<{ email: string; action: string; productIds: number[] }>;
		wouldRepair: Array<{ email: string; action: string }>;
		couldNotRepair: Array<{ email: string; why: string }>;
		summary: string;
	};
}

/** Thrive Apprentice calls that change something (grants and revokes, either transport). */
async function siteWrites(): Promise<number> {
	const log = (await (await fetch(`${sandbox.url}/__sandbox/requests`)).json()) as Array<{ method: string; path?: string; url?: string }>;
	return log.filter((entry) => entry.method !== 'GET' && !(entry.path ?? entry.url ?? '').startsWith('/__sandbox')).length;
}

beforeAll(async () => {
	workDir = mkdtempSync(join(tmpdir(), 'tc-ta-e2e-rec-'));
	sandbox = await startSandbox({ port: 0, dataDir: join(workDir, 'sandbox'), reset: true });
	thrivecart = new ThriveCartStandIn();
	const apiUrl = await thrivecart.start();
	alertServer = createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			alerts.push(JSON.parse(body));
			res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
		});
	});
	await new Promise<void>((resolve) => alertServer.listen(0, '127.0.0.1', resolve));
	const alertUrl = `http://127.0.0.1:${(alertServer.address() as AddressInfo).port}/slack`;
	const port = await freePort();
	const fulfilment = fulfilmentVariant(FULFILMENT) as ReturnType<typeof fulfilmentVariant> & { settings: Record<string, unknown> };
	fulfilment.settings = { ...fulfilment.settings, errorWorkflow: ERROR_ALERT_ID };
	const workflows = [fulfilment, reconciliationVariant(RECONCILE), errorAlertVariant({ id: ERROR_ALERT_ID, alertUrl, n8nApiCredential: N8N_API_CREDENTIAL })];
	n8n = await N8n.start({
		userFolder: join(workDir, 'n8n'),
		port,
		credentials: [
			...sandboxCredentials({ sandboxUrl: sandbox.url, thriveCartApiUrl: apiUrl, thriveCartApiKey: STAND_IN_API_KEY }),
			{ ...N8N_API_CREDENTIAL, type: 'n8nApi', data: { apiKey: 'set-after-start', baseUrl: `http://127.0.0.1:${port}/api/v1` } },
		],
		workflows,
		// n8n 2 runs only the published version of an error workflow.
		publish: [FULFILMENT.id, RECONCILE.id, ERROR_ALERT_ID],
	});
	// An n8n API key exists only once the owner does: make one and put it into the credential.
	const key = await n8n.rest('POST', '/api-keys', { label: 'error alert', scopes: ['execution:read'], expiresAt: null });
	const rawApiKey = (key.json as { data?: { rawApiKey?: string } }).data?.rawApiKey;
	if (!rawApiKey) throw new Error(`could not create an n8n API key: ${key.status} ${JSON.stringify(key.json)}`);
	const patched = await n8n.rest('PATCH', `/credentials/${N8N_API_CREDENTIAL.id}`, {
		name: N8N_API_CREDENTIAL.name,
		type: 'n8nApi',
		data: { apiKey: rawApiKey, baseUrl: `http://127.0.0.1:${port}/api/v1` },
	});
	if (patched.status !== 200) throw new Error(`could not set the n8n API credential: ${patched.status} ${JSON.stringify(patched.json)}`);
	await n8n.waitForWebhook(n8n.webhookUrl(FULFILMENT.webhookId));
	await n8n.waitForWebhook(`${n8n.baseUrl}/form/${RECONCILE.formWebhookId}`, 'GET');

	// 1. Fulfilled as it should be: one buyer, and one who bought and was refunded.
	expect((await sell('fine@example.test', [PRODUCT, BUMP])).res.status).toBe(200);
	expected['fine@example.test'] = [201, 203];
	const refunded = await sell('refunded.ok@example.test', [PRODUCT, BUMP]);
	await settle(FULFILMENT.id, 2);
	expect((await refund('refunded.ok@example.test', refunded.orderId, PRODUCT, [PRODUCT, BUMP])).status).toBe(200);
	expected['refunded.ok@example.test'] = [203];
	const paidThenRefundedLater = await sell('refund.missed@example.test', [PRODUCT]);
	const ok = await settle(FULFILMENT.id, 4);
	for (const row of ok) if (row.status !== 'success') throw new Error(n8n.describeExecution(row.id));

	// 2. A burst while the site is in maintenance (503): every execution fails.
	await fetch(`${sandbox.url}/__sandbox/settings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ html: 'maintenance' }) });
	const burst = await Promise.all([
		sell('burst.1@example.test', [PRODUCT]),
		sell('burst.2@example.test', [PRODUCT, UPSELL]),
		sell('burst.3@example.test', [PRODUCT, BUMP, UPSELL]),
		sell('fine@example.test', [UPSELL]),
	]);
	expect(burst.map((b) => b.res.status)).toEqual([200, 200, 200, 200]);
	['burst.1@example.test', 'burst.2@example.test', 'burst.3@example.test', 'fine@example.test'].forEach((email, i) => (burstOrders[email] = burst[i].orderId));
	expected['burst.1@example.test'] = [201];
	expected['burst.2@example.test'] = [201, 202];
	expected['burst.3@example.test'] = [201, 202, 203];
	expected['fine@example.test'] = [201, 202, 203];
	const failed = (await settle(FULFILMENT.id, 8)).slice(4);
	expect(failed.map((row) => row.status)).toEqual(['error', 'error', 'error', 'error']);
	await fetch(`${sandbox.url}/__sandbox/settings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ html: false }) });

	// 3. The fulfilment workflow is inactive: deliveries find no webhook.
	const off = await n8n.rest('POST', `/workflows/${FULFILMENT.id}/deactivate`, {});
	expect(off.status).toBe(200);
	// n8n may remove the webhook a moment after answering: wait until ThriveCart's HEAD check finds nothing.
	const deadline = Date.now() + 30_000;
	while ((await fetch(n8n.webhookUrl(FULFILMENT.webhookId), { method: 'HEAD' })).status !== 404) {
		if (Date.now() > deadline) throw new Error(`the fulfilment webhook is still registered:\n${n8n.logs()}`);
		await new Promise((r) => setTimeout(r, 200));
	}
	expect((await sell('missed@example.test', [PRODUCT, BUMP])).res.status).toBe(404);
	expected['missed@example.test'] = [201, 203];
	const both = await sell('missed.both@example.test', [PRODUCT, UPSELL]);
	expect((await refund('missed.both@example.test', both.orderId, PRODUCT, [PRODUCT, UPSELL])).status).toBe(404);
	expected['missed.both@example.test'] = [202];
	expect((await refund('refund.missed@example.test', paidThenRefundedLater.orderId, PRODUCT, [PRODUCT])).status).toBe(404);
	expected['refund.missed@example.test'] = [];
}, 240_000);

afterAll(async () => {
	await n8n?.stop();
	alertServer?.close();
	await thrivecart?.stop();
	await sandbox?.stop();
	if (workDir) rmSync(workDir, { recursive: true, force: true });
});

async function holdings() {
	const result: Record<string, number[]> = {};
	for (const email of Object.keys(expected)) result[email] = (await buyer(sandbox.url, email)).products;
	return result;
}

it('before reconciling, the missed and failed deliveries left access wrong (the scenario is real)', async () => {
	const held = await holdings();
	expect(held['burst.1@example.test']).toEqual([]);
	expect(held['missed@example.test']).toEqual([]);
	expect(held['fine@example.test']).toEqual([201, 203]);
	expect(held['refund.missed@example.test']).toEqual([201]);
});

it('each failed execution posted a readable alert: buyer, order and error', async () => {
	const deadline = Date.now() + 60_000;
	while (alerts.length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
	const runs = n8n.executions(ERROR_ALERT_ID);
	for (const run of runs) if (run.status !== 'success') throw new Error(n8n.describeExecution(run.id));
	expect(alerts.map((alert) => `${alert.buyer} ${alert.order}`).sort()).toEqual(
		Object.entries(burstOrders).map(([email, orderId]) => `${email} ${orderId}`).sort(),
	);
	for (const alert of alerts) {
		expect(alert.event).toBe('order.success');
		expect(alert.error).toMatch(/HTML page|maintenance|503/i);
		expect(alert.text).toContain(alert.buyer);
		expect(alert.text).toContain(String(alert.order));
		expect(alert.executionUrl).toMatch(/\/workflow\/e2eRecFulfil0001\/executions\/\d+/);
		expect(JSON.stringify(alert)).not.toContain(STAND_IN_API_KEY);
	}
});

it('a dry run reports what it would repair and changes nothing', async () => {
	const writes = await siteWrites();
	const before = await holdings();
	const report = await reconcile('Yes');
	expect(report.dryRun).toBe(true);
	expect(report.repaired).toEqual([]);
	expect(report.wouldRepair.map((line) => `${line.action} ${line.email}`).sort()).toEqual(
		[
			'grant burst.1@example.test',
			'grant burst.2@example.test',
			'grant burst.3@example.test',
			'grant fine@example.test',
			'grant missed.both@example.test',
			'grant missed@example.test',
			'revoke refund.missed@example.test',
		].sort(),
	);
	expect(await holdings()).toEqual(before);
	expect(await siteWrites()).toBe(writes);
	expect(n8n.workflowStaticData(RECONCILE.id)).not.toMatchObject({ global: { thriveCartReconciliation: { lastSuccessfulRun: expect.anything() } } });
});

it('one run leaves every buyer with exactly the access the rules give, nothing granted twice, refunded buyers not granted again', async () => {
	const writes = await siteWrites();
	const report = await reconcile('No');
	expect(report.couldNotRepair).toEqual([]);
	expect(await siteWrites()).toBeGreaterThanOrEqual(writes + report.repaired.length);
	expect(report.repaired.length).toBe(7);
	expect(report.buyersChecked).toBe(Object.keys(expected).length);
	expect(report.alreadyRight).toBe(1); // refunded.ok: fulfilled right, refund included
	expect(await holdings()).toEqual(expected);
	for (const email of Object.keys(expected)) {
		const b = await buyer(sandbox.url, email);
		// one account each, and no product held through two active order items
		expect({ email, users: b.users.length }).toEqual({ email, users: 1 });
		for (const count of Object.values(b.activeItemsByProduct)) expect({ email, count }).toEqual({ email, count: 1 });
	}
	expect(n8n.workflowStaticData(RECONCILE.id)).toMatchObject({ global: { thriveCartReconciliation: { lastSuccessfulRun: expect.any(String) } } });
});

it('a second run changes nothing', async () => {
	const writes = await siteWrites();
	const before = await sandboxState(sandbox.url);
	const report = await reconcile('No');
	expect(report.repaired).toEqual([]);
	expect(report.couldNotRepair).toEqual([]);
	expect(report.alreadyRight).toBe(Object.keys(expected).length);
	expect(await siteWrites()).toBe(writes);
	expect((await sandboxState(sandbox.url)).orders).toEqual(before.orders);
});
