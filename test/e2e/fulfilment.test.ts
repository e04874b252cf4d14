/**
 * The fulfilment template, end to end: the packed package installed as a community package in a real
 * n8n, the template imported and activated through n8n's CLI, ThriveCart deliveries POSTed (form and
 * JSON) to the production webhook URL, and the Thrive Apprentice sandbox's final state asserted.
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
const { sandboxCredentials } = require('../../scripts/lib/sandbox-setup');

jest.setTimeout(180_000);

const VARIANTS: Record<string, Variant> = {
	// As shipped: fulfil test orders, cut access at cancellation, keep access on partial refunds.
	shipped: { id: 'e2eShipped000001', webhookId: '0a7e2e00-0000-4000-8000-000000000001' },
	ignoreTest: { id: 'e2eIgnoreTest001', webhookId: '0a7e2e00-0000-4000-8000-000000000002', settings: { fulfilTestOrders: false } },
	pauseRevokes: { id: 'e2ePauseRevoke01', webhookId: '0a7e2e00-0000-4000-8000-000000000004', settings: { revokeWhenPaused: true } },
	periodEnd: {
		id: 'e2ePeriodEnd0001',
		webhookId: '0a7e2e00-0000-4000-8000-000000000003',
		settings: { keepAccessUntilPeriodEnd: true },
	},
};

let sandbox: { url: string; stop(): Promise<void> };
let n8n: N8n;
let workDir: string;

type Payload = Record<string, unknown>;
type Encoding = 'form' | 'json';

function url(variant: keyof typeof VARIANTS) {
	return n8n.webhookUrl(VARIANTS[variant].webhookId);
}

async function post(variant: keyof typeof VARIANTS, payload: Payload, encoding: Encoding) {
	return fetch(url(variant), {
		method: 'POST',
		headers: { 'content-type': encoding === 'json' ? 'application/json' : 'application/x-www-form-urlencoded' },
		body: encoding === 'json' ? JSON.stringify(payload) : delivery.encodeForm(payload),
	});
}

/** POSTs and waits until the workflow has run once more; on failure prints what n8n's execution said. */
async function deliver(variant: keyof typeof VARIANTS, payload: Payload, encoding: Encoding = 'form') {
	const workflowId = VARIANTS[variant].id;
	const before = n8n.executions(workflowId).length;
	const res = await post(variant, payload, encoding);
	expect(res.status).toBe(200);
	// ThriveCart only needs a 2xx; the body names the delivery id for anyone debugging with curl.
	expect(await res.json()).toEqual({ received: true, deliveryId: expect.stringMatching(/\S/) });
	const rows = await n8n.waitForExecutions(workflowId, before + 1);
	const latest = rows[rows.length - 1];
	if (latest.status !== 'success') throw new Error(`execution failed:\n${n8n.describeExecution(latest.id)}`);
	return latest;
}

async function waitUntil<T>(probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const value = probe();
		if (value !== undefined) return value;
		await sleep(100);
	}
	throw new Error(`condition not met in ${timeoutMs} ms:\n${n8n.logs()}`);
}

let orderSeq = 7_100_000;
const nextOrderId = () => ++orderSeq;
const PRODUCT = { type: 'product', id: 12, name: 'Foundations Program', amount: 9700 } as const;
const BUMP = { type: 'bump', id: 12, name: 'Bonus Masterclass', amount: 2700 } as const;
const UPSELL = { type: 'upsell', id: 5, name: 'Advanced Program', amount: 19700 } as const;
const DOWNSELL = { type: 'downsell', id: 6, name: 'Coaching Library', amount: 4700 } as const;
const SUBSCRIPTION = { type: 'product', id: 12, name: 'Foundations Monthly', amount: 2900, recurring: true } as const;
// Product map of the template (see templates/): product-12 → 201, product-12:78572 → 204, bump-12 → 203,
// upsell-5 → 202, downsell-6 → 205.

