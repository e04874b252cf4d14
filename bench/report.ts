/**
 * BENCHMARKS.md, generated from bench/results/*.json: one section per run kind with the machine, the
 * exact command, the figures and the targets. Only what the JSON holds is printed; the explanations
 * of misses live in bench/findings.md and are included as they are.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CallsResult } from './calls';
import type { FulfilmentResult } from './fulfilment';
import type { Machine } from './lib/machine';
import type { N8nMemory } from './lib/memory';
import type { Summary } from './lib/stats';
import type { ParsingResult } from './parsing';
import { queueSection } from './queueReport';
import type { ReconciliationResult } from './reconciliation';
import type { ConfigurationResult, TriggerResult } from './trigger';

const yes = (met: boolean) => (met ? '**met**' : '**missed**');
const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(value >= 100 ? 0 : 1) : '–');
const us = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(value >= 100_000 ? 0 : 1)} ms` : `${value} µs`);
const row = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
const table = (head: string[], rows: Array<Array<string | number>>) =>
	[row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

function machineLine(machine: Machine, at: string): string {
	return (
		`Measured ${at.slice(0, 16).replace('T', ' ')} UTC on ${machine.cores} cores (${machine.cpuModel}), ` +
		`${machine.memoryGiB} GiB, ${machine.os}; n8n ${machine.n8n} on Node ${machine.n8nNode}; ` +
		`n8n-nodes-thrivecart-apprentice ${machine.package}.` +
		(machine.loadAverage ? ` Load average (1 min) ${machine.loadAverage.atStart} when the run started, ${machine.loadAverage.atEnd} when it ended.` : '')
	);
}

/** Correctness problems of a run, one line each (the full text, with n8n's execution errors, is in the JSON). */
function problemsBlock(problems: string[] | undefined): string {
	if (!problems?.length) return '';
	return [
		`**Correctness problems in this run (${problems.length}); the run failed:**`,
		...problems.map((problem) => `- ${problem.split('\n')[0]}`),
	].join('\n');
}

function command(kind: string): string {
	return `\`\`\`sh\nnpm run bench -- ${kind}\n\`\`\``;
}

const latency = (s: Summary) => [ms(s.p50), ms(s.p95), ms(s.max)];

