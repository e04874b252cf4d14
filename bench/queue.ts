/**
 * `npm run bench:queue`: the exact-once burst's purchases (issue 10) through the shipped template in
 * regular mode on Postgres and in queue mode with 1, 2 and 4 workers, each with n8n's defaults and with
 * N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true. Per set-up: deliveries/s, purchase-to-access p50/p95 (POST of
 * a delivery's first copy → the sandbox shows every product), the exactness audit, and CPU seconds of
 * every process (main, webhook, each worker, Postgres, Redis) from /proc before and after, so the cost
 * of intake and of execution can be predicted for workers on other machines.
 */
import { Agent } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { auditBurst, planBurst, type BurstAudit } from '../test/support/burst';
import { QueueN8n } from '../test/support/queue';
import { PROJECT_ROOT } from '../test/support/runtime';
import { sandboxState } from '../test/support/sandboxState';
import { fulfilmentVariant } from '../test/support/templates';
import { AccessWatch } from './lib/accessWatch';
import { cpuSeconds } from './lib/cpu';
import { pool, post } from './lib/http';
import { machine, type Machine } from './lib/machine';
import { summarise, type Summary } from './lib/stats';
import { writeReport } from './report';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../sandbox');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const delivery = require('../scripts/lib/thrivecart-delivery');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { sandboxCredentials } = require('../scripts/lib/sandbox-setup');

const WORKFLOW = { id: 'benchQueueBurst1', webhookId: 'b0000000-0000-4000-8000-0000000000a1', settings: { revokeWhenPaused: true } };

export const QUEUE_SETTINGS = {
	buyers: Number(process.env.BENCH_QUEUE_BUYERS ?? 60),
	copies: 3,
	/** Deliveries in flight at once, each as `copies` simultaneous POSTs. */
	parallel: 6,
	workers: (process.env.BENCH_QUEUE_WORKERS ?? '1,2,4').split(',').map(Number),
	/** Which set-ups to (re)measure; the others keep their figures from the last bench/results/queue.json. */
	modes: (process.env.BENCH_QUEUE_MODES ?? 'regular,queue').split(',') as Array<'regular' | 'queue'>,
	visibleWithinMs: 120_000,
} as const;

export interface QueueRun {
	label: string;
	mode: 'regular' | 'queue';
	workers: number;
	lazyAcquire: boolean;
	posts: number;
	buyers: number;
	seconds: number;
	deliveriesPerSecond: number;
	accessMs: Summary;
	ackMs: Summary;
	failedExecutions: number;
	/** POSTs n8n did not answer 200 (ThriveCart would retry them), and the first with the intake process's log. */
	refused: number;
	refusedSample?: string;
	audit: Omit<BurstAudit, 'problems'> & { sample: string[] };
	/** 1-minute load average when this set-up's run started and ended (other work on the machine skews it). */
	loadAverage: { atStart: number; atEnd: number };
	/** CPU seconds during the run, by role (main, webhook, worker-N, postgres, redis). */
	cpuSeconds: Record<string, number>;
	/** Main and webhook per POST, workers (all together) per execution, Postgres and Redis per POST; ms. */
	cpuMs: { mainPerPost: number; webhookPerPost?: number; workerPerExecution?: number; postgresPerPost: number; redisPerPost?: number };
}

export interface QueueResult {
	kind: 'queue';
	at: string;
	machine: Machine;
	settings: typeof QUEUE_SETTINGS;
	runs: QueueRun[];
	problems: string[];
}

/** Regular first, then queue by workers, defaults before lazy acquire. */
const order = (run: QueueRun) => (run.mode === 'regular' ? 0 : 10 * run.workers) + (run.lazyAcquire ? 1 : 0);

const perMs = (seconds: number, count: number) => Number(((seconds * 1000) / count).toFixed(1));

