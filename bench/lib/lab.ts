/**
 * The one lab every benchmark but parsing runs in: the Thrive Apprentice sandbox, the ThriveCart API
 * stand-in and a real n8n (the packed package installed, every benchmark's workflows imported and
 * published), started on first use and stopped by run.ts at the end. One n8n rather than one per
 * benchmark: each start costs ~20 s (n8n's CLI imports and its boot) of the 5-minute budget. A benchmark
 * that needs other n8n settings asks for them and n8n restarts on the same folder; the others get
 * n8n's defaults back the same way.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, N8n } from '../../test/support/n8n';
import { reconciliationVariant } from '../../test/support/templates';
import { STAND_IN_API_KEY, ThriveCartStandIn } from '../../test/support/thrivecartApi';
import { cpuSeconds } from './cpu';
import { findN8nPid } from './memory';
import { fulfilment, triggerOnly, webhookOnly, type BenchWorkflow, type Transport } from './workflows';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../sandbox');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { sandboxCredentials } = require('../../scripts/lib/sandbox-setup');

/** The benchmarks' workflows, by what they are for (ids fixed, so results name the same workflow). */
export const BENCH_WORKFLOWS = {
	trigger: { id: 'benchTrigger0001', webhookId: 'b0000000-0000-4000-8000-00000000000a' },
	webhook: { id: 'benchWebhook0001', webhookId: 'b0000000-0000-4000-8000-00000000000b' },
	launch: { id: 'benchFulfilApiKey', webhookId: 'b0000000-0000-4000-8000-0000000000f1' },
	calls: {
		apiKey: { id: 'benchCallsApiKey', webhookId: 'b0000000-0000-4000-8000-0000000000c1' },
		applicationPassword: { id: 'benchCallsAppPass', webhookId: 'b0000000-0000-4000-8000-0000000000c2' },
	} as Record<Transport, { id: string; webhookId: string }>,
	reconciliation: { id: 'benchReconcile01', formWebhookId: 'b0000000-0000-4000-8000-0000000000d1' },
} as const;

export interface Sandbox {
	url: string;
	dataDir: string;
	stop(): Promise<void>;
	reset(): Promise<void>;
}

export interface Lab {
	sandbox: Sandbox;
	thriveCart: ThriveCartStandIn;
	n8n: N8n;
	n8nPid: number;
	/** n8n counts the expression isolates it creates into this file (isolateCounter.js), from 0 at each start. */
	isolateCountFile: string;
	/** The production URL of a workflow's trigger, by its webhook id. */
	url(webhookId: string): string;
	/** The reconciliation template's form. */
	formUrl: string;
}

const ISOLATE_COUNTER = join(__dirname, 'isolateCounter.js');

function formUrl(n8n: N8n): string {
	return `${n8n.baseUrl}/form/${BENCH_WORKFLOWS.reconciliation.formWebhookId}`;
}

/**
 * How to tell that each webhook is registered: HEAD for the ThriveCart Trigger (it answers ThriveCart's
 * URL check without an execution), POST for the bare Webhook node (which then runs once), GET for a form.
 */
function probes(n8n: N8n): Array<{ url: string; method: string }> {
	const { trigger, webhook, launch, calls } = BENCH_WORKFLOWS;
	return [
		{ url: n8n.webhookUrl(trigger.webhookId), method: 'HEAD' },
		{ url: n8n.webhookUrl(webhook.webhookId), method: 'POST' },
		...[launch, calls.apiKey, calls.applicationPassword].map((w) => ({ url: n8n.webhookUrl(w.webhookId), method: 'HEAD' })),
		{ url: formUrl(n8n), method: 'GET' },
	];
}

function workflows(): BenchWorkflow[] {
	const { trigger, webhook, launch, calls, reconciliation } = BENCH_WORKFLOWS;
	return [
		triggerOnly(trigger.id, trigger.webhookId),
		webhookOnly(webhook.id, webhook.webhookId),
		fulfilment(launch.id, launch.webhookId, 'apiKey'),
		...(Object.keys(calls) as Transport[]).map((transport) => fulfilment(calls[transport].id, calls[transport].webhookId, transport)),
		reconciliationVariant(reconciliation) as unknown as BenchWorkflow,
	];
}

