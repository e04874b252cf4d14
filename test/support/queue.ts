/**
 * n8n in queue mode for end-to-end tests and benchmarks: Postgres, Redis, n8n main, a webhook process
 * and N workers (scripts/lib/queue/cluster.js does the starting; this adds what tests read). Executions
 * are read from Postgres. In queue mode n8n's Redis credential for that Redis is added (the queue-mode
 * template's Redis nodes use it). Postgres and Redis come from Debian and are installed by
 * scripts/prerequisites.sh when missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeRunData, parseExecutionData, sleep, type ExecutionRow } from './n8n';
import { N8N_RUNTIME, PROJECT_ROOT } from './runtime';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startCluster } = require('../../scripts/lib/queue/cluster.js');

export interface QueueSetup {
	/** 'queue' (default): main + webhook process + workers; 'regular': main alone on the same Postgres. */
	mode?: 'queue' | 'regular';
	workers?: number;
	credentials?: object[];
	workflows?: Array<{ id: string } & Record<string, unknown>>;
	publish?: string[];
	/** n8n settings for every process (e.g. N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE). */
	env?: Record<string, string>;
	/** Postgres with fsync (default true; tests turn it off). */
	durable?: boolean;
	/** Roles whose user folder gets no package (to see the start-up check refuse). */
	withoutPackage?: string[];
	/** Progress lines (default: silent). */
	say?: (message: string) => void;
}

export interface N8nProcess {
	role: string;
	pid: number;
	running: boolean;
}

interface Cluster {
	mode: 'queue' | 'regular';
	mainUrl: string;
	webhookBaseUrl: string;
	logDir: string;
	alerts: string[];
	redis?: { url: string; port: number; server: { pid: number } };
	postgres: { connection: { host: string; port: number; database: string; user: string }; server: { pid: number } };
	processes(): N8nProcess[];
	logs(role?: string, lines?: number): string;
	restart(settings?: { workers?: number; env?: Record<string, string> }): Promise<void>;
	stop(): Promise<void>;
}

