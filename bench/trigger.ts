/**
 * 1. Trigger overhead: the ThriveCart Trigger against n8n's own Webhook node in the same n8n, the same
 * form-encoded order.success body, the same client, at concurrency 1 and 8, in interleaved rounds
 * (A B, B A, …) after a discarded warm-up. Between batches every execution is left to finish, so each
 * batch starts from an idle n8n. Measured with n8n's defaults and with n8n creating expression isolates
 * only on demand (N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true), each with its own target. n8n counts the
 * isolates it creates (lib/isolateCounter.js), so every batch also gives isolates per request.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { executionMs, failedExecutions, settled } from './lib/executions';
import { keepAliveAgent, pool, post } from './lib/http';
import { benchLab, BENCH_WORKFLOWS, type Lab } from './lib/lab';
import { machine, type Machine } from './lib/machine';
import { pick } from './lib/settings';
import { median, ratio, summarise, type Summary } from './lib/stats';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const delivery = require('../scripts/lib/thrivecart-delivery');

const FORM = 'application/x-www-form-urlencoded';
const { trigger: TRIGGER, webhook: WEBHOOK } = BENCH_WORKFLOWS;

export const TRIGGER_SETTINGS = {
	concurrency: [1, 8],
	rounds: 4,
} as const;
type BatchSizes = { 1: number; 8: number };
/**
 * Requests per batch, per concurrency. With isolates on demand a request costs a fifth as much, so its
 * batches are larger: 16 requests there last ~0.35 s, too short to time steadily.
 */
