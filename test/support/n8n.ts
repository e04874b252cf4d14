/**
 * A real n8n process for end-to-end tests and benchmarks: a fresh user folder with the packed package
 * installed as a community package, credentials and workflows imported through n8n's own CLI, the
 * chosen workflows published, then `n8n start`. Executions are read from n8n's SQLite database.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { N8N_BIN, N8N_MAJOR, N8N_RUNTIME, NODE24, PACKED_PACKAGE_DIR } from './runtime';

const run = promisify(execFile);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { installPackage } = require('../../scripts/lib/install-package.js');

export interface N8nSetup {
	userFolder: string;
	credentials?: object[];
	workflows?: Array<{ id: string } & Record<string, unknown>>;
	/** Workflow ids to publish (activate) before start. */
	publish?: string[];
	/**
	 * Publish them through n8n's REST API once it runs (as the Publish button does) instead of one CLI
	 * command each before start, which boots n8n once per workflow (~4 s each): the benchmarks' labs.
	 * n8n 2.x only; 1.x keeps the CLI.
	 */
	publishAfterStart?: boolean;
	port?: number;
	env?: Record<string, string>;
}

export interface ExecutionRow {
	id: number;
	workflowId: string;
	status: string;
	finished: number;
	mode: string;
	startedAt: string | null;
	stoppedAt: string | null;
	waitTill: string | null;
}