function trigger(r: TriggerResult): string {
	const figures = (configuration: ConfigurationResult) =>
		table(
			['concurrency', 'workflow', 'requests', 'requests/s', 'p50 ms', 'p95 ms', 'max ms', 'isolates per request', 'execution p50 ms', 'still running after the last answer (s)'],
			configuration.levels.flatMap((level) =>
				(['trigger', 'webhook'] as const).map((side) => [
					level.concurrency,
					side === 'trigger' ? 'ThriveCart Trigger' : "n8n's Webhook node",
					level[side].requests,
					level[side].requestsPerSecond,
					ms(level[side].latencyMs.p50),
					ms(level[side].latencyMs.p95),
					ms(level[side].latencyMs.max),
					level[side].isolatesPerRequest ?? '–',
					level[side].executionMs ? ms(level[side].executionMs.p50) : '–',
					level[side].settleSeconds ?? '–',
				]),
			),
		);
	const ratios = r.configurations.flatMap((configuration) =>
		configuration.levels.map((level) => [
			configuration.name,
			level.concurrency,
			level.throughputRatio,
			level.medianRoundRatio,
			level.p50LatencyRatio,
			level.p95LatencyRatio,
			`≥ ${configuration.target}`,
			yes(level.targetMet),
		]),
	);
	const isolates = r.configurations.flatMap((configuration) =>
		configuration.levels.map((level) => [configuration.name, level.concurrency, level.webhook.isolatesPerRequest ?? '–', level.trigger.isolatesPerRequest ?? '–']),
	);
	return [
		'## 1. Trigger overhead',
		machineLine(r.machine, r.at),
		command('trigger'),
		`Two workflows in the same n8n: one is only the ThriveCart Trigger (account webhook, secret word checked, ` +
			`delivery decoded and normalised), the other only n8n's Webhook node (POST, respond immediately). Both get ` +
			`the same ${r.bodyBytes}-byte form-encoded \`order.success\` body from the same keep-alive client. Per ` +
			`concurrency: one untimed round (a batch of each), then ${r.settings.rounds} interleaved ` +
			`rounds (trigger then webhook, webhook then trigger, …) of ` +
			r.configurations.map((c) => `${Object.values(c.requestsPerBatch ?? {}).join(' / ')} requests per batch (${c.name})`).join(' and ') +
			`; after each batch every execution is left to finish (untimed), so each batch starts from an idle n8n. ` +
			`The configurations are measured in reverse order: the benchmarks' shared n8n (below) starts with isolates on demand and ` +
			`is then restarted (a new process, the same folder) with n8n's defaults. n8n counts the expression isolates it creates (\`bench/lib/isolateCounter.js\`, ` +
			`loaded with \`NODE_OPTIONS=--require\`): its pool hands out one isolate per use and creates a fresh one to replace it, ` +
			`so isolates created ÷ requests is isolates used per request.`,
		...r.configurations.flatMap((configuration) => [
			`### ${configuration.name}${Object.keys(configuration.env).length ? ` (${Object.entries(configuration.env).map(([k, v]) => `\`${k}=${v}\``).join(', ')})` : ''}`,
			figures(configuration),
		]),
		'### Isolates per delivery',
		'Counted in this run (all timed batches). Without `getCredentials()` in `webhook()` the trigger is at the floor ' +
			"for a community trigger: n8n takes an isolate for the webhook phase of every start node that is not its own " +
			'Webhook node (`webhookPhaseNeedsIsolate` in `n8n/dist/webhooks/live-webhooks.js`) and one for the execution; ' +
			'with lazy acquisition it takes them only when an expression needs one.',
		table(['n8n', 'concurrency', "n8n's Webhook node", 'ThriveCart Trigger'], isolates),
		'### Ratios',
		`Trigger ÷ webhook for throughput; webhook ÷ trigger for latency (above 1: the trigger is faster). ` +
			`Targets: throughput ratio ≥ ${r.configurations.map((c) => `${c.target} (${c.name})`).join(', ')}, at every concurrency.`,
		table(['n8n', 'concurrency', 'throughput ratio', 'median per-round ratio', 'p50 latency ratio', 'p95 latency ratio', 'target', ''], ratios),
		problemsBlock(r.problems),
	].filter(Boolean).join('\n\n');
}

function memoryRow(label: string, m: N8nMemory): Array<string | number> {
	const children = m.children.reduce((sum, child) => sum + child.rssMiB, 0);
	return [label, m.main.rssMiB, Number(children.toFixed(1)), m.totalRssMiB, m.main.peakRssMiB];
}

