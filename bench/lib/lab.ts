/**
 * A Thrive Apprentice sandbox and a real n8n (the packed package installed, sandbox credentials and the
 * given workflows imported and published) in a fresh folder, torn down together.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, N8n } from '../../test/support/n8n';
import { findN8nPid } from './memory';
import type { BenchWorkflow } from './workflows';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../sandbox');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { sandboxCredentials } = require('../../scripts/lib/sandbox-setup');

export interface Sandbox {
	url: string;
	dataDir: string;
	stop(): Promise<void>;
	reset(): Promise<void>;
}

export interface Lab {
	sandbox: Sandbox;
	n8n: N8n;
	n8nPid: number;
	workDir: string;
	/** The production URL of a workflow's trigger, by its webhook id. */
	url(webhookId: string): string;
	stop(): Promise<void>;
}

export interface LabWorkflow {
	workflow: BenchWorkflow;
	webhookId: string;
	/**
	 * How to tell that the webhook is registered: HEAD for the ThriveCart Trigger (it answers ThriveCart's
	 * URL check without an execution); POST for a bare Webhook node, which then runs once.
	 */
	probe: 'HEAD' | 'POST';
}

/** `env`: n8n settings beyond the harness's defaults (none for figures that claim n8n's defaults). */
export async function startLab(name: string, workflows: LabWorkflow[], env: Record<string, string> = {}): Promise<Lab> {
	const workDir = mkdtempSync(join(tmpdir(), `tc-ta-bench-${name}-`));
	const sandbox: Sandbox = await startSandbox({ port: 0, dataDir: join(workDir, 'sandbox'), reset: true });
	let n8n: N8n | undefined;
	const stop = async () => {
		await n8n?.stop();
		await sandbox.stop();
		rmSync(workDir, { recursive: true, force: true });
	};
	try {
		const userFolder = join(workDir, 'n8n');
		n8n = await N8n.start({
			userFolder,
			credentials: sandboxCredentials({ sandboxUrl: sandbox.url }),
			workflows: workflows.map((entry) => entry.workflow),
			publish: workflows.map((entry) => entry.workflow.id),
			// Its own task-runner broker port, so an n8n running beside it (another suite) cannot collide on 5679.
			env: { N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...env },
		});
		const started = n8n;
		for (const entry of workflows) await started.waitForWebhook(started.webhookUrl(entry.webhookId), entry.probe);
		return { sandbox, n8n: started, n8nPid: findN8nPid(userFolder), workDir, url: (id) => started.webhookUrl(id), stop };
	} catch (error) {
		await stop();
		throw error;
	}
}
