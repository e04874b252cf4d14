/**
 * The shipped fulfilment template in a real n8n against a sandbox that behaves like a real Thrive
 * Apprentice site (refundOrder's first-order rule, orders stored by ThriveCart's built-in integration,
 * redirects, PHP notices), in both credential set-ups: API key + application password (recommended) and
 * API key alone. The rule: never a green execution that claims a change Thrive Apprentice did not make.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { N8n, sleep } from '../support/n8n';
import { buyer, sandboxState } from '../support/sandboxState';
import { fulfilmentVariant, type Variant } from '../support/templates';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../sandbox');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const delivery = require('../../scripts/lib/thrivecart-delivery');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { sandboxCredentials, THRIVE_APPRENTICE_CREDENTIAL } = require('../../scripts/lib/sandbox-setup');

jest.setTimeout(180_000);

const KEY_ONLY_CREDENTIAL = { id: 'taSandboxKeyOnly1', name: 'Thrive Apprentice site (API key only)' };
const PAUSES_REVOKE = { revokeWhenPaused: true };

type SetUp = 'both' | 'keyOnly';
const VARIANTS: Record<string, Variant & { setUp: SetUp }> = {
	both: { setUp: 'both', id: 'e2eRealBoth00001', webhookId: '0a7e2e00-0000-4000-8000-0000000000b1', settings: PAUSES_REVOKE },
	keyOnly: { setUp: 'keyOnly', id: 'e2eRealKey000001', webhookId: '0a7e2e00-0000-4000-8000-0000000000c1', settings: PAUSES_REVOKE, thriveApprenticeCredential: KEY_ONLY_CREDENTIAL },
	// The same workflow imported a second time (a re-import, a duplicate): no memory of the first one's work.
	bothCopy: { setUp: 'both', id: 'e2eRealBoth00002', webhookId: '0a7e2e00-0000-4000-8000-0000000000b2', settings: PAUSES_REVOKE },
	keyOnlyCopy: { setUp: 'keyOnly', id: 'e2eRealKey000002', webhookId: '0a7e2e00-0000-4000-8000-0000000000c2', settings: PAUSES_REVOKE, thriveApprenticeCredential: KEY_ONLY_CREDENTIAL },
};
type Name = keyof typeof VARIANTS;

let sandbox: { url: string; stop(): Promise<void> };
let n8n: N8n;
let workDir: string;

const url = (variant: Name) => n8n.webhookUrl(VARIANTS[variant].webhookId);

async function control(path: string, body: unknown): Promise<void> {
	const res = await fetch(`${sandbox.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	if (!res.ok) throw new Error(`sandbox ${path}: ${res.status} ${await res.text()}`);
}

/** POSTs a delivery and returns the execution it started, whatever its status. */
async function post(variant: Name, payload: Record<string, unknown>) {
	const workflowId = VARIANTS[variant].id;
	const before = n8n.executions(workflowId).length;
	const res = await fetch(url(variant), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: delivery.encodeForm(payload) });
	expect(res.status).toBe(200);
	const rows = await n8n.waitForExecutions(workflowId, before + 1);
	return rows[rows.length - 1];
}

async function succeeds(variant: Name, payload: Record<string, unknown>) {
	const run = await post(variant, payload);
	if (run.status !== 'success') throw new Error(`execution failed:\n${n8n.describeExecution(run.id)}`);
	return run;
}

async function fails(variant: Name, payload: Record<string, unknown>): Promise<string> {
	const run = await post(variant, payload);
	const described = n8n.describeExecution(run.id);
	if (run.status === 'success') throw new Error(`expected a failed execution:\n${described}`);
	return described;
}

let orderSeq = 7_300_000;
const nextOrderId = () => ++orderSeq;
const PRODUCT = { type: 'product', id: 12, name: 'Foundations Program', amount: 9700 } as const;
const UPSELL = { type: 'upsell', id: 5, name: 'Advanced Program', amount: 19700 } as const;
const SUBSCRIPTION = { type: 'product', id: 12, name: 'Foundations Monthly', amount: 2900, recurring: true } as const;
const ordersFor = async (orderId: number) => (await sandboxState(sandbox.url)).orders.filter((order) => order.gatewayOrderId === String(orderId));