function fulfilment(r: FulfilmentResult): string {
	const rows = r.levels.map((level) => [
		level.concurrency,
		level.timedOrders,
		level.deliveries,
		level.seconds,
		level.ordersPerSecond,
		...latency(level.accessMs),
		...latency(level.accessMsByBuyer.new),
		...latency(level.accessMsByBuyer.existing),
	]);
	const inside = r.levels.map((level) => [
		level.concurrency,
		ms(level.ackMs.p50),
		ms(level.ackMs.p95),
		ms(level.executionMs.p50),
		ms(level.executionMs.p95),
		ms(level.executionMs.max),
		level.calls.perDelivery,
		Object.entries(level.calls.byAuth).map(([auth, n]) => `${auth} ${n}`).join(', '),
	]);
	const g = r.grants;
	return [
		'## 2. Purchase to access',
		machineLine(r.machine, r.at),
		command('fulfilment'),
		`The shipped fulfilment template (${r.settings.transport === 'apiKey' ? 'API-key transport, as shipped' : r.settings.transport}) ` +
			`in n8n, the Thrive Apprentice sandbox on loopback. First ${r.setup.firstOrders} buyers place a first order ` +
			`(product 12, at concurrency 8, ${r.setup.seconds} s) so that they exist when the launch starts. Then, per ` +
			`concurrency, ${r.settings.ordersPerLevel} timed \`order.success\` deliveries: 7 in 10 from new buyers (product, ` +
			`product + bump, + upsell, + bump + upsell, a pricing option, product + bump + downsell), 3 in 10 from existing ` +
			`buyers (an upsell or downsell arriving in a later delivery for their order, or a new order on a pricing option, ` +
			`with or without the bump); 1 in 5 JSON, the rest form-encoded; after every 25th, an exact repeat of an earlier ` +
			`delivery (ThriveCart retrying; not timed). Each order is timed from the POST to the moment the sandbox's stored ` +
			`state first shows every product of that order active for the buyer (a watcher re-reads the state file on every ` +
			`change, in a worker thread of the benchmark process; it read it ${r.watch.reads} times, using ` +
			`${(r.watch.readMs / 1000).toFixed(1)} s of CPU in all, on the same cores as n8n).`,
		table(
			['concurrency', 'timed orders', 'deliveries', 'seconds', 'deliveries/s', 'p50 ms', 'p95 ms', 'max ms', 'new p50', 'new p95', 'new max', 'existing p50', 'existing p95', 'existing max'],
			rows,
		),
		'Where the time goes: n8n\'s answer to ThriveCart (ack), the execution inside n8n, and the sandbox calls per delivery during the run.',
		table(['concurrency', 'ack p50 ms', 'ack p95 ms', 'execution p50 ms', 'execution p95 ms', 'execution max ms', 'TA calls per delivery', 'calls by credential'], inside),
		`Audit of the sandbox at the end, for ${g.buyers} buyers and ${g.expectedGrants} expected grants: ` +
			`${g.lost.length} lost, ${g.duplicated.length} duplicated, ${g.unexpected.length} unexpected, ` +
			`${g.accounts.length} buyers without exactly one account (${g.activeGrants} active grants found). ` +
			`Target: zero lost or duplicated grants — ${yes(g.lost.length === 0 && g.duplicated.length === 0)}.`,
		problemsBlock(r.problems),
	].filter(Boolean).join('\n\n');
}

function memory(r: FulfilmentResult): string {
	const rows = [
		memoryRow('before the first order (after the trigger and calls benchmarks in the same n8n)', r.memory.before),
		memoryRow(`after the ${r.setup.firstOrders} first orders`, r.memory.afterSetup),
		...r.levels.map((level) => memoryRow(`after the launch at concurrency ${level.concurrency}`, level.memoryAfter)),
	];
	return [
		'## 5. Memory',
		machineLine(r.machine, r.at),
		command('fulfilment'),
		`n8n's resident memory (VmRSS from /proc) during the purchase-to-access run above: the \`n8n start\` process and ` +
			`the processes it started (task runners). Peak is the main process's VmHWM. Growth from before the first order ` +
			`to after the last: ${r.memory.growthMiB} MiB.`,
		table(['point', 'n8n MiB', 'task runners MiB', 'total MiB', 'n8n peak MiB'], rows),
	].join('\n\n');
}

function calls(r: CallsResult): string {
	const rows = r.rows.map((x) => [
		x.transport === 'apiKey' ? 'API key' : 'application password',
		x.case,
		x.orders,
		x.min === x.max ? x.min : `${x.min}–${x.max}`,
		x.mean,
		Object.entries(x.byRoute).map(([route, n]) => `${route} ×${n}`).join('<br>'),
		x.targetMet === undefined ? '–' : yes(x.targetMet),
	]);
	return [
		'## 3. Calls per fulfilment',
		machineLine(r.machine, r.at),
		command('calls'),
		`HTTP requests the Thrive Apprentice node made for one order, read from the sandbox's request log, one delivery ` +
			`at a time (the log is cleared before each and read after its execution finished). The shipped template ` +
			`(API key) and a copy whose grant nodes use the application password. Existing buyers placed a first order ` +
			`(not counted) before the counted one. Repeated deliveries are exact repeats of a new buyer's delivery. ` +
			`Target: at most ${r.target.callsPerOrder} calls per order for new and existing buyers with the API key — one newOrder, ` +
			`the member's access read before it (already held through this order?) and after it (really granted?), and the ` +
			`product check (cached for a minute). The earlier target of one call trusted Thrive Apprentice's 200; see the README's ` +
			`"How grants and revokes stay exact".`,
		table(['transport', 'buyer', 'orders', 'calls per order', 'mean', 'routes (all orders)', 'target'], rows),
		`Audit of the sandbox at the end: ${r.grants.lost.length} lost, ${r.grants.duplicated.length} duplicated, ` +
			`${r.grants.unexpected.length} unexpected grants for ${r.grants.buyers} buyers.`,
		problemsBlock(r.problems),
	].filter(Boolean).join('\n\n');
}

