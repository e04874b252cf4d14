/**
 * `npm run bench [-- [--full] trigger|fulfilment|calls|parsing|reconciliation|report]`: runs the benchmarks (all by default; short unless --full),
 * writes each run's raw figures to bench/results/<kind>.json and regenerates BENCHMARKS.md from every
 * result present (`report` only does the latter). Exits non-zero only on a correctness problem (a
 * failed execution, a lost or duplicated grant, an unexpected answer), never because a figure is slow.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../test/support/runtime';
// First, so the machine's load average is noted before any benchmark adds to it.
import './lib/machine';
import { stopBenchLab } from './lib/lab';
import { writeReport } from './report';

// Run in this order whatever order they are asked in. They share one n8n (lib/lab.ts): the trigger
// starts it with its non-default settings and restarts it once for n8n's defaults, which the rest keep.
const KINDS = ['parsing', 'trigger', 'calls', 'fulfilment', 'reconciliation'] as const;
type Kind = (typeof KINDS)[number];

async function runKind(kind: Kind): Promise<unknown> {
	switch (kind) {
		case 'trigger':
			return await (await import('./trigger')).runTrigger();
		case 'fulfilment':
			return await (await import('./fulfilment')).runFulfilment();
		case 'calls':
			return await (await import('./calls')).runCalls();
		case 'parsing':
			return await (await import('./parsing')).runParsing();
		case 'reconciliation':
			return await (await import('./reconciliation')).runReconciliation();
	}
}

async function main(): Promise<void> {
	const args = process.argv.slice(2).filter((arg) => arg !== '--');
	// Read by bench/lib/settings.ts, which the benchmark modules (imported below, on demand) load.
	if (args.includes('--full')) process.env.TC_BENCH_FULL = '1';
	const asked = args.filter((arg) => arg !== '--full');
	const resultsDir = join(PROJECT_ROOT, 'bench', 'results');
	if (asked.length === 1 && asked[0] === 'report') {
		// Only regenerate BENCHMARKS.md from the results already there (e.g. after editing bench/findings.md).
		process.stdout.write(`Wrote ${writeReport(resultsDir, join(PROJECT_ROOT, 'BENCHMARKS.md'))}\n`);
		return;
	}
	const unknown = asked.filter((arg) => !(KINDS as readonly string[]).includes(arg));
	if (unknown.length > 0) throw new Error(`unknown benchmark "${unknown.join('", "')}"; choose from ${KINDS.join(', ')}`);
	const kinds = KINDS.filter((kind) => asked.length === 0 || asked.includes(kind));
	mkdirSync(resultsDir, { recursive: true });
	const problems: string[] = [];
	try {
		for (const kind of kinds) {
			const started = Date.now();
			process.stdout.write(`== ${kind}\n`);
			const result = (await runKind(kind)) as { problems?: string[] };
			writeFileSync(join(resultsDir, `${kind}.json`), `${JSON.stringify(result, null, '\t')}\n`);
			process.stdout.write(`== ${kind} done in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
			for (const problem of result.problems ?? []) problems.push(`${kind}: ${problem}`);
		}
	} finally {
		await stopBenchLab();
	}
	const file = writeReport(resultsDir, join(PROJECT_ROOT, 'BENCHMARKS.md'));
	process.stdout.write(`Wrote ${file}\n`);
	if (problems.length > 0) {
		// The figures are written either way; a correctness problem still fails the run.
		process.stderr.write(`\nCORRECTNESS PROBLEMS (${problems.length}):\n${problems.join('\n\n')}\n`);
		process.exitCode = 1;
	}
}

main().catch((error) => {
	process.stderr.write(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exit(1);
});
