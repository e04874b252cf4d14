/**
 * 2. Purchase to access, and 5. memory: a launch through the shipped fulfilment template (API-key
 * transport, as shipped). For each concurrency (1 and 8), 500 timed order.success deliveries — new and
 * existing buyers, bumps, upsells, downsells, pricing options, form and JSON — plus exact repeats; each
 * timed from the POST to the moment the sandbox's state shows the buyer's access. At the end every
 * buyer's grants are audited against the sandbox; n8n's resident memory is read before and after.
 */
import { pick } from './lib/settings';
import { performance } from 'node:perf_hooks';
import { AccessWatch, type WatchStats } from './lib/accessWatch';
import { executionMs, failedExecutions, settled } from './lib/executions';
import { checkGrants, describeCheck, summariseCheck, type GrantCheck } from './lib/grantCheck';
import { keepAliveAgent, pool, post } from './lib/http';
import { benchLab, BENCH_WORKFLOWS, type Lab } from './lib/lab';
import { machine, type Machine } from './lib/machine';
import { n8nMemory, type N8nMemory } from './lib/memory';
import { existingBuyersNeeded, firstOrders, launch, Ledger, type PlannedOrder } from './lib/orders';
import { clearRequests, requests, tally } from './lib/sandboxRequests';
import { summarise, type Summary } from './lib/stats';

const WORKFLOW = BENCH_WORKFLOWS.launch;
export const FULFILMENT_SETTINGS = { concurrency: [1, 8], ordersPerLevel: pick(100, 500), visibleWithinMs: 20_000, transport: 'apiKey' } as const;
/** Give up after this many deliveries never showed access: something is broken, not slow. */
const MAX_LOST = 10;

interface Delivered {
	order: PlannedOrder;
	ackMs: number;
	accessMs?: number;
	lost?: boolean;
}

export interface LevelResult {
	concurrency: number;
	deliveries: number;
	timedOrders: number;
	repeats: number;
	seconds: number;
	ordersPerSecond: number;
	accessMs: Summary;
	accessMsByBuyer: { new: Summary; existing: Summary };
	/** n8n's answer to the POST (ThriveCart's view). */
	ackMs: Summary;
	/** Each execution's run time inside n8n (startedAt → stoppedAt, whole ms). */
	executionMs: Summary;
	calls: { total: number; perDelivery: number; byAuth: Record<string, number>; byRoute: Record<string, number> };
	memoryAfter: N8nMemory;
	/** Deliveries whose access never showed within the limit (each is also a problem). */
	lost: string[];
	/** [buyer, shape, encoding, ackMs, accessMs] per timed order. */
	samples: Array<[string, string, string, number, number]>;
}

export interface FulfilmentResult {
	kind: 'fulfilment';
	at: string;
	machine: Machine;
	settings: typeof FULFILMENT_SETTINGS;
	setup: { firstOrders: number; seconds: number };
	levels: LevelResult[];
	memory: { before: N8nMemory; afterSetup: N8nMemory; after: N8nMemory; growthMiB: number };
	grants: GrantCheck;
	watch: WatchStats;
	/** Correctness problems: failed executions, lost deliveries, a sandbox that does not match the orders. */
	problems: string[];
}

function withTimeout(promise: Promise<number>, ms: number): Promise<number | undefined> {
	let timer: NodeJS.Timeout;
	return Promise.race([
		promise.finally(() => clearTimeout(timer)),
		new Promise<undefined>((resolve) => {
			timer = setTimeout(() => resolve(undefined), ms);
		}),
	]);
}

async function deliverAll(lab: Lab, watch: AccessWatch, orders: PlannedOrder[], concurrency: number): Promise<{ delivered: Delivered[]; seconds: number }> {
	const agent = keepAliveAgent(concurrency);
	const url = lab.url(WORKFLOW.webhookId);
	const lost: string[] = [];
	const started = performance.now();
	const delivered = await pool(orders.length, concurrency, async (index): Promise<Delivered> => {
		const order = orders[index];
		if (lost.length >= MAX_LOST) throw new Error(`gave up after ${lost.length} deliveries never showed access: ${lost.join(', ')}`);
		// Watched before the POST, so an access that shows before n8n answers is not missed.
		const visible = order.repeatOf ? undefined : watch.visible(order.key, order.email, order.expect);
		const postedAt = performance.timeOrigin + performance.now();
		const response = await post(agent, url, order.body, order.contentType);
		if (response.status !== 200) throw new Error(`delivery ${order.key}: n8n answered ${response.status} ${response.body.slice(0, 300)}`);
		if (!visible) return { order, ackMs: response.ms };
		const seenAt = await withTimeout(visible, FULFILMENT_SETTINGS.visibleWithinMs);
		if (seenAt === undefined) {
			lost.push(`${order.key} (${order.email}: ${order.expect.join(', ')})`);
			return { order, ackMs: response.ms, lost: true };
		}
		return { order, ackMs: response.ms, accessMs: seenAt - postedAt };
	});
	const seconds = (performance.now() - started) / 1000;
	agent.destroy();
	return { delivered, seconds };
}

