// @ts-check
/**
 * Postgres from Debian's `postgresql` package as a plain process: a fresh data folder made by initdb,
 * listening only on 127.0.0.1 (no Unix socket), trust authentication for the local `n8n` role, and one
 * database for n8n. Postgres refuses to run as root, so as root it runs as the `postgres` user the
 * package creates (setpriv execs it directly, so the process we hold is the postmaster itself).
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { Managed, freePort } = require('./processes');

const ROLE = 'n8n';
const DATABASE = 'n8n';

/** The newest `/usr/lib/postgresql/<version>/bin` (Debian keeps the server binaries off PATH). */
function postgresBinDir() {
	const base = '/usr/lib/postgresql';
	const versions = fs.existsSync(base)
		? fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))
		: [];
	if (versions.length > 0) return path.join(base, versions[0], 'bin');
	for (const dir of (process.env.PATH ?? '').split(':')) if (dir && fs.existsSync(path.join(dir, 'initdb'))) return dir;
	throw new Error('Postgres is not installed (no initdb in /usr/lib/postgresql/*/bin or on PATH): run `bash scripts/prerequisites.sh postgresql redis-server`');
}

/** How to run a Postgres binary: as the `postgres` user when we are root. */
function asPostgresUser() {
	if (process.getuid?.() !== 0) return { prefix: /** @type {string[]} */ ([]), uid: undefined, gid: undefined };
	const id = (/** @type {string} */ flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
	const uid = id('-u');
	const gid = id('-g');
	return { prefix: ['setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', '--'], uid, gid };
}

/** @param {string[]} prefix @param {string} bin @param {string[]} args */
function command(prefix, bin, args) {
	const [first, ...rest] = [...prefix, bin, ...args];
	return { file: first, args: rest };
}

/**
 * @param {{ logDir: string, port?: number, durable?: boolean }} options `durable: false` turns off fsync
 *   (tests: nothing to keep after a crash; the benchmarks keep Postgres's defaults)
 */
async function startPostgres({ logDir, port, durable = true }) {
	const bin = postgresBinDir();
	const user = asPostgresUser();
	// Its own folder directly under the temp dir: the postgres user must be able to reach it.
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-ta-postgres-'));
	if (user.uid !== undefined && user.gid !== undefined) fs.chownSync(dataDir, user.uid, user.gid);
	const run = (/** @type {string} */ name, /** @type {string[]} */ args) => {
		const c = command(user.prefix, path.join(bin, name), args);
		try {
			return execFileSync(c.file, c.args, { cwd: os.tmpdir(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
		} catch (error) {
			const e = /** @type {{ stdout?: string, stderr?: string, message: string }} */ (error);
			throw new Error(`${name} ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
		}
	};
	run('initdb', ['-D', dataDir, '-U', ROLE, '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-instructions']);
	const listenPort = port ?? (await freePort());
	const settings = ['listen_addresses=127.0.0.1', `port=${listenPort}`, 'unix_socket_directories=', 'max_connections=200'];
	if (!durable) settings.push('fsync=off', 'synchronous_commit=off', 'full_page_writes=off');
	const c = command(user.prefix, path.join(bin, 'postgres'), ['-D', dataDir, ...settings.flatMap((s) => ['-c', s])]);
	const server = new Managed('postgres', c.file, c.args, { cwd: os.tmpdir(), logFile: path.join(logDir, 'postgres.log') });
	const psql = (/** @type {string} */ sql, database = 'postgres') =>
		execFileSync(path.join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(listenPort), '-U', ROLE, '-d', database, '-XAtqc', sql], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
		});
	await server.waitUntil(async () => psql('select 1').trim() === '1', `Postgres answering on 127.0.0.1:${listenPort}`, 60_000);
	psql(`create database ${DATABASE}`);
	return {
		port: listenPort,
		dataDir,
		server,
		/** The settings every n8n process gets. */
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(listenPort),
			DB_POSTGRESDB_DATABASE: DATABASE,
			DB_POSTGRESDB_USER: ROLE,
			DB_POSTGRESDB_PASSWORD: '',
		},
		connection: { host: '127.0.0.1', port: listenPort, database: DATABASE, user: ROLE },
		psql,
		async stop() {
			// SIGINT is Postgres's "fast" shutdown: ends sessions, checkpoints, exits.
			await server.stop('SIGINT', 30_000);
			fs.rmSync(dataDir, { recursive: true, force: true });
		},
	};
}

module.exports = { startPostgres, postgresBinDir };
