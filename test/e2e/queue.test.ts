/**
 * Queue mode, end to end: Postgres and Redis (Debian, started by the project), n8n main, a webhook
 * process and workers, the packed package installed in every process's user folder. One set-up for the
 * whole file. The exact-once burst runs with 2 workers under n8n's defaults, then again after a restart
 * with 4 workers and lazy acquire on (the faster intake, the harder race); the period-end revoke is
 * parked in Postgres across that restart's block and resumed on a worker.
 */
import { QueueN8n } from '../support/queue';
import { auditBurst, planBurst, postPhase, send, type Burst } from '../support/burst';
import { buyer, sandboxState } from '../support/sandboxState';
import { sleep } from '../support/n8n';
import { fulfilmentVariant, type Variant } from '../support/templates';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../sandbox');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const delivery = require('../../scripts/lib/thrivecart-delivery');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { sandboxCredentials } = require('../../scripts/lib/sandbox-setup');

jest.setTimeout(600_000);

const WORKERS = Number(process.env.QUEUE_E2E_WORKERS ?? 2);
const MORE_WORKERS = Number(process.env.QUEUE_E2E_MORE_WORKERS ?? 4);
const BUYERS = 20;
const COPIES = 3;

const VARIANTS: Record<'burst' | 'periodEnd', Variant> = {
	burst: { id: 'e2eQueueBurst001', webhookId: '0a7e2e00-0000-4000-8000-0000000000b1', queueMode: true, settings: { revokeWhenPaused: true } },
	periodEnd: { id: 'e2eQueuePeriod01', webhookId: '0a7e2e00-0000-4000-8000-0000000000b2', queueMode: true, settings: { keepAccessUntilPeriodEnd: true } },
};
const SUBSCRIPTION = { type: 'product', id: 12, name: 'Foundations Monthly', amount: 2900, recurring: true } as const;
/** n8n parks a Wait longer than 65 s in its database (shorter ones sleep inside the worker's run). */
const PARKED_WAIT_MS = 75_000;

let sandbox: { url: string; stop(): Promise<void> };
let n8n: QueueN8n;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, reset: true });
	const workflows = Object.values(VARIANTS).map(fulfilmentVariant);
	n8n = await QueueN8n.start({
		workers: WORKERS,
		credentials: sandboxCredentials({ sandboxUrl: sandbox.url }),
		workflows,
		publish: workflows.map((w) => w.id),
		durable: false,
	});
	for (const variant of Object.values(VARIANTS)) await n8n.waitForWebhook(n8n.webhookUrl(variant.webhookId));
}, 900_000);

afterAll(async () => {
	await n8n?.stop();
	await sandbox?.stop();
});

/** Runs every phase of a burst, checking after each that nothing failed and every buyer holds exactly what the rules give. */
async function runBurst(burst: Burst): Promise<void> {
	const url = n8n.webhookUrl(VARIANTS.burst.webhookId);
	for (const phase of burst.phases) {
		if (phase.deliveries.length === 0) continue;
		const before = (await n8n.executions(VARIANTS.burst.id)).length;
		const { statuses } = await postPhase(url, phase, COPIES);
		expect(statuses).toEqual(statuses.map(() => 200));
		const rows = (await n8n.waitForExecutions(VARIANTS.burst.id, before + statuses.length)).slice(before);
		const failed = rows.filter((r) => r.status !== 'success');
		const stories = await Promise.all(failed.slice(0, 3).map((r) => n8n.describeExecution(r.id)));
		expect({ phase: phase.name, failed: failed.length, stories }).toEqual({ phase: phase.name, failed: 0, stories: [] });
		const audit = auditBurst(await sandboxState(sandbox.url), burst, phase);
		expect({ phase: phase.name, problems: audit.problems }).toEqual({ phase: phase.name, problems: [] });
	}
	expect(n8n.alerts).toEqual([]);
}

describe('the start-up check', () => {
	it('refuses to start when a worker lacks the package, naming it, before any n8n process runs', async () => {
		const say: string[] = [];
		const started = QueueN8n.start({ workers: 2, withoutPackage: ['worker-2'], durable: false, say: (line) => say.push(line) });
		await expect(started).rejects.toThrow(/REFUSING TO START[\s\S]*worker-2: n8n-nodes-thrivecart-apprentice is not installed[\s\S]*Unrecognized node type/);
		expect(say.some((line) => /Starting n8n|Importing/.test(line))).toBe(false);
	});
});