interface PgPool {
	query(sql: string, values?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
	end(): Promise<void>;
}

/** Installs Debian's postgresql and redis-server when missing (apt-get; a no-op when present). */
export function ensureQueuePrerequisites(): void {
	try {
		execFileSync('bash', [join(PROJECT_ROOT, 'scripts', 'prerequisites.sh'), 'postgresql', 'redis-server'], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
	} catch (error) {
		const e = error as { stdout?: string; stderr?: string; message: string };
		throw new Error(`installing Postgres and Redis failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
	}
}

const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : value === null || value === undefined ? null : String(value));

export class QueueN8n {
	private readonly pool: PgPool;

	private constructor(
		private readonly cluster: Cluster,
		private readonly workDir: string,
	) {
		// n8n's own Postgres client (n8n depends on `pg`), so the project needs no database package.
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { Pool } = require(join(N8N_RUNTIME, 'node_modules', 'pg'));
		this.pool = new Pool({ ...cluster.postgres.connection, max: 2 }) as PgPool;
	}

	static async start(setup: QueueSetup): Promise<QueueN8n> {
		ensureQueuePrerequisites();
		// Outside the repository: the repo's node_modules must not be able to satisfy the package's requires.
		const workDir = mkdtempSync(join(tmpdir(), 'tc-ta-queue-'));
		try {
			const cluster = (await startCluster({ ...setup, workDir })) as Cluster;
			return new QueueN8n(cluster, workDir);
		} catch (error) {
			rmSync(workDir, { recursive: true, force: true });
			throw error;
		}
	}

	get mode(): 'queue' | 'regular' {
		return this.cluster.mode;
	}

	/** The editor and REST API (main). */
	get mainUrl(): string {
		return this.cluster.mainUrl;
	}

	/** `redis://127.0.0.1:<port>/0` in queue mode: the Redis of n8n's queue and of the buyer's turn. */
	get redisUrl(): string | undefined {
		return this.cluster.redis?.url;
	}

	/** Lines in which a worker or the webhook process met a node type it does not have. */
	get alerts(): string[] {
		return this.cluster.alerts;
	}

	/** Production webhook URL, on the webhook process in queue mode (where ThriveCart posts). */
	webhookUrl(webhookId: string, path = 'webhook'): string {
		return `${this.cluster.webhookBaseUrl}/webhook/${webhookId}/${path}`;
	}

	/** Waits until the webhook process serves the trigger (HEAD answers; n8n says 404 until then). */
	async waitForWebhook(url: string, method = 'HEAD', timeoutMs = 60_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			const res = await fetch(url, { method }).catch(() => undefined);
			if (res && res.status !== 404) return;
			await sleep(200);
		}
		throw new Error(`webhook ${method} ${url} was never registered:\n${this.logs()}`);
	}

	/** The n8n processes now running (role: main, webhook, worker-N). */
	processes(): N8nProcess[] {
		return this.cluster.processes();
	}

	/** Postgres's postmaster (its backends are its children) and Redis, for CPU readings. */
	services(): Array<{ role: string; pid: number }> {
		const { postgres, redis } = this.cluster;
		return [{ role: 'postgres', pid: postgres.server.pid }, ...(redis ? [{ role: 'redis', pid: redis.server.pid }] : [])];
	}

	/** Stops every n8n process and starts them again on the same database and queue. */
	async restart(settings: { workers?: number; env?: Record<string, string> } = {}): Promise<void> {
		await this.cluster.restart(settings);
	}

	logs(role?: string, lines = 60): string {
		return this.cluster.logs(role, lines);
	}

	/** The whole log of a role since the set-up started (across restarts). */
	logText(role: string): string {
		const file = join(this.cluster.logDir, `${role}.log`);
		return existsSync(file) ? readFileSync(file, 'utf8') : '';
	}

	/**
	 * The workers that started an execution, one entry per start, from their own "Worker started
	 * execution" lines: an execution that waited and was resumed appears twice.
	 */
	workerRuns(executionId: number): string[] {
		const line = new RegExp(`Worker started execution ${executionId} \\(`, 'g');
		return this.processes()
			.filter((p) => p.role.startsWith('worker-'))
			.flatMap((p) => Array.from(this.logText(p.role).matchAll(line), () => p.role));
	}

	async executions(workflowId?: string): Promise<ExecutionRow[]> {
		const sql = `select id, "workflowId", status, finished, mode, "startedAt", "stoppedAt", "waitTill" from execution_entity${workflowId ? ' where "workflowId" = $1' : ''} order by id`;
		const { rows } = await this.pool.query(sql, workflowId ? [workflowId] : []);
		return rows.map((r) => ({
			id: Number(r.id),
			workflowId: String(r.workflowId),
			status: String(r.status),
			finished: r.finished ? 1 : 0,
			mode: String(r.mode),
			startedAt: iso(r.startedAt),
			stoppedAt: iso(r.stoppedAt),
			waitTill: iso(r.waitTill),
		}));
	}

	async describeExecution(id: number): Promise<string> {
		const { rows } = await this.pool.query('select data from execution_data where "executionId" = $1', [id]);
		if (rows.length === 0) return `execution ${id} has no data`;
		return describeRunData(id, parseExecutionData(String(rows[0].data)));
	}

	/** Waits until `count` executions of the workflow exist and none is still queued or running. */
	async waitForExecutions(
		workflowId: string,
		count: number,
		{ timeoutMs = 120_000, allowWaiting = false }: { timeoutMs?: number; allowWaiting?: boolean } = {},
	): Promise<ExecutionRow[]> {
		const deadline = Date.now() + timeoutMs;
		let rows: ExecutionRow[] = [];
		while (Date.now() < deadline) {
			rows = await this.executions(workflowId);
			const settled = rows.filter((r) => !['new', 'running'].includes(r.status) && (allowWaiting || r.status !== 'waiting'));
			if (rows.length >= count && settled.length === rows.length) return rows;
			await sleep(200);
		}
		throw new Error(
			`expected ${count} settled executions of ${workflowId}, have ${rows.length}: ${JSON.stringify(rows.filter((r) => r.status !== 'success').map((r) => [r.id, r.status]))}\n${this.logs(undefined, 30)}`,
		);
	}

	async stop(): Promise<void> {
		await this.pool.end().catch(() => undefined);
		await this.cluster.stop();
		rmSync(this.workDir, { recursive: true, force: true });
	}
}