export const CONFIGURATIONS: Array<{ name: string; env: Record<string, string>; target: number; requestsPerBatch: BatchSizes }> = [
	{ name: "n8n's defaults", env: {}, target: 0.55, requestsPerBatch: pick({ 1: 16, 8: 24 }, { 1: 30, 8: 64 }) },
	{ name: 'expression isolates on demand', env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' }, target: 0.95, requestsPerBatch: pick({ 1: 48, 8: 64 }, { 1: 90, 8: 128 }) },
];

type Side = 'trigger' | 'webhook';

export interface SideResult {
	requests: number;
	seconds: number;
	requestsPerSecond: number;
	latencyMs: Summary;
	roundRequestsPerSecond: number[];
	/** Expression isolates n8n created per request (all batches of the level, warm-up excluded). */
	isolatesPerRequest: number;
	/** n8n's own run time of the batches' executions (startedAt → stoppedAt; absent in older results). */
	executionMs?: Summary;
	/** Untimed: from each batch's last answer until its executions had all finished, summed. */
	settleSeconds?: number;
}

export interface LevelResult {
	concurrency: number;
	trigger: SideResult;
	webhook: SideResult;
	/** Trigger ÷ Webhook requests per second, over all rounds. */
	throughputRatio: number;
	/** Median of the per-round throughput ratios (each round has both sides back to back). */
	medianRoundRatio: number;
	/** Webhook ÷ Trigger latency: ≥ 1 means the trigger is as fast. */
	p50LatencyRatio: number;
	p95LatencyRatio: number;
	targetMet: boolean;
}

export interface ConfigurationResult {
	name: string;
	env: Record<string, string>;
	/** Trigger ÷ Webhook throughput this configuration must reach at every concurrency. */
	target: number;
	/** Requests per batch (absent in results written before they varied by configuration). */
	requestsPerBatch?: BatchSizes;
	levels: LevelResult[];
}

export interface Measured {
	levels: LevelResult[];
	problems: string[];
}

export interface TriggerResult {
	kind: 'trigger';
	at: string;
	machine: Machine;
	settings: typeof TRIGGER_SETTINGS;
	bodyBytes: number;
	configurations: ConfigurationResult[];
	/** Correctness problems (failed executions); the run exits non-zero when there are any. */
	problems: string[];
}

function body(): Buffer {
	return Buffer.from(
		delivery.encodeForm(
			delivery.orderSuccess({
				email: 'launch.buyer@example.test',
				firstName: 'Lena',
				lastName: 'Launch',
				orderId: 9_000_001,
				items: [
					{ type: 'product', id: 12, name: 'Foundations Program', amount: 9700 },
					{ type: 'bump', id: 12, name: 'Bonus Masterclass', amount: 2700 },
				],
			}),
		),
	);
}

function isolatesCreated(countFile: string): number {
	try {
		return Number(readFileSync(countFile, 'utf8')) || 0;
	} catch {
		return 0;
	}
}

async function measure(lab: Lab, payload: Buffer, configuration: (typeof CONFIGURATIONS)[number]): Promise<Measured> {
	const { name: label, target } = configuration;
	const countFile = lab.isolateCountFile;
	const sides: Record<Side, { id: string; url: string; expected: number }> = {
		trigger: { id: TRIGGER.id, url: lab.url(TRIGGER.webhookId), expected: lab.n8n.executions(TRIGGER.id).length },
		webhook: { id: WEBHOOK.id, url: lab.url(WEBHOOK.webhookId), expected: lab.n8n.executions(WEBHOOK.id).length },
	};

	/** One batch: `count` POSTs at `concurrency`, then wait (untimed) until n8n has run them all. */
	const batch = async (side: Side, count: number, concurrency: number) => {
		const agent = keepAliveAgent(concurrency);
		const started = performance.now();
		const responses = await pool(count, concurrency, () => post(agent, sides[side].url, payload, FORM));
		const seconds = (performance.now() - started) / 1000;
		agent.destroy();
		const wrong = responses.filter((response) => response.status !== 200);
		if (wrong.length > 0) throw new Error(`${side}: ${wrong.length} answers were not 200, e.g. ${wrong[0].status} ${wrong[0].body.slice(0, 300)}`);
		sides[side].expected += count;
		const answered = performance.now();
		const rows = (await settled(lab.n8n, sides[side].id, sides[side].expected)).slice(-count);
		return {
			seconds,
			latencies: responses.map((response) => response.ms),
			executionMs: rows.map(executionMs).filter((value): value is number => value !== undefined),
			settleSeconds: (performance.now() - answered) / 1000,
		};
	};
	/** A batch and the isolates n8n created for it (the pool refills right after each use). */
	const countedBatch = async (side: Side, count: number, concurrency: number) => {
		const before = isolatesCreated(countFile);
		const result = await batch(side, count, concurrency);
		await new Promise((resolve) => setTimeout(resolve, 300));
		return { ...result, isolates: isolatesCreated(countFile) - before };
	};

	const levels: LevelResult[] = [];
	for (const concurrency of TRIGGER_SETTINGS.concurrency) {
		const count = configuration.requestsPerBatch[concurrency as 1 | 8];
		// One untimed round first: after a few warm-up requests the first timed trigger batch was still the
		// slowest of the level in most runs (n8n's code paths not yet optimised by V8).
		await batch('trigger', count, concurrency);
		await batch('webhook', count, concurrency);
		const collected: Record<Side, { seconds: number[]; latencies: number[]; executionMs: number[]; settleSeconds: number; isolates: number }> = {
			trigger: { seconds: [], latencies: [], executionMs: [], settleSeconds: 0, isolates: 0 },
			webhook: { seconds: [], latencies: [], executionMs: [], settleSeconds: 0, isolates: 0 },
		};
		for (let round = 0; round < TRIGGER_SETTINGS.rounds; round++) {
			const order: Side[] = round % 2 === 0 ? ['trigger', 'webhook'] : ['webhook', 'trigger'];
			for (const side of order) {
				const result = await countedBatch(side, count, concurrency);
				collected[side].seconds.push(result.seconds);
				collected[side].latencies.push(...result.latencies);
				collected[side].executionMs.push(...result.executionMs);
				collected[side].settleSeconds += result.settleSeconds;
				collected[side].isolates += result.isolates;
			}
		}
		const side = (name: Side): SideResult => {
			const seconds = collected[name].seconds.reduce((sum, value) => sum + value, 0);
			return {
				requests: collected[name].latencies.length,
				seconds: Number(seconds.toFixed(3)),
				requestsPerSecond: Number((collected[name].latencies.length / seconds).toFixed(1)),
				latencyMs: summarise(collected[name].latencies),
				roundRequestsPerSecond: collected[name].seconds.map((value) => Number((count / value).toFixed(1))),
				isolatesPerRequest: Number((collected[name].isolates / collected[name].latencies.length).toFixed(2)),
				executionMs: summarise(collected[name].executionMs),
				settleSeconds: Number(collected[name].settleSeconds.toFixed(2)),
			};
		};
		const trigger = side('trigger');
		const webhook = side('webhook');
		const throughputRatio = ratio(trigger.requestsPerSecond, webhook.requestsPerSecond);
		levels.push({
			concurrency,
			trigger,
			webhook,
			throughputRatio,
			medianRoundRatio: ratio(median(trigger.roundRequestsPerSecond.map((value, index) => value / webhook.roundRequestsPerSecond[index])), 1),
			p50LatencyRatio: ratio(webhook.latencyMs.p50, trigger.latencyMs.p50),
			p95LatencyRatio: ratio(webhook.latencyMs.p95, trigger.latencyMs.p95),
			targetMet: throughputRatio >= target,
		});
		process.stdout.write(`  trigger overhead, ${label}, concurrency ${concurrency}: ratio ${throughputRatio}\n`);
	}
	const problems = [
		failedExecutions(lab.n8n, lab.n8n.executions(TRIGGER.id), `the ThriveCart Trigger workflow (${label})`),
		failedExecutions(lab.n8n, lab.n8n.executions(WEBHOOK.id), `the Webhook workflow (${label})`),
	].filter((problem): problem is string => problem !== undefined);
	return { levels, problems };
}

export async function runTrigger(): Promise<TriggerResult> {
	const payload = body();
	const configurations: ConfigurationResult[] = [];
	const problems: string[] = [];
	// Measured last to first (reported in order): the lab starts with the last configuration's settings and
	// restarts once, for n8n's defaults, which the benchmarks after this one need.
	for (const configuration of [...CONFIGURATIONS].reverse()) {
		const lab = await benchLab(configuration.env);
		const measured = await measure(lab, payload, configuration);
		configurations.unshift({ ...configuration, levels: measured.levels });
		problems.push(...measured.problems);
	}
	return {
		kind: 'trigger',
		at: new Date().toISOString(),
		machine: machine(),
		settings: TRIGGER_SETTINGS,
		bodyBytes: payload.length,
		configurations,
		problems,
	};
}