async function runOne(n8n: QueueN8n, sandbox: { url: string; dataDir: string }, label: string, lazyAcquire: boolean, workers: number): Promise<QueueRun> {
	const burst = planBurst(`bench-${label}`, QUEUE_SETTINGS.buyers);
	const phase = burst.phases[0];
	const url = n8n.webhookUrl(WORKFLOW.webhookId);
	const watch = new AccessWatch(sandbox.dataDir);
	// A fresh connection per POST: lanes sit idle while they wait for access, and a kept-alive socket the
	// server closed meanwhile would reset the next POST (seen once as ECONNRESET).
	const agent = new Agent({ keepAlive: false, maxSockets: QUEUE_SETTINGS.parallel * QUEUE_SETTINGS.copies });
	const roles = [...n8n.processes(), ...n8n.services()];
	try {
		const before = (await n8n.executions(WORKFLOW.id)).length;
		const cpuBefore = Object.fromEntries(roles.map((p) => [p.role, cpuSeconds(p.pid)]));
		const loadAtStart = loadavg()[0];
		const access: number[] = [];
		const acks: number[] = [];
		const refused: string[] = [];
		let ok = 0;
		const started = performance.now();
		await pool(phase.deliveries.length, QUEUE_SETTINGS.parallel, async (index) => {
			const entry = phase.deliveries[index];
			const visible = watch.visible(entry.email, entry.email, phase.expected.get(entry.email) ?? []);
			const postedAt = performance.timeOrigin + performance.now();
			const answers = await Promise.all(
				Array.from({ length: QUEUE_SETTINGS.copies }, (_, copy) =>
					copy === 0
						? post(agent, url, JSON.stringify(entry.payload), 'application/json')
						: post(agent, url, delivery.encodeForm(entry.payload), 'application/x-www-form-urlencoded'),
				),
			);
			for (const answer of answers) {
				// ThriveCart retries a non-2xx later; here it is counted and shown, and the run goes on.
				if (answer.status === 200) ok++;
				else refused.push(`${answer.status} ${answer.body.slice(0, 200)}`);
				acks.push(answer.ms);
			}
			const seenAt = await Promise.race([visible, new Promise<undefined>((r) => setTimeout(() => r(undefined), QUEUE_SETTINGS.visibleWithinMs).unref())]);
			if (seenAt !== undefined) access.push(seenAt - postedAt);
		});
		const posts = phase.deliveries.length * QUEUE_SETTINGS.copies;
		const rows = (await n8n.waitForExecutions(WORKFLOW.id, before + ok, { timeoutMs: 600_000 })).slice(before);
		const seconds = (performance.now() - started) / 1000;
		const cpu = Object.fromEntries(roles.map((p) => [p.role, Number((cpuSeconds(p.pid) - cpuBefore[p.role]).toFixed(2))]));
		const { problems, ...audit } = auditBurst(await sandboxState(sandbox.url), burst, phase);
		const workerSeconds = Object.entries(cpu).filter(([role]) => role.startsWith('worker-')).reduce((sum, [, s]) => sum + s, 0);
		const run: QueueRun = {
			label,
			mode: n8n.mode,
			workers,
			lazyAcquire,
			posts,
			buyers: phase.deliveries.length,
			seconds: Number(seconds.toFixed(2)),
			deliveriesPerSecond: Number((posts / seconds).toFixed(2)),
			accessMs: summarise(access),
			ackMs: summarise(acks),
			failedExecutions: rows.filter((r) => r.status !== 'success').length,
			refused: refused.length,
			refusedSample: refused.length ? `${refused[0]}\n${n8n.logs(n8n.mode === 'queue' ? 'webhook' : 'main', 25)}` : undefined,
			audit: { ...audit, sample: problems.slice(0, 5) },
			cpuSeconds: cpu,
			loadAverage: { atStart: Number(loadAtStart.toFixed(2)), atEnd: Number(loadavg()[0].toFixed(2)) },
			cpuMs: {
				mainPerPost: perMs(cpu.main, posts),
				...(cpu.webhook !== undefined ? { webhookPerPost: perMs(cpu.webhook, posts) } : {}),
				...(workers > 0 ? { workerPerExecution: perMs(workerSeconds, rows.length) } : {}),
				postgresPerPost: perMs(cpu.postgres, posts),
				...(cpu.redis !== undefined ? { redisPerPost: perMs(cpu.redis, posts) } : {}),
			},
		};
		process.stdout.write(
			`  ${label}: ${run.deliveriesPerSecond} deliveries/s, access p50 ${run.accessMs.p50} ms p95 ${run.accessMs.p95} ms, ` +
				`${audit.duplicatedGrants} duplicated, ${audit.lost} lost, ${run.failedExecutions} failed, ${run.refused} not 200; cpu ${JSON.stringify(run.cpuMs)}\n`,
		);
		return run;
	} finally {
		agent.destroy();
		await watch.stop();
	}
}