interface Running {
	lab: Lab;
	userFolder: string;
	/** The lab's n8n environment with these settings. */
	env: (settings: Record<string, string>) => Record<string, string>;
	stop: () => Promise<void>;
}

let current: { running: Promise<Running>; env: string } | undefined;

/**
 * After a start: every webhook registered, then n8n and its task runner idle (under 5% of a core over
 * half a second, 30 s at most), so no benchmark times n8n's own start-up work. Returns n8n's pid.
 */
async function ready(n8n: N8n, userFolder: string): Promise<number> {
	for (const probe of probes(n8n)) await n8n.waitForWebhook(probe.url, probe.method);
	const pid = findN8nPid(userFolder);
	const started = Date.now();
	for (;;) {
		const before = cpuSeconds(pid);
		await new Promise((resolve) => setTimeout(resolve, 500));
		if (cpuSeconds(pid) - before < 0.025 || Date.now() - started > 30_000) break;
	}
	process.stdout.write(`  n8n idle ${((Date.now() - started) / 1000).toFixed(1)} s after it started\n`);
	return pid;
}

async function start(settings: Record<string, string>): Promise<Running> {
	const workDir = mkdtempSync(join(tmpdir(), 'tc-ta-bench-'));
	const sandbox: Sandbox = await startSandbox({ port: 0, dataDir: join(workDir, 'sandbox'), reset: true });
	const thriveCart = new ThriveCartStandIn();
	let n8n: N8n | undefined;
	const stop = async () => {
		await n8n?.stop();
		await thriveCart.stop();
		await sandbox.stop();
		rmSync(workDir, { recursive: true, force: true });
	};
	try {
		const apiUrl = await thriveCart.start();
		const userFolder = join(workDir, 'n8n');
		const isolateCountFile = join(workDir, 'isolates-created.txt');
		const brokerPort = await freePort();
		const env = (more: Record<string, string>) => ({
			// Its own task-runner broker port, so an n8n running beside it (another suite) cannot collide on 5679.
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			NODE_OPTIONS: `--require ${ISOLATE_COUNTER}`,
			TC_ISOLATE_COUNT_FILE: isolateCountFile,
			...more,
		});
		const imported = workflows();
		n8n = await N8n.start({
			userFolder,
			credentials: sandboxCredentials({ sandboxUrl: sandbox.url, thriveCartApiUrl: apiUrl, thriveCartApiKey: STAND_IN_API_KEY }),
			workflows: imported,
			publish: imported.map((workflow) => workflow.id),
			publishAfterStart: true,
			env: env(settings),
		});
		const started = n8n;
		const lab: Lab = {
			sandbox,
			thriveCart,
			n8n: started,
			n8nPid: await ready(started, userFolder),
			isolateCountFile,
			url: (id) => started.webhookUrl(id),
			formUrl: formUrl(started),
		};
		return { lab, userFolder, env, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

/**
 * The lab, its n8n running with `env` (n8n settings beyond the harness's; none for figures that claim
 * n8n's defaults): started with them on first use, restarted (a new process, the same folder) when a
 * benchmark asks for other settings.
 */
export async function benchLab(env: Record<string, string> = {}): Promise<Lab> {
	const key = JSON.stringify(env);
	if (!current) current = { running: start(env), env: key };
	const running = await current.running;
	if (current.env !== key) {
		await running.lab.n8n.restart(running.env(env));
		running.lab.n8nPid = await ready(running.lab.n8n, running.userFolder);
		current.env = key;
	}
	return running.lab;
}

export async function stopBenchLab(): Promise<void> {
	const stopping = current;
	current = undefined;
	if (stopping) await (await stopping.running).stop();
}