export async function runFulfilment(): Promise<FulfilmentResult> {
	const lab = await benchLab();
	const watch = new AccessWatch(lab.sandbox.dataDir);
	try {
		const ledger = new Ledger();
		const problems: string[] = [];
		const lostProblem = (what: string, delivered: Delivered[]) => {
			const lost = delivered.filter((d) => d.lost).map((d) => `${d.order.key} (${d.order.email}: ${d.order.expect.join(', ')})`);
			if (lost.length > 0) problems.push(`${what}: ${lost.length} deliveries never showed access within ${FULFILMENT_SETTINGS.visibleWithinMs / 1000} s: ${lost.slice(0, 5).join(', ')}`);
			return lost;
		};
		const before = n8nMemory(lab.n8nPid);
		let executions = lab.n8n.executions(WORKFLOW.id).length;

		// Buyers who already have an account (and product 201) when the launch starts.
		const perLevel = existingBuyersNeeded(FULFILMENT_SETTINGS.ordersPerLevel);
		const setup = firstOrders('member', perLevel * FULFILMENT_SETTINGS.concurrency.length, ledger);
		const setupRun = await deliverAll(lab, watch, setup.orders, 8);
		executions += setup.orders.length;
		lostProblem('first orders', setupRun.delivered);
		const setupFailed = failedExecutions(lab.n8n, await settled(lab.n8n, WORKFLOW.id, executions), 'the fulfilment template (first orders)');
		if (setupFailed) problems.push(setupFailed);
		const afterSetup = n8nMemory(lab.n8nPid);
		process.stdout.write(`  purchase to access: ${setup.orders.length} existing buyers set up in ${setupRun.seconds.toFixed(1)} s\n`);

		const levels: LevelResult[] = [];
		for (const [index, concurrency] of FULFILMENT_SETTINGS.concurrency.entries()) {
			const existing = setup.buyers.slice(index * perLevel, (index + 1) * perLevel);
			const orders = launch(`c${concurrency}`, FULFILMENT_SETTINGS.ordersPerLevel, existing, ledger);
			await clearRequests(lab.sandbox.url);
			const firstExecution = executions;
			const { delivered, seconds } = await deliverAll(lab, watch, orders, concurrency);
			executions += orders.length;
			const lost = lostProblem(`launch at concurrency ${concurrency}`, delivered);
			const rows = (await settled(lab.n8n, WORKFLOW.id, executions)).slice(firstExecution);
			const failed = failedExecutions(lab.n8n, rows, `the fulfilment template (launch at concurrency ${concurrency})`);
			if (failed) problems.push(failed);
			const log = await requests(lab.sandbox.url);
			const { byAuth, byRoute } = tally(log);
			const timed = delivered.filter((d) => d.accessMs !== undefined);
			const access = (buyer?: string) => summarise(timed.filter((d) => !buyer || d.order.buyer === buyer).map((d) => d.accessMs as number));
			levels.push({
				concurrency,
				deliveries: orders.length,
				timedOrders: timed.length,
				repeats: orders.filter((o) => o.repeatOf).length,
				seconds: Number(seconds.toFixed(2)),
				ordersPerSecond: Number((orders.length / seconds).toFixed(2)),
				accessMs: access(),
				accessMsByBuyer: { new: access('new'), existing: access('existing') },
				ackMs: summarise(delivered.map((d) => d.ackMs)),
				executionMs: summarise(rows.map(executionMs).filter((ms): ms is number => ms !== undefined)),
				calls: { total: log.length, perDelivery: Number((log.length / orders.length).toFixed(3)), byAuth, byRoute },
				memoryAfter: n8nMemory(lab.n8nPid),
				lost,
				samples: timed.map((d) => [d.order.buyer, d.order.shape, d.order.encoding, Number(d.ackMs.toFixed(2)), Number((d.accessMs as number).toFixed(2))]),
			});
			process.stdout.write(`  purchase to access, concurrency ${concurrency}: ${orders.length} deliveries in ${seconds.toFixed(1)} s\n`);
		}

		const grants = await checkGrants(lab.sandbox.url, ledger);
		if (!grants.ok) problems.push(`the sandbox does not match the orders (${summariseCheck(grants)}):\n${describeCheck(grants)}`);
		const after = levels[levels.length - 1].memoryAfter;
		return {
			kind: 'fulfilment',
			at: new Date().toISOString(),
			machine: machine(),
			settings: FULFILMENT_SETTINGS,
			setup: { firstOrders: setup.orders.length, seconds: Number(setupRun.seconds.toFixed(2)) },
			levels,
			memory: { before, afterSetup, after, growthMiB: Number((after.totalRssMiB - before.totalRssMiB).toFixed(1)) },
			grants,
			watch: await watch.stop(),
			problems,
		};
	} finally {
		await watch.stop().catch(() => undefined);
	}
}