async function runQueueBench(): Promise<QueueResult> {
	const workDir = mkdtempSync(join(tmpdir(), 'tc-ta-bench-queue-'));
	const sandbox = await startSandbox({ port: 0, dataDir: join(workDir, 'sandbox'), reset: true });
	// Regular mode runs the shipped template; queue mode the queue-mode one (the buyer's turn in Redis).
	const workflowFor = (mode: 'regular' | 'queue') => fulfilmentVariant({ ...WORKFLOW, queueMode: mode === 'queue' });
	const runs: QueueRun[] = [];
	const problems: string[] = [];
	const record = (run: QueueRun) => {
		runs.push(run);
		// Saved after every set-up, so a later failure keeps what was measured.
		save({ kind: 'queue', at: new Date().toISOString(), machine: machine(), settings: QUEUE_SETTINGS, runs, problems });
		const a = run.audit;
		if (a.lost + a.duplicatedGrants + a.unexpected + a.duplicatedUsers + a.duplicatedEmails + run.failedExecutions + run.refused > 0) {
			problems.push(`${run.label}: ${run.refused} POSTs not answered 200, ${a.lost} lost, ${a.duplicatedGrants} duplicated grants, ${a.unexpected} unexpected, ${a.duplicatedUsers} duplicated users, ${run.failedExecutions} failed executions; e.g. ${a.sample.join('; ')}`);
		}
	};
	const lazy = (on: boolean) => ({ N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: on ? 'true' : 'false' });
	const say = (message: string) => process.stdout.write(`  ${message}\n`);
	try {
		const setup = { credentials: sandboxCredentials({ sandboxUrl: sandbox.url }), publish: [WORKFLOW.id], say };
		for (const mode of QUEUE_SETTINGS.modes) {
			const counts = mode === 'regular' ? [0] : QUEUE_SETTINGS.workers;
			let n8n: QueueN8n | undefined;
			try {
				for (const workers of counts) {
					for (const on of [false, true]) {
						if (!n8n) n8n = await QueueN8n.start({ ...setup, workflows: [workflowFor(mode)], mode, workers: Math.max(workers, 1), env: lazy(on) });
						else await n8n.restart({ workers, env: lazy(on) });
						await n8n.waitForWebhook(n8n.webhookUrl(WORKFLOW.webhookId));
						const label = `${mode === 'regular' ? 'regular' : `queue-${workers}w`}${on ? '-lazy' : ''}`;
						record(await runOne(n8n, sandbox, label, on, workers));
					}
				}
			} finally {
				await n8n?.stop();
			}
		}
		return { kind: 'queue', at: new Date().toISOString(), machine: machine(), settings: QUEUE_SETTINGS, runs, problems };
	} finally {
		await sandbox.stop();
		rmSync(workDir, { recursive: true, force: true });
	}
}

const RESULTS_DIR = join(PROJECT_ROOT, 'bench', 'results');

/** Writes queue.json: set-ups not measured this time keep their last figures (each run has its own label). */
function save(result: QueueResult): void {
	const file = join(RESULTS_DIR, 'queue.json');
	const kept = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as QueueResult).runs.filter((run) => !result.runs.some((r) => r.label === run.label)) : [];
	const runs = [...kept, ...result.runs].sort((a, b) => order(a) - order(b));
	writeFileSync(file, `${JSON.stringify({ ...result, runs }, null, '\t')}\n`);
}

export async function main(): Promise<void> {
	process.stdout.write(`== queue (${QUEUE_SETTINGS.buyers} buyers × ${QUEUE_SETTINGS.copies} copies per set-up)\n`);
	const result = await runQueueBench();
	save(result);
	process.stdout.write(`Wrote ${writeReport(RESULTS_DIR, join(PROJECT_ROOT, 'BENCHMARKS.md'))}\n`);
	if (result.problems.length > 0) {
		process.stderr.write(`\nCORRECTNESS PROBLEMS (${result.problems.length}):\n${result.problems.join('\n')}\n`);
		process.exitCode = 1;
	}
}
