// @ts-check
/**
 * `npm run start:queue [-- --workers 4]` (or WORKERS=4): the Thrive Apprentice sandbox, Postgres, Redis,
 * n8n main, a webhook process and N workers, the templates imported and the queue-mode fulfilment
 * workflow active (templates/*-queue-mode.json: the buyer's turn taken in Redis);
 * prints where everything is and stops it all on Ctrl-C. Every step says what it does; a failing step
 * says what failed with the command's own error. Run through scripts/start-queue.sh (it builds first).
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { startCluster, NODE24 } = require('./cluster');
const { Managed, portInUse, answersOk, sleep } = require('./processes');
const { sandboxCredentials, templateFiles, loadTemplate, forSandbox, THRIVECART_SECRET_WORD } = require('../sandbox-setup');
const { triggerWebhookId } = require('../main-job');
const { QUEUE_MODE_TEMPLATE } = require('../queue-mode-template');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const RUNTIME = path.join(ROOT, '.runtime');

/** @param {string[]} argv */
function workerCount(argv) {
	const i = argv.indexOf('--workers');
	const raw = i >= 0 ? argv[i + 1] : (process.env.WORKERS ?? '2');
	const count = Number(raw);
	if (!Number.isInteger(count) || count < 1 || count > 16) throw new Error(`--workers / WORKERS must be a whole number from 1 to 16 (got ${raw})`);
	return count;
}

/** @param {string} name @param {number} fallback */
async function port(name, fallback) {
	const value = Number(process.env[name] ?? fallback);
	if (await portInUse(value)) throw new Error(`port ${value} (${name}) is already in use: stop what listens there or set ${name}=<another port>`);
	return value;
}

const loud = (/** @type {string} */ message) => process.stderr.write(`\n\x1b[1;31m!!! ${message}\x1b[0m\n\n`);

async function main() {
	const workers = workerCount(process.argv.slice(2));
	const mainPort = await port('N8N_PORT', 5678);
	const webhookPort = await port('WEBHOOK_PORT', 5688);
	const sandboxPort = await port('SANDBOX_PORT', 8090);
	const logDir = path.join(RUNTIME, 'queue-logs');
	fs.rmSync(logDir, { recursive: true, force: true });
	fs.mkdirSync(logDir, { recursive: true });
	// User folders and databases outside the repository, fresh each run, removed at Ctrl-C.
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-ta-queue-job-'));

	/** @type {Array<() => Promise<void>>} */
	const stops = [];
	let stopping = false;
	const stopAll = async () => {
		stopping = true;
		for (const stop of stops.reverse()) await stop().catch((e) => process.stderr.write(`${e.message}\n`));
		fs.rmSync(workDir, { recursive: true, force: true });
	};
	const onSignal = () => {
		if (stopping) return;
		process.stdout.write('\nStopping n8n, Redis, Postgres and the sandbox...\n');
		stopAll().then(() => process.exit(0));
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);

	try {
		console.log(`Starting the Thrive Apprentice sandbox on 127.0.0.1:${sandboxPort}...`);
		const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
		const sandbox = new Managed('sandbox', NODE24, [path.join(ROOT, 'sandbox', 'cli.js'), '--port', String(sandboxPort), '--data', path.join(RUNTIME, 'queue-sandbox-data')], {
			logFile: path.join(logDir, 'sandbox.log'),
		});
		stops.push(() => sandbox.stop());
		await sandbox.waitUntil(() => answersOk(`${sandboxUrl}/__sandbox/health`), 'the sandbox answering', 30_000);

		const workflows = templateFiles().map((/** @type {string} */ file) => forSandbox(loadTemplate(file)));
		const fulfilment = loadTemplate(QUEUE_MODE_TEMPLATE);
		const cluster = await startCluster({
			workDir,
			logDir,
			mode: 'queue',
			workers,
			mainPort,
			webhookPort,
			credentials: sandboxCredentials({ sandboxUrl }),
			workflows,
			publish: [fulfilment.id],
			encryptionKey: process.env.N8N_ENCRYPTION_KEY ?? 'local-queue-job-key',
			say: (message) => console.log(`${message}...`),
			onAlert: (message) => loud(`A SALE IS BEING LOST: ${message}\n    Install the package on that worker (same version as main) and restart; then re-run the failed executions.`),
		});
		stops.push(() => cluster.stop());

		const webhookUrl = `${cluster.webhookBaseUrl}/webhook/${triggerWebhookId(fulfilment)}/webhook`;
		console.log('Waiting for the webhook process to serve the fulfilment workflow...');
		const deadline = Date.now() + 120_000;
		while (!(await fetch(webhookUrl, { method: 'HEAD' }).then((r) => r.status === 200).catch(() => false))) {
			if (Date.now() > deadline) throw new Error(`the webhook process never served ${webhookUrl}:\n${cluster.logs('webhook')}\n${cluster.logs('main')}`);
			await sleep(500);
		}
		// npm run send-order reads this (the same file npm start writes).
		fs.writeFileSync(
			path.join(RUNTIME, 'main-job.json'),
			JSON.stringify({ workflowId: fulfilment.id, workflowName: fulfilment.name, webhookUrl, sandboxUrl, secretWord: THRIVECART_SECRET_WORD }, null, 2),
		);
		// A process that dies while the set-up runs is said at once, with its last words.
		const watch = setInterval(() => {
			for (const p of cluster.processes()) {
				if (!p.running && !stopping) {
					clearInterval(watch);
					loud(`${p.role} (pid ${p.pid}) stopped unexpectedly; its log is ${path.join(logDir, `${p.role}.log`)}:\n${cluster.logs(p.role, 20)}`);
				}
			}
		}, 2000);
		stops.push(async () => clearInterval(watch));

		console.log(`
  Queue mode: n8n main + 1 webhook process + ${workers} worker(s), Postgres 127.0.0.1:${cluster.postgres.port}, Redis ${cluster.redis?.url}
  n8n editor (main):     http://localhost:${mainPort}   (first visit: create the owner account)
  Fulfilment workflow:   "${fulfilment.name}" (active)
  Webhook URL for ThriveCart (the webhook process):
                         ${webhookUrl}
  Redis credential "Redis (n8n's queue)" (the buyer's turn in the queue-mode template): ${cluster.redis?.url}
  Thrive Apprentice sandbox: ${sandboxUrl}   (state: ${sandboxUrl}/__sandbox/state)
  Logs: ${path.relative(process.cwd(), logDir)}/{main,webhook,worker-N,postgres,redis,sandbox}.log
  Package check: the same ${JSON.parse(fs.readFileSync(path.join(RUNTIME, 'package', 'package.json'), 'utf8')).version} on main, webhook and every worker.

  Send a sample order in another terminal:   npm run send-order
  Ctrl-C stops everything (n8n's database and queue are discarded; the sandbox keeps .runtime/queue-sandbox-data).
`);
	} catch (error) {
		loud(`start:queue failed: ${error instanceof Error ? error.message : String(error)}`);
		await stopAll();
		process.exit(1);
	}
}

main();