function parsing(r: ParsingResult): string {
	const fixtures = r.fixtures.map((f) => [f.fixture, f.source, f.encoding, f.bytes, f.event ?? '–', f.items, us(f.decodeAndNormalise.us)]);
	const hostile = r.hostile.map((h) => [h.body, h.description, h.bytes, h.outcome, h.refuseUnsigned ? us(h.refuseUnsigned.us) : '–', us(h.decodeOnly.us), us(h.decodeAndNormalise.us)]);
	return [
		'## 4. Parsing',
		machineLine(r.machine, r.at),
		command('parsing'),
		`Microseconds per delivery for \`parseDelivery\` (decode + normalise: what the trigger does with every POST once ` +
			`the secret word matches), timed on the functions in the Node that runs n8n: median of 15 samples of ~20 ms ` +
			`each after a warm-up (calls slower than 20 ms are timed one by one). Captured fixtures are real ThriveCart ` +
			`deliveries; built ones follow the reference. Worst fixture: ${us(r.worstFixtureUs)}.`,
		table(['fixture', 'source', 'encoding', 'bytes', 'event', 'items', 'decode + normalise'], fixtures),
		`Hostile bodies at the limits (${r.limits.maxBytes} bytes, ${r.limits.maxKeys} fields, ${r.limits.maxDepth} levels). ` +
			`The trigger checks the secret word before it decodes anything: "refused without the word" is what a sender ` +
			`without it can make the trigger do (\`screenDelivery\` scans the raw bytes for \`thrivecart_secret\` and ` +
			`\`event\`, then the salted-HMAC check); decoding and normalising need the secret word. Outcome is with the word. ` +
			`Worst refusal: ${r.worstRefuseUs === undefined ? '–' : us(r.worstRefuseUs)}; worst decoding ${us(r.worstHostileDecodeOnlyUs)}, ` +
			`decoding and normalising ${us(r.worstHostileUs)}.`,
		table(['body', 'what', 'bytes', 'outcome', 'refused without the word', 'decode only', 'decode + normalise'], hostile),
		problemsBlock(r.problems),
	].filter(Boolean).join('\n\n');
}

