/**
 * The "Queue mode" section of BENCHMARKS.md, from bench/results/queue.json (npm run bench:queue): the
 * figures per set-up, the CPU cost of each part, and what those parts predict for workers on their own
 * machines. Only what the JSON holds is printed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { QueueResult, QueueRun } from './queue';

const row = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
const table = (head: string[], rows: Array<Array<string | number>>) => [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
const fixed = (value: number | undefined, digits = 0) => (value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits));

function setup(run: QueueRun): string {
	const base = run.mode === 'regular' ? 'regular, Postgres' : `queue, ${run.workers} worker${run.workers === 1 ? '' : 's'}`;
	return run.lazyAcquire ? `${base}, lazy acquire` : base;
}

const coresBusy = (run: QueueRun) => Object.values(run.cpuSeconds).reduce((sum, s) => sum + s, 0) / run.seconds;

/** Deliveries/s that one core of each part could carry, from its measured cost. */
function prediction(run: QueueRun): string {
	const intakeMs = (run.cpuMs.webhookPerPost ?? 0) + run.cpuMs.mainPerPost;
	const workerMs = run.cpuMs.workerPerExecution ?? Number.NaN;
	const sharedMs = run.cpuMs.postgresPerPost + (run.cpuMs.redisPerPost ?? 0);
	const rows = [1, 2, 4, 8].map((k) => {
		const bound = Math.min(1000 / intakeMs, (k * 1000) / workerMs, 1000 / sharedMs);
		const limit = bound === 1000 / intakeMs ? 'the webhook process (one core)' : bound === 1000 / sharedMs ? 'Postgres + Redis (one core)' : 'the workers';
		return [k, fixed((k * 1000) / workerMs, 1), fixed(bound, 1), limit];
	});
	return [
		`From "${setup(run)}": the webhook process + main cost ${fixed(intakeMs, 1)} ms CPU per delivery, a worker ${fixed(workerMs, 1)} ms per execution, ` +
			`Postgres + Redis ${fixed(sharedMs, 1)} ms per delivery. With each worker on its own machine (an n8n process uses about one core), one webhook process ` +
			`and one database/queue machine, the deliveries per second these costs allow:`,
		'',
		table(['workers', 'workers alone could run', 'predicted deliveries/s', 'then bounded by'], rows),
	].join('\n');
}

export function queueSection(resultsDir: string): string {
	const file = join(resultsDir, 'queue.json');
	if (!existsSync(file)) return '';
	const r = JSON.parse(readFileSync(file, 'utf8')) as QueueResult;
	const m = r.machine;
	const rows = r.runs.map((run) => [
		setup(run),
		run.deliveriesPerSecond,
		fixed(run.accessMs.p50),
		fixed(run.accessMs.p95),
		run.audit.lost,
		run.audit.duplicatedGrants,
		`${run.audit.duplicatedUsers} / ${run.audit.duplicatedEmails}`,
		run.failedExecutions,
		run.refused ?? 0,
		fixed(run.cpuMs.mainPerPost, 1),
		fixed(run.cpuMs.webhookPerPost, 1),
		fixed(run.cpuMs.workerPerExecution, 1),
		fixed(run.cpuMs.postgresPerPost, 1),
		fixed(run.cpuMs.redisPerPost, 1),
		fixed(coresBusy(run), 2),
		run.loadAverage ? `${run.loadAverage.atStart} → ${run.loadAverage.atEnd}` : '–',
	]);
	const defaults = r.runs.find((run) => run.mode === 'queue' && run.workers === 1 && !run.lazyAcquire);
	const lazy = r.runs.find((run) => run.mode === 'queue' && run.workers === 1 && run.lazyAcquire);
	return [
		'## Queue mode',
		`Measured ${r.at.slice(0, 16).replace('T', ' ')} UTC on ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB; n8n ${m.n8n} on Node ${m.n8nNode}; ` +
			`load average (1 min) ${m.loadAverage.atStart} at the start, ${m.loadAverage.atEnd} at the end. Postgres and Redis from Debian, n8n main, one ` +
			'webhook process (`n8n webhook`, where ThriveCart posts) and the workers (`n8n worker --concurrency=10`), all on loopback, started by ' +
			'scripts/lib/queue/cluster.js; the shipped template (regular mode) and its queue-mode variant (queue mode: the buyer’s turn taken with n8n’s Redis node), API-key transport with the application password.',
		`Each set-up: ${r.settings.buyers} new buyers (five carts: product + bump, product + upsell, pricing option, subscription, ` +
			`product + bump + downsell), every order.success POSTed ${r.settings.copies} times at once (one JSON, the others form), ` +
			`${r.settings.parallel} deliveries in flight (${r.settings.parallel * r.settings.copies} POSTs). Deliveries/s counts every POST ` +
			'(each is an execution) from the first POST until the last execution finished. Access: from the POST of the first copy until the ' +
			'sandbox shows every product. CPU: utime + stime from /proc/<pid>/stat (with descendants) before and after; main and webhook per POST, ' +
			'the workers together per execution. Regular mode runs everything in main.',
		'```sh\nnpm run bench:queue                      # BENCH_QUEUE_BUYERS=200 for the issue\'s full size\n```',
		table(
			['set-up', 'deliveries/s', 'access p50 ms', 'p95 ms', 'lost', 'duplicated grants', 'duplicated users / emails', 'failed', 'not 200', 'main ms/POST', 'webhook ms/POST', 'worker ms/exec', 'Postgres ms/POST', 'Redis ms/POST', 'cores busy', 'load average'],
			rows,
		),
		r.problems.length ? `**Correctness problems (${r.problems.length}):**\n${r.problems.map((p) => `- ${p}`).join('\n')}` : 'No lost, duplicated or failed deliveries in any set-up.',
		'**What limits scaling here:** every process shares the same cores; "cores busy" is the CPU all processes used divided by the run time. ' +
			'When it reaches the core count, another worker only splits the same CPU and adds its own overhead.',
		defaults ? prediction(defaults) : '',
		lazy ? prediction(lazy) : '',
	]
		.filter(Boolean)
		.join('\n\n');
}