beforeAll(async () => {
	workDir = mkdtempSync(join(tmpdir(), 'tc-ta-e2e-real-'));
	sandbox = await startSandbox({ port: 0, dataDir: join(workDir, 'sandbox'), reset: true });
	const credentials = sandboxCredentials({ sandboxUrl: sandbox.url });
	const both = credentials.find((c: { id: string }) => c.id === THRIVE_APPRENTICE_CREDENTIAL.id);
	credentials.push({ ...KEY_ONLY_CREDENTIAL, type: 'thriveApprenticeApi', data: { siteUrl: sandbox.url, apiKey: both.data.apiKey } });
	const workflows = Object.values(VARIANTS).map(fulfilmentVariant);
	n8n = await N8n.start({ userFolder: join(workDir, 'n8n'), credentials, workflows, publish: workflows.map((w) => w.id) });
	for (const variant of Object.keys(VARIANTS) as Name[]) await n8n.waitForWebhook(url(variant));
}, 600_000); // n8n's first start (migrations, package load) is slow on a busy 2-core machine

afterAll(async () => {
	await n8n?.stop();
	await sandbox?.stop();
	if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('pause → resume → cancel', () => {
	it('API key + application password: the buyer ends without the course, every execution green', async () => {
		const email = 'cycle.both@example.test';
		const orderId = nextOrderId();
		await succeeds('both', delivery.orderSuccess({ email, orderId, items: [SUBSCRIPTION] }));
		await succeeds('both', delivery.subscriptionEvent('order.subscription_paused', { email, orderId, item: SUBSCRIPTION }));
		expect((await buyer(sandbox.url, email)).products).toEqual([]);
		await succeeds('both', delivery.subscriptionEvent('order.subscription_resumed', { email, orderId, item: SUBSCRIPTION }));
		expect((await buyer(sandbox.url, email)).products).toEqual([201]);
		await succeeds('both', delivery.subscriptionEvent('order.subscription_cancelled', { email, orderId, item: SUBSCRIPTION }));
		expect((await buyer(sandbox.url, email)).products).toEqual([]);
	});

	it('API key alone: the cancellation fails and says to add the application password — never green with the course kept', async () => {
		const email = 'cycle.key@example.test';
		const orderId = nextOrderId();
		await succeeds('keyOnly', delivery.orderSuccess({ email, orderId, items: [SUBSCRIPTION] }));
		await succeeds('keyOnly', delivery.subscriptionEvent('order.subscription_paused', { email, orderId, item: SUBSCRIPTION }));
		await succeeds('keyOnly', delivery.subscriptionEvent('order.subscription_resumed', { email, orderId, item: SUBSCRIPTION }));
		expect((await buyer(sandbox.url, email)).products).toEqual([201]);
		const error = await fails('keyOnly', delivery.subscriptionEvent('order.subscription_cancelled', { email, orderId, item: SUBSCRIPTION }));
		expect(error).toMatch(/the API key cannot revoke it/);
		expect(error).toMatch(/application password/);
	});
});

describe('an upsell that arrived in a later delivery, then refunded', () => {
	it.each<[Name, boolean]>([
		['both', true],
		['keyOnly', false],
	])('%s: revoked and read back, or a failure naming what to add', async (variant, revokes) => {
		const email = `later.upsell.${variant}@example.test`;
		const orderId = nextOrderId();
		await succeeds(variant, delivery.orderSuccess({ email, orderId, items: [PRODUCT] }));
		await succeeds(variant, delivery.orderSuccess({ email, orderId, items: [PRODUCT, UPSELL] }));
		expect((await buyer(sandbox.url, email)).products).toEqual([201, 202]);
		const refund = delivery.refund({ email, orderId, item: UPSELL });
		if (revokes) {
			await succeeds(variant, refund);
			expect((await buyer(sandbox.url, email)).products).toEqual([201]);
		} else {
			expect(await fails(variant, refund)).toMatch(/not in the first Thrive Apprentice order[\s\S]*application password/);
		}
	});
});

describe("a seller coming from ThriveCart's built-in integration", () => {
	it.each<Name>(['both', 'keyOnly'])('%s: the rebill stores no second order, the cancellation really revokes', async (variant) => {
		const email = `migrated.${variant}@example.test`;
		const orderId = nextOrderId();
		await control('/__sandbox/orders', { email, gatewayOrderId: String(orderId), productIds: [201] });
		await succeeds(variant, delivery.subscriptionEvent('order.subscription_payment', { email, orderId, item: SUBSCRIPTION }));
		expect(await ordersFor(orderId)).toHaveLength(1);
		await succeeds(variant, delivery.subscriptionEvent('order.subscription_cancelled', { email, orderId, item: SUBSCRIPTION }));
		expect((await buyer(sandbox.url, email)).products).toEqual([]);
	});
});

describe('the workflow imported again, then a repeated delivery', () => {
	it('API key + application password: Thrive Apprentice\'s state stops the second order', async () => {
		const email = 'reimport.both@example.test';
		const order = delivery.orderSuccess({ email, orderId: nextOrderId(), items: [PRODUCT] });
		await succeeds('both', order);
		await succeeds('bothCopy', order);
		const footprint = await buyer(sandbox.url, email);
		expect(footprint.orders).toHaveLength(1);
		expect(footprint.welcomeEmails).toHaveLength(1);
	});

	it('API key alone: the copy stops rather than store a duplicate order', async () => {
		const email = 'reimport.key@example.test';
		const order = delivery.orderSuccess({ email, orderId: nextOrderId(), items: [PRODUCT] });
		await succeeds('keyOnly', order);
		expect(await fails('keyOnlyCopy', order)).toMatch(/never recorded granting it/);
		expect((await buyer(sandbox.url, email)).orders).toHaveLength(1);
	});
});

describe('real-site quirks', () => {
	afterEach(async () => {
		await control('/__sandbox/settings', { redirectTo: null, phpNotices: false });
	});

	it('a site printing PHP notices before its JSON: fulfilled once, in both set-ups', async () => {
		await control('/__sandbox/settings', { phpNotices: true });
		for (const variant of ['both', 'keyOnly'] as const) {
			const email = `notices.${variant}@example.test`;
			await succeeds(variant, delivery.orderSuccess({ email, orderId: nextOrderId(), items: [PRODUCT] }));
			const footprint = await buyer(sandbox.url, email);
			expect(footprint.products).toEqual([201]);
			expect(footprint.orders).toHaveLength(1);
		}
	});

	it('a site behind a redirect: nothing is followed, the error names the address to use', async () => {
		const target = sandbox.url.replace('127.0.0.1', 'localhost');
		await control('/__sandbox/settings', { redirectTo: target });
		const email = 'redirected@example.test';
		const error = await fails('both', delivery.orderSuccess({ email, orderId: nextOrderId(), items: [PRODUCT] }));
		expect(error).toContain(target);
		await control('/__sandbox/settings', { redirectTo: null });
		await sleep(100);
		expect((await buyer(sandbox.url, email)).users).toHaveLength(0);
	});
});

describe('every course in draft (last: it changes the catalogue)', () => {
	const credentialTest = async (id: string) => {
		const credentials = sandboxCredentials({ sandboxUrl: sandbox.url });
		const both = credentials.find((c: { id: string }) => c.id === THRIVE_APPRENTICE_CREDENTIAL.id);
		const data = id === KEY_ONLY_CREDENTIAL.id ? { siteUrl: sandbox.url, apiKey: both.data.apiKey } : both.data;
		const res = await n8n.rest('POST', '/credentials/test', { credentials: { id, name: 'test', type: 'thriveApprenticeApi', data } });
		expect(res.status).toBe(200);
		return (res.json as { data: { status: string; message: string } }).data;
	};

	it("the credential test never claims a published course it could not see, in the seller's words", async () => {
		const credentials = sandboxCredentials({ sandboxUrl: sandbox.url });
		const both = credentials.find((c: { id: string }) => c.id === THRIVE_APPRENTICE_CREDENTIAL.id);
		const auth = `Basic ${Buffer.from(`${both.data.username}:${both.data.applicationPassword}`).toString('base64')}`;
		for (const courseId of [101, 102, 103]) {
			const res = await fetch(`${sandbox.url}/wp-json/tva/v2/courses/${courseId}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: auth },
				body: JSON.stringify({ status: 'draft' }),
			});
			expect(res.status).toBe(200);
		}
		const keyOnly = await credentialTest(KEY_ONLY_CREDENTIAL.id);
		expect(keyOnly.status).toBe('OK');
		expect(keyOnly.message).toMatch(/cannot tell published courses from drafts/);
		expect(keyOnly.message).not.toMatch(/\d+ published course/);

		const withPassword = await credentialTest(THRIVE_APPRENTICE_CREDENTIAL.id);
		expect(withPassword.status).toBe('Error');
		expect(withPassword.message).toMatch(/no published course/);
	});
});