function reconciliation(r: ReconciliationResult): string {
	const s = r.settings;
	return [
		'## 6. Reconciliation of 1,000 transactions',
		machineLine(r.machine, r.at),
		command('reconciliation'),
		`The reconciliation template (\`templates/thrivecart-thrive-apprentice-reconciliation.json\`) started from its form, ` +
			`against the sandbox and the ThriveCart API stand-in with ThriveCart's 60-requests-a-minute limit on. ThriveCart's list ` +
			`holds ${s.transactions} transactions of ${s.buyers} buyers (${s.productAndBump} product + bump orders, ${s.refundedBumps} of their bumps refunded, ` +
			`${s.buyers - s.productAndBump} product-only orders) whose deliveries were all lost; the site holds none of these buyers. Time is n8n's own ` +
			'(execution start to stop); calls are counted by the stand-in and by the sandbox\'s request log.',
		table(
			['run', 'time (s)', 'ThriveCart calls', 'of them 429', 'site calls', 'site writes', 'report'],
			r.runs.map((run) => [run.label, run.executionMs === null ? '–' : (run.executionMs / 1000).toFixed(1), run.thriveCartCalls, run.thriveCartRateLimited, run.siteCalls, run.siteWrites, run.summary]),
		),
		r.runs.length
			? `Site calls by route, first run: ${Object.entries(r.runs[0].siteCallsByRoute).map(([route, count]) => `\`${route}\` ${count}`).join(', ')}.`
			: '',
		problemsBlock(r.problems),
	].filter(Boolean).join('\n\n');
}

function load<T>(dir: string, kind: string): T | undefined {
	const file = join(dir, `${kind}.json`);
	return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
}

export function writeReport(resultsDir: string, file: string): string {
	const t = load<TriggerResult>(resultsDir, 'trigger');
	const f = load<FulfilmentResult>(resultsDir, 'fulfilment');
	const c = load<CallsResult>(resultsDir, 'calls');
	const p = load<ParsingResult>(resultsDir, 'parsing');
	const r = load<ReconciliationResult>(resultsDir, 'reconciliation');
	const findingsFile = join(resultsDir, '..', 'findings.md');
	const sections = [
		'# Benchmarks',
		'What sellers depend on during a launch (hundreds of orders in minutes), measured with `npm run bench` ' +
			'against a real n8n with this package installed from its `npm pack` tarball and the Thrive Apprentice ' +
			'sandbox, everything on loopback. This file is generated from the raw figures in ' +
			'[`bench/results/`](bench/results/) (one JSON file per run kind); run `npm run bench` (all, the short run; ' +
			'`npm run bench -- --full` repeats more) ' +
			'or one kind (`npm run bench -- trigger|fulfilment|calls|parsing|reconciliation`) to refresh it (`npm run bench -- report` ' +
			'only rewrites this file from the JSON). All kinds but parsing run in one n8n, started once with every benchmark\'s workflows ' +
			'published (`bench/lib/lab.ts`; each start costs ~20 s), in the order trigger, calls, fulfilment, reconciliation. Figures depend on the ' +
			'machine and on what else it is doing; compare ratios rather than absolute numbers.',
		summary(t, f, c, p),
		t ? trigger(t) : '',
		f ? fulfilment(f) : '',
		c ? calls(c) : '',
		p ? parsing(p) : '',
		f ? memory(f) : '',
		r ? reconciliation(r) : '',
		queueSection(resultsDir),
		existsSync(findingsFile) ? readFileSync(findingsFile, 'utf8').trim() : '',
	];
	writeFileSync(file, `${sections.filter(Boolean).join('\n\n')}\n`);
	return file;
}

function summary(t?: TriggerResult, f?: FulfilmentResult, c?: CallsResult, p?: ParsingResult): string {
	const rows: Array<Array<string | number>> = [];
	for (const configuration of t?.configurations ?? []) {
		for (const level of configuration.levels) {
			rows.push([`Trigger ÷ Webhook throughput, concurrency ${level.concurrency} (${configuration.name})`, `≥ ${configuration.target}`, level.throughputRatio, yes(level.targetMet)]);
		}
	}
	const defaults = t?.configurations[0]?.levels[0];
	if (defaults?.trigger.isolatesPerRequest !== undefined) {
		rows.push([`Expression isolates per delivery, concurrency 1 (${t?.configurations[0].name}): trigger / Webhook node`, '2 / 1', `${defaults.trigger.isolatesPerRequest} / ${defaults.webhook.isolatesPerRequest}`, yes(defaults.trigger.isolatesPerRequest <= 2.05)]);
	}
	if (p?.worstRefuseUs !== undefined) {
		rows.push(['Refusing a body without the secret word, worst hostile body at the limits', '≤ 5 ms', us(p.worstRefuseUs), yes(p.worstRefuseUs <= p.targets.refuseUnsignedUs)]);
		for (const order of p.longestOrders) {
			rows.push([
				`Signed 1 MiB delivery naming ${order.itemsNamed ?? '40,000+'} items (${order.body}), decoded and normalised (the first ${order.items} read)`,
				'≤ 200 ms',
				us(order.us),
				yes(order.us <= p.targets.longestOrderUs),
			]);
		}
	}
	if (f) {
		const lostOrDoubled = f.grants.lost.length + f.grants.duplicated.length;
		rows.push(['Lost or duplicated grants after the launches', '0', lostOrDoubled, yes(lostOrDoubled === 0)]);
		for (const level of f.levels) rows.push([`Purchase to access p50 / p95, concurrency ${level.concurrency}`, '–', `${ms(level.accessMs.p50)} / ${ms(level.accessMs.p95)} ms`, '–']);
	}
	for (const x of c?.rows ?? []) {
		if (x.targetMet !== undefined) rows.push([`Calls per order, API key, ${x.case}`, `${c?.target.callsPerOrder}`, x.max, yes(x.targetMet)]);
	}
	return rows.length ? `## Targets\n\n${table(['figure', 'target', 'measured', ''], rows)}` : '';
}
