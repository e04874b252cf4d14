// @ts-check
/**
 * The plain-process plumbing of the queue-mode set-up: free loopback ports, a started process whose
 * output goes to a log file and a short in-memory tail (for error messages), readiness polling that
 * gives up with the process's own words, and a stop that waits for the exit.
 */
const fs = require('fs');
const net = require('net');
const { spawn } = require('child_process');

/** @returns {Promise<number>} a port nothing listens on at 127.0.0.1 right now */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

/** @param {number} port @returns {Promise<boolean>} whether something already listens there */
function portInUse(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

const TAIL_CHARS = 400_000;

class Managed {
	/**
	 * @param {string} name e.g. `worker-2`
	 * @param {string} command
	 * @param {string[]} args
	 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string, logFile: string, onLine?: (line: string) => void }} options
	 */
	constructor(name, command, args, options) {
		this.name = name;
		this.logFile = options.logFile;
		this.tail = '';
		const log = fs.createWriteStream(options.logFile, { flags: 'a' });
		this.child = spawn(command, args, { env: options.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
		/** @type {number} */
		this.pid = this.child.pid ?? 0;
		let partial = '';
		const keep = (/** @type {Buffer} */ chunk) => {
			const text = chunk.toString();
			log.write(chunk);
			this.tail = (this.tail + text).slice(-TAIL_CHARS);
			if (!options.onLine) return;
			const lines = (partial + text).split('\n');
			partial = lines.pop() ?? '';
			for (const line of lines) options.onLine(line);
		};
		this.child.stdout?.on('data', keep);
		this.child.stderr?.on('data', keep);
		/** @type {Promise<number | null>} */
		this.exited = new Promise((resolve) => {
			this.child.once('exit', (code, signal) => {
				log.end();
				resolve(code ?? (signal ? -1 : null));
			});
			this.child.once('error', (error) => {
				this.tail += `\n${error.message}`;
				log.end();
				resolve(-1);
			});
		});
	}

	get running() {
		return this.child.exitCode === null && this.child.signalCode === null;
	}

	/** The last lines of its output, for an error message. @param {number} [lines] */
	lastLines(lines = 40) {
		return this.tail.split('\n').slice(-lines).join('\n');
	}

	/**
	 * Waits until `probe()` is true; throws with the process's output if it exits or time runs out. Five
	 * minutes by default: six n8n processes starting at once on a busy 2-core machine took over two.
	 */
	async waitUntil(/** @type {() => Promise<boolean>} */ probe, /** @type {string} */ what, timeoutMs = 300_000) {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (!this.running) throw new Error(`${this.name} exited before ${what}; its last output (${this.logFile}):\n${this.lastLines()}`);
			if (await probe().catch(() => false)) return;
			await sleep(250);
		}
		throw new Error(`${this.name}: no ${what} within ${timeoutMs / 1000} s; its last output (${this.logFile}):\n${this.lastLines()}`);
	}

	/** Signals the process (SIGTERM unless told) and waits for the exit, SIGKILL after `graceMs`. */
	async stop(signal = /** @type {NodeJS.Signals} */ ('SIGTERM'), graceMs = 20_000) {
		if (!this.running) return;
		const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
		this.child.kill(signal);
		await this.exited;
		clearTimeout(timer);
	}
}

/** @param {string} url @returns {Promise<boolean>} */
async function answersOk(url) {
	const res = await fetch(url).catch(() => undefined);
	return Boolean(res && res.ok);
}

module.exports = { freePort, portInUse, Managed, answersOk, sleep };