describe('queue mode: main, a webhook process, Postgres and Redis', () => {
	describe(`${WORKERS} workers, n8n's defaults`, () => {
		it(`the exact-once burst: ${BUYERS} buyers, every delivery POSTed ${COPIES} times at once, refunds and pause → resume → cancel`, async () => {
			await runBurst(planBurst('queue-default', BUYERS));
		});
	});

	// The parked cancellation lives inside this block: no restart while it waits (see README "Running at scale").
	describe(`${MORE_WORKERS} workers, N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true (faster intake, a harder race)`, () => {
		const parked = { email: 'queue.period.end@example.test', orderId: 9_390_001, end: new Date(0), executionId: 0 };

		beforeAll(async () => {
			await n8n.restart({ workers: MORE_WORKERS, env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' } });
			for (const variant of Object.values(VARIANTS)) await n8n.waitForWebhook(n8n.webhookUrl(variant.webhookId));
		}, 600_000);

		it('parks a cancellation until billing_period_end in Postgres, with the access kept meanwhile', async () => {
			const url = n8n.webhookUrl(VARIANTS.periodEnd.webhookId);
			const workflowId = VARIANTS.periodEnd.id;
			const bought = await send(url, delivery.orderSuccess({ email: parked.email, orderId: parked.orderId, items: [SUBSCRIPTION] }), 'form');
			expect(bought.status).toBe(200);
			const [purchase] = await n8n.waitForExecutions(workflowId, 1);
			if (purchase.status !== 'success') throw new Error(await n8n.describeExecution(purchase.id));
			// ThriveCart sends billing_period_end in whole seconds.
			parked.end = new Date(Math.ceil((Date.now() + PARKED_WAIT_MS) / 1000) * 1000);
			const cancelled = await send(
				url,
				delivery.subscriptionEvent('order.subscription_cancelled', { email: parked.email, orderId: parked.orderId, item: SUBSCRIPTION, billingPeriodEnd: parked.end }),
				'form',
			);
			expect(cancelled.status).toBe(200);
			const rows = await n8n.waitForExecutions(workflowId, 2, { allowWaiting: true });
			const waiting = rows[1];
			expect(waiting.status).toBe('waiting');
			expect(new Date(waiting.waitTill ?? 0).getTime()).toBe(parked.end.getTime());
			parked.executionId = waiting.id;
			expect((await buyer(sandbox.url, parked.email)).products).toEqual([201]);
		});

		it('the same burst, spread over more workers than before', async () => {
			const before = (await n8n.executions(VARIANTS.burst.id)).length;
			await runBurst(planBurst('queue-lazy', BUYERS));
			const rows = (await n8n.executions(VARIANTS.burst.id)).slice(before);
			const workers = new Set(rows.flatMap((row) => n8n.workerRuns(row.id)));
			expect(workers.size).toBeGreaterThan(WORKERS);
		});

		it('resumes the parked cancellation on a worker at billing_period_end and revokes the access', async () => {
			expect(parked.executionId).toBeGreaterThan(0);
			const deadline = parked.end.getTime() + 90_000;
			let row = (await n8n.executions(VARIANTS.periodEnd.id)).find((r) => r.id === parked.executionId);
			while (row && ['waiting', 'new', 'running'].includes(row.status) && Date.now() < deadline) {
				await sleep(500);
				row = (await n8n.executions(VARIANTS.periodEnd.id)).find((r) => r.id === parked.executionId);
			}
			if (row?.status !== 'success') throw new Error(`parked execution: ${JSON.stringify(row)}\n${await n8n.describeExecution(parked.executionId)}\n${n8n.logs()}`);
			expect(new Date(row.stoppedAt ?? 0).getTime()).toBeGreaterThanOrEqual(parked.end.getTime());
			expect(await n8n.describeExecution(row.id)).toContain('Revoke refunded or cancelled item');
			// Started on a worker, parked, and started again on a worker when the time came.
			expect(n8n.workerRuns(row.id).length).toBeGreaterThanOrEqual(2);
			expect((await buyer(sandbox.url, parked.email)).products).toEqual([]);
		});
	});
});