export async function freePort(): Promise<number> {
	return new Promise((resolvePort, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

export class N8n {
	private process?: ChildProcess;
	private output = '';
	/** Set by restart(), in place of the setup's env. */
	private envOverride?: Record<string, string>;
	readonly baseUrl: string;

	private constructor(
		readonly setup: Required<Pick<N8nSetup, 'userFolder'>> & N8nSetup,
		readonly port: number,
		private readonly brokerPort: number,
	) {
		this.baseUrl = `http://127.0.0.1:${port}`;
	}

	static async start(setup: N8nSetup): Promise<N8n> {
		if (!existsSync(NODE24) || !existsSync(N8N_BIN)) {
			throw new Error(`n8n is not provisioned at ${N8N_RUNTIME}: run scripts/provision.sh`);
		}
		if (!existsSync(join(PACKED_PACKAGE_DIR, 'package.json'))) {
			throw new Error(`The packed package is missing at ${PACKED_PACKAGE_DIR}: run scripts/pack.sh`);
		}
		const n8n = new N8n(setup, setup.port ?? (await freePort()), await freePort());
		await n8n.prepare();
		await n8n.launch();
		if (n8n.publishesAfterStart()) for (const id of n8n.toPublish()) await n8n.publishNow(id);
		return n8n;
	}

	/** Stops n8n and starts it again on the same folder and port, with `env` in place of the setup's. */
	async restart(env: Record<string, string>): Promise<void> {
		await this.stop();
		this.envOverride = env;
		this.output = '';
		await this.launch();
	}

	private toPublish(): string[] {
		const { workflows = [], publish = [] } = this.setup;
		return publish.filter((id) => !(N8N_MAJOR < 2 && isErrorWorkflow(workflows.find((w) => w.id === id))));
	}

	private publishesAfterStart(): boolean {
		return this.setup.publishAfterStart === true && N8N_MAJOR >= 2;
	}

	private async publishNow(workflowId: string): Promise<void> {
		const current = await this.rest('GET', `/workflows/${workflowId}`);
		const versionId = (current.json as { data?: { versionId?: string } }).data?.versionId;
		const res = await this.rest('POST', `/workflows/${workflowId}/activate`, { versionId });
		if (current.status !== 200 || res.status !== 200) {
			throw new Error(`publishing ${workflowId} answered ${current.status}/${res.status}: ${JSON.stringify(res.json).slice(0, 500)}`);
		}
	}

	private env(): NodeJS.ProcessEnv {
		return {
			PATH: process.env.PATH,
			HOME: process.env.HOME,
			N8N_USER_FOLDER: this.setup.userFolder,
			N8N_ENCRYPTION_KEY: 'e2e-encryption-key-not-a-secret',
			N8N_SECURE_COOKIE: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_PORT: String(this.port),
			N8N_HOST: '127.0.0.1',
			N8N_WEBHOOK_URL: `http://127.0.0.1:${this.port}/`,
			// Each instance its own task-broker port, so instances (tests, benchmarks) can run side by side.
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_LOG_LEVEL: 'info',
			GENERIC_TIMEZONE: 'UTC',
			...(this.envOverride ?? this.setup.env),
		};
	}

	private async cli(args: string[]): Promise<string> {
		try {
			const { stdout, stderr } = await run(NODE24, [N8N_BIN, ...args], {
				env: this.env(),
				maxBuffer: 64 * 1024 * 1024,
			});
			return stdout + stderr;
		} catch (error) {
			const e = error as { stdout?: string; stderr?: string; message: string };
			throw new Error(`n8n ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
		}
	}

	/** Installs the package where n8n looks for community packages, then imports and publishes. */
	private async prepare(): Promise<void> {
		const { userFolder, credentials = [], workflows = [] } = this.setup;
		mkdirSync(userFolder, { recursive: true });
		installPackage(userFolder);
		if (credentials.length) {
			const file = join(userFolder, 'credentials.json');
			writeFileSync(file, JSON.stringify(credentials));
			await this.cli(['import:credentials', `--input=${file}`]);
		}
		if (workflows.length) {
			const file = join(userFolder, 'workflows.json');
			writeFileSync(file, JSON.stringify(workflows.map((w) => ({ active: false, ...w }))));
			await this.cli(['import:workflow', `--input=${file}`]);
		}
		if (!this.publishesAfterStart()) for (const id of this.toPublish()) await this.cli(activateCommand(id));
	}

	private async launch(): Promise<void> {
		const child = spawn(NODE24, [N8N_BIN, 'start'], { env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] });
		this.process = child;
		const keep = (chunk: Buffer) => {
			this.output += chunk.toString();
			if (this.output.length > 2_000_000) this.output = this.output.slice(-1_000_000);
		};
		child.stdout?.on('data', keep);
		child.stderr?.on('data', keep);
		const deadline = Date.now() + 120_000;
		while (Date.now() < deadline) {
			if (child.exitCode !== null) throw new Error(`n8n exited early:\n${this.logs()}`);
			// Readiness comes before workflows are activated: wait for the activation log line too.
			if (/Finished building workflow dependency index/.test(this.output) || /Editor is now accessible/.test(this.output)) {
				try {
					const res = await fetch(`${this.baseUrl}/healthz/readiness`);
					if (res.ok) return;
				} catch {
					// not listening yet
				}
			}
			await sleep(250);
		}
		throw new Error(`n8n did not become ready in 120 s:\n${this.logs()}`);
	}

	/** Production webhook URL of a trigger node with a fixed webhookId. */
	webhookUrl(webhookId: string, path = 'webhook'): string {
		return `${this.baseUrl}/webhook/${webhookId}/${path}`;
	}

	/** Waits until the webhook is registered (activation finishes after readiness). */
	async waitForWebhook(url: string, method = 'HEAD', timeoutMs = 60_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			const res = await fetch(url, { method }).catch(() => undefined);
			if (res && res.status !== 404) return;
			await sleep(200);
		}
		throw new Error(`webhook ${method} ${url} was never registered:\n${this.logs()}`);
	}

	private cookie?: string;

	/** Calls n8n's internal REST API as the owner (set up on first use), e.g. to deactivate a workflow. */
	async rest(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
		const headers: Record<string, string> = { 'content-type': 'application/json', 'browser-id': 'e2e-browser' };
		if (!this.cookie) {
			const setup = await fetch(`${this.baseUrl}/rest/owner/setup`, {
				method: 'POST',
				headers,
				body: JSON.stringify({ email: 'owner@example.test', firstName: 'Test', lastName: 'Owner', password: 'E2e-owner-Passw0rd' }),
			});
			const cookie = setup.headers.get('set-cookie');
			if (!setup.ok || !cookie) throw new Error(`n8n owner setup failed: ${setup.status} ${await setup.text()}`);
			this.cookie = cookie.split(';')[0];
		}
		const res = await fetch(`${this.baseUrl}/rest${path}`, {
			method,
			headers: { ...headers, cookie: this.cookie },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		let json: unknown = text;
		try {
			json = JSON.parse(text);
		} catch {
			// not JSON: keep the text
		}
		return { status: res.status, json };
	}

	logs(): string {
		return this.output.split('\n').filter((line) => !/migration/i.test(line)).slice(-200).join('\n');
	}

	private db() {
		// node:sqlite ships with Node 22+; the e2e suite runs under the provisioned Node 24.
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { DatabaseSync } = require('node:sqlite');
		// n8n 1.x keeps SQLite in rollback-journal mode (2.x uses WAL), where a read waits out n8n's writes.
		return new DatabaseSync(join(this.setup.userFolder, '.n8n', 'database.sqlite'), { readOnly: true, timeout: 10_000 });
	}

	executions(workflowId?: string): ExecutionRow[] {
		const db = this.db();
		try {
			const sql = `select id, workflowId, status, finished, mode, startedAt, stoppedAt, waitTill from execution_entity${workflowId ? ' where workflowId = ?' : ''} order by id`;
			const statement = db.prepare(sql);
			return (workflowId ? statement.all(workflowId) : statement.all()) as ExecutionRow[];
		} finally {
			db.close();
		}
	}

	/** The workflow's static data as n8n stored it (where triggers keep remote registrations). */
	workflowStaticData(workflowId: string): Record<string, unknown> | null {
		const db = this.db();
		try {
			const row = db.prepare('select staticData from workflow_entity where id = ?').get(workflowId) as { staticData: string | null } | undefined;
			return row?.staticData ? (JSON.parse(row.staticData) as Record<string, unknown>) : null;
		} finally {
			db.close();
		}
	}

	/** The execution's run data, decoded from n8n's `flatted` storage format. */
	executionData(id: number): ExecutionRunData {
		const db = this.db();
		try {
			const row = db.prepare('select data from execution_data where executionId = ?').get(id) as { data: string } | undefined;
			if (!row) throw new Error(`execution ${id} has no data`);
			return parseExecutionData(row.data);
		} finally {
			db.close();
		}
	}

	/** A readable account of an execution: status, error, and each node's output, for failing scenarios. */
	describeExecution(id: number): string {
		return describeRunData(id, this.executionData(id));
	}

	/** Waits until `count` executions of the workflow exist and none is still running. */
	async waitForExecutions(
		workflowId: string,
		count: number,
		{ timeoutMs = 60_000, allowWaiting = false }: { timeoutMs?: number; allowWaiting?: boolean } = {},
	): Promise<ExecutionRow[]> {
		const deadline = Date.now() + timeoutMs;
		let rows: ExecutionRow[] = [];
		while (Date.now() < deadline) {
			rows = this.executions(workflowId);
			const settled = rows.filter((r) => !['new', 'running'].includes(r.status) && (allowWaiting || r.status !== 'waiting'));
			if (rows.length >= count && settled.length === rows.length) return rows;
			await sleep(150);
		}
		throw new Error(
			`expected ${count} settled executions of ${workflowId}, have ${JSON.stringify(rows.map((r) => [r.id, r.status]))}\n${this.logs()}`,
		);
	}

	async stop(): Promise<void> {
		const child = this.process;
		if (!child || child.exitCode !== null) return;
		await new Promise<void>((resolveStop) => {
			const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
			child.once('exit', () => {
				clearTimeout(timer);
				resolveStop();
			});
			child.kill('SIGTERM');
		});
	}
}

/** n8n 2.x publishes a workflow to activate it; 1.x has no publish:workflow and sets it active instead. */
export function activateCommand(workflowId: string): string[] {
	return N8N_MAJOR >= 2 ? ['publish:workflow', `--id=${workflowId}`] : ['update:workflow', `--id=${workflowId}`, '--active=true'];
}

/**
 * n8n 2.x runs only the published version of an error workflow; 1.x runs it unactivated and refuses to
 * activate a workflow whose trigger is the Error Trigger (reporting that refusal to the workflow itself).
 */
function isErrorWorkflow(workflow?: Record<string, unknown>): boolean {
	const nodes = (workflow?.nodes ?? []) as Array<{ type?: string }>;
	return nodes.some((node) => node.type === 'n8n-nodes-base.errorTrigger');
}

export interface ExecutionRunData {
	resultData: {
		error?: { message: string; description?: string };
		runData?: Record<
			string,
			Array<{
				error?: { message: string; description?: string };
				data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> };
			}>
		>;
		lastNodeExecuted?: string;
	};
}

/** n8n stores run data in the `flatted` format; its own copy decodes it. */
export function parseExecutionData(stored: string): ExecutionRunData {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const flatted = require(join(N8N_RUNTIME, 'node_modules', 'flatted'));
	return flatted.parse(stored) as ExecutionRunData;
}

/** A readable account of an execution's run data: the error, and each node's output. */
export function describeRunData(id: number, data: ExecutionRunData): string {
	const result = data.resultData;
	const lines = [`execution ${id}: ${result.error ? `error: ${result.error.message}` : 'no error'}`];
	for (const [node, runs] of Object.entries(result.runData ?? {})) {
		for (const runItem of runs) {
			const output = runItem.data?.main?.map((branch) => (branch ?? []).map((item) => item.json));
			lines.push(`  ${node}: ${runItem.error ? `ERROR ${runItem.error.message} ${runItem.error.description ?? ''}` : JSON.stringify(output).slice(0, 1500)}`);
		}
	}
	return lines.join('\n');
}

export function sleep(ms: number): Promise<void> {
	return new Promise((r) => setTimeout(r, ms));
}