beforeAll(async () => {
	workDir = mkdtempSync(join(tmpdir(), 'tc-ta-e2e-'));
	sandbox = await startSandbox({ port: 0, dataDir: join(workDir, 'sandbox'), reset: true });
	const workflows = Object.values(VARIANTS).map(fulfilmentVariant);
	n8n = await N8n.start({
		userFolder: join(workDir, 'n8n'),
		credentials: sandboxCredentials({ sandboxUrl: sandbox.url }),
		workflows,
		publish: workflows.map((w) => w.id),
	});
	for (const variant of Object.keys(VARIANTS) as Array<keyof typeof VARIANTS>) {
		await n8n.waitForWebhook(url(variant));
	}
}, 600_000); // n8n's first start (migrations, package load) is slow on a busy 2-core machine

afterAll(async () => {
	await n8n?.stop();
	await sandbox?.stop();
	if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe("ThriveCart's URL check and the secret word", () => {
	it('answers HEAD with 200 and starts no execution', async () => {
		const before = n8n.executions().length;
		const res = await fetch(url('shipped'), { method: 'HEAD' });
		expect(res.status).toBe(200);
		await sleep(500);
		expect(n8n.executions()).toHaveLength(before);
	});

	it('answers the setup ping (a POST with no event) with 200 and starts no execution', async () => {
		const before = n8n.executions().length;
		const res = await fetch(url('shipped'), {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: '',
		});
		expect(res.status).toBe(200);
		await sleep(500);
		expect(n8n.executions()).toHaveLength(before);
	});

	it.each<Encoding>(['form', 'json'])('refuses a wrong secret word (%s) with 401: no execution, no change', async (encoding) => {
		const email = `forged-${encoding}@example.test`;
		const before = n8n.executions().length;
		const res = await post('shipped', delivery.orderSuccess({ email, orderId: nextOrderId(), items: [PRODUCT], secret: 'guessed' }), encoding);
		expect(res.status).toBe(401);
		expect(await res.text()).not.toContain('test-secret-word');
		await sleep(500);
		expect(n8n.executions()).toHaveLength(before);
		expect((await buyer(sandbox.url, email)).users).toHaveLength(0);
	});
});

describe('a genuine delivery that cannot be read', () => {
	it('still becomes a visible execution that names what was wrong, with the secret removed', async () => {
		const payload = delivery.orderSuccess({ email: 'x@example.test', orderId: nextOrderId(), items: [PRODUCT] });
		delete (payload.customer as Record<string, unknown>).email;
		const workflowId = VARIANTS.shipped.id;
		const before = n8n.executions(workflowId).length;
		const res = await post('shipped', payload, 'form');
		expect(res.status).toBe(200);
		const rows = await n8n.waitForExecutions(workflowId, before + 1);
		const run = rows[rows.length - 1];
		expect(run.status).toBe('error');
		const story = n8n.describeExecution(run.id);
		expect(story).toContain('customer.email is missing');
		expect(story).toContain('Report unreadable delivery');
		expect(story).not.toContain('test-secret-word');
	});
});

describe('order completed', () => {
	it('creates the account for a new buyer, grants the mapped product and sends one welcome email (form)', async () => {
		const email = 'new.buyer@example.test';
		await deliver('shipped', delivery.orderSuccess({ email, firstName: 'Nina', lastName: 'New', orderId: nextOrderId(), items: [PRODUCT] }));
		const b = await buyer(sandbox.url, email);
		expect(b.users).toHaveLength(1);
		expect(b.products).toEqual([201]);
		expect(b.welcomeEmails).toHaveLength(1);
		expect(b.orders.map((o) => o.gateway)).toEqual(['ThriveCart']);
	});

	it('adds the access to an existing account without a new-account email (JSON)', async () => {
		const email = 'member@sandbox.test'; // seeded WordPress user with no course access
		const usersBefore = (await sandboxState(sandbox.url)).users.length;
		await deliver('shipped', delivery.orderSuccess({ email: 'Member@Sandbox.test ', orderId: nextOrderId(), items: [PRODUCT] }), 'json');
		const b = await buyer(sandbox.url, email);
		expect(b.users).toHaveLength(1);
		expect((await sandboxState(sandbox.url)).users).toHaveLength(usersBefore);
		expect(b.products).toEqual([201]);
		expect(b.welcomeEmails).toHaveLength(0);
	});

	it('accepts a multipart/form-data delivery (one receiver reports ThriveCart sending it)', async () => {
		const email = 'multipart.buyer@example.test';
		const form = new FormData();
		for (const [key, value] of new URLSearchParams(delivery.encodeForm(delivery.orderSuccess({ email, orderId: nextOrderId(), items: [PRODUCT, BUMP] })))) {
			form.append(key, value);
		}
		const workflowId = VARIANTS.shipped.id;
		const before = n8n.executions(workflowId).length;
		const res = await fetch(url('shipped'), { method: 'POST', body: form });
		expect(res.status).toBe(200);
		const rows = await n8n.waitForExecutions(workflowId, before + 1);
		const run = rows[rows.length - 1];
		if (run.status !== 'success') throw new Error(n8n.describeExecution(run.id));
		expect((await buyer(sandbox.url, email)).products).toEqual([201, 203]);
	});

	it('uses the pricing option entry of the product map when there is one', async () => {
		const email = 'pricing.option@example.test';
		await deliver('shipped', delivery.orderSuccess({ email, orderId: nextOrderId(), items: [{ ...PRODUCT, paymentPlanId: 78572, paymentPlanName: 'All access (annual)' }] }));
		expect((await buyer(sandbox.url, email)).products).toEqual([204]);
	});

	it("grants the bump's own mapping next to the product", async () => {
		const email = 'bump.buyer@example.test';
		await deliver('shipped', delivery.orderSuccess({ email, orderId: nextOrderId(), items: [PRODUCT, BUMP] }), 'json');
		expect((await buyer(sandbox.url, email)).products).toEqual([201, 203]);
	});

	it('grants accepted upsells and downsells in the same delivery', async () => {
		const email = 'funnel.buyer@example.test';
		await deliver('shipped', delivery.orderSuccess({ email, orderId: nextOrderId(), items: [PRODUCT, UPSELL, DOWNSELL] }));
		expect((await buyer(sandbox.url, email)).products).toEqual([201, 202, 205]);
	});

	it('grants an upsell that arrives in a later delivery for the same order, without granting the product twice', async () => {
		const email = 'later.upsell@example.test';
		const orderId = nextOrderId();
		await deliver('shipped', delivery.orderSuccess({ email, orderId, items: [PRODUCT] }));
		await deliver('shipped', delivery.orderSuccess({ email, orderId, items: [PRODUCT, UPSELL] }), 'json');
		const b = await buyer(sandbox.url, email);
		expect(b.products).toEqual([201, 202]);
		expect(b.activeItemsByProduct).toEqual({ 201: 1, 202: 1 });
		expect(b.welcomeEmails).toHaveLength(1);
	});

	it('a delivery repeated three times makes one account, one grant and one email', async () => {
		const email = 'repeat.buyer@example.test';
		const payload = delivery.orderSuccess({ email, orderId: nextOrderId(), items: [PRODUCT, BUMP] });
		await deliver('shipped', payload);
		await deliver('shipped', payload);
		await deliver('shipped', payload, 'json');
		const b = await buyer(sandbox.url, email);
		expect(b.users).toHaveLength(1);
		expect(b.orders).toHaveLength(1);
		expect(b.activeItemsByProduct).toEqual({ 201: 1, 203: 1 });
		expect(b.welcomeEmails).toHaveLength(1);
	});
});

describe('deliveries at the same moment', () => {
	it('the same delivery three times at once, and eight buyers at once, still make one grant each', async () => {
		const workflowId = VARIANTS.shipped.id;
		const before = n8n.executions(workflowId).length;
		const repeated = delivery.orderSuccess({ email: 'burst.repeat@example.test', orderId: nextOrderId(), items: [PRODUCT, BUMP] });
		const buyers = Array.from({ length: 8 }, (_, i) =>
			delivery.orderSuccess({ email: `burst.${i}@example.test`, orderId: nextOrderId(), items: i % 2 ? [PRODUCT, UPSELL] : [PRODUCT] }),
		);
		const sent = [repeated, repeated, repeated, ...buyers];
		const answers = await Promise.all(sent.map((payload, i) => post('shipped', payload, i % 3 === 0 ? 'json' : 'form')));
		expect(answers.map((r) => r.status)).toEqual(sent.map(() => 200));
		const rows = await n8n.waitForExecutions(workflowId, before + sent.length);
		for (const row of rows.slice(before)) if (row.status !== 'success') throw new Error(n8n.describeExecution(row.id));
		const once = await buyer(sandbox.url, 'burst.repeat@example.test');
		expect(once.users).toHaveLength(1);
		expect(once.activeItemsByProduct).toEqual({ 201: 1, 203: 1 });
		expect(once.welcomeEmails).toHaveLength(1);
		for (let i = 0; i < buyers.length; i++) {
			expect((await buyer(sandbox.url, `burst.${i}@example.test`)).activeItemsByProduct).toEqual(i % 2 ? { 201: 1, 202: 1 } : { 201: 1 });
		}
	});
});

describe('refunds', () => {
	async function buy(email: string) {
		const orderId = nextOrderId();
		await deliver('shipped', delivery.orderSuccess({ email, orderId, items: [PRODUCT, BUMP] }));
		expect((await buyer(sandbox.url, email)).products).toEqual([201, 203]);
		return orderId;
	}

	it("refunding the product takes away only the product's access", async () => {
		const email = 'refund.product@example.test';
		const orderId = await buy(email);
		await deliver('shipped', delivery.refund({ email, orderId, item: PRODUCT, allItems: [PRODUCT, BUMP] }));
		expect((await buyer(sandbox.url, email)).products).toEqual([203]);
	});

	it('refunding only the bump keeps the main product', async () => {
		const email = 'refund.bump@example.test';
		const orderId = await buy(email);
		await deliver('shipped', delivery.refund({ email, orderId, item: BUMP, allItems: [PRODUCT, BUMP] }), 'json');
		expect((await buyer(sandbox.url, email)).products).toEqual([201]);
	});

	it('a partial refund keeps the access (the shipped default)', async () => {
		const email = 'refund.partial@example.test';
		const orderId = await buy(email);
		await deliver('shipped', delivery.refund({ email, orderId, item: PRODUCT, allItems: [PRODUCT, BUMP], refundAmount: 2000 }));
		expect((await buyer(sandbox.url, email)).products).toEqual([201, 203]);
	});
});

describe('subscription cancelled', () => {
	it('revokes the subscription at once by default', async () => {
		const email = 'cancel.now@example.test';
		const orderId = nextOrderId();
		await deliver('shipped', delivery.orderSuccess({ email, orderId, items: [SUBSCRIPTION] }));
		expect((await buyer(sandbox.url, email)).products).toEqual([201]);
		await deliver('shipped', delivery.subscriptionEvent('order.subscription_cancelled', { email, orderId, item: SUBSCRIPTION }));
		expect((await buyer(sandbox.url, email)).products).toEqual([]);
	});

	it('keeps access until billing_period_end when the seller chose so, then revokes', async () => {
		const email = 'cancel.later@example.test';
		const orderId = nextOrderId();
		const workflowId = VARIANTS.periodEnd.id;
		await deliver('periodEnd', delivery.orderSuccess({ email, orderId, items: [SUBSCRIPTION] }));
		const before = n8n.executions(workflowId).length;
		// ThriveCart sends billing_period_end in whole seconds.
		const end = new Date(Math.ceil((Date.now() + 6_000) / 1000) * 1000);
		const res = await post('periodEnd', delivery.subscriptionEvent('order.subscription_cancelled', { email, orderId, item: SUBSCRIPTION, billingPeriodEnd: end }), 'form');
		expect(res.status).toBe(200);
		// n8n holds a short wait in memory (status running) and a long one in its database (waiting).
		const pending = await waitUntil(() => n8n.executions(workflowId).slice(before).find((r) => ['new', 'running', 'waiting'].includes(r.status)));
		expect((await buyer(sandbox.url, email)).products).toEqual([201]);
		const done = await n8n.waitForExecutions(workflowId, before + 1, { timeoutMs: 90_000 });
		const last = done.find((r) => r.id === pending.id)!;
		if (last.status !== 'success') throw new Error(n8n.describeExecution(last.id));
		expect(new Date(`${last.stoppedAt}Z`).getTime()).toBeGreaterThanOrEqual(end.getTime());
		expect(n8n.describeExecution(last.id)).toContain('Wait until billing period end');
		expect((await buyer(sandbox.url, email)).products).toEqual([]);
	});
});

describe('failed rebills and test-mode orders', () => {
	it('keeps access after a failed rebill (nothing is revoked unless the seller enables it)', async () => {
		const email = 'rebill.failed@example.test';
		const orderId = nextOrderId();
		await deliver('shipped', delivery.orderSuccess({ email, orderId, items: [SUBSCRIPTION] }));
		await deliver('shipped', delivery.subscriptionEvent('order.rebill_failed', { email, orderId, item: SUBSCRIPTION }));
		expect((await buyer(sandbox.url, email)).products).toEqual([201]);
	});

	it('with revoke-while-paused on: pause, resume, pause and resume again each take or restore access', async () => {
		const email = 'pause.cycle@example.test';
		const orderId = nextOrderId();
		await deliver('pauseRevokes', delivery.orderSuccess({ email, orderId, items: [SUBSCRIPTION] }));
		for (let cycle = 0; cycle < 2; cycle++) {
			await deliver('pauseRevokes', delivery.subscriptionEvent('order.subscription_paused', { email, orderId, item: SUBSCRIPTION, at: new Date(Date.now() + cycle * 60_000) }));
			expect((await buyer(sandbox.url, email)).products).toEqual([]);
			await deliver('pauseRevokes', delivery.subscriptionEvent('order.subscription_resumed', { email, orderId, item: SUBSCRIPTION, at: new Date(Date.now() + cycle * 60_000) }));
			expect((await buyer(sandbox.url, email)).products).toEqual([201]);
		}
	});

	it('fulfils test-mode orders when the switch says so (shipped default)', async () => {
		const email = 'test.mode.fulfilled@example.test';
		await deliver('shipped', delivery.orderSuccess({ email, orderId: nextOrderId(), items: [PRODUCT], mode: 'test' }));
		expect((await buyer(sandbox.url, email)).products).toEqual([201]);
	});

	it('ignores test-mode orders when the switch says so, visibly', async () => {
		const email = 'test.mode.ignored@example.test';
		const run = await deliver('ignoreTest', delivery.orderSuccess({ email, orderId: nextOrderId(), items: [PRODUCT], mode: 'test' }));
		expect((await buyer(sandbox.url, email)).users).toHaveLength(0);
		expect(n8n.describeExecution(run.id)).toContain('Ignore test order');
		// a live order still goes through the same workflow
		const live = 'live.after.test@example.test';
		await deliver('ignoreTest', delivery.orderSuccess({ email: live, orderId: nextOrderId(), items: [PRODUCT] }));
		expect((await buyer(sandbox.url, live)).products).toEqual([201]);
	});
});
