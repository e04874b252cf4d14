#!/usr/bin/env node
// @ts-check
'use strict';
/** `npm run sandbox -- [--port 8090] [--host 127.0.0.1] [--data .sandbox-data] [--reset] [--latency 0] [--seed default]` */
const { startSandbox } = require('./index');
const { SEEDS } = require('./store');

const USAGE = 'Usage: npm run sandbox -- [--port 8090] [--host 127.0.0.1] [--data .sandbox-data] [--reset] [--latency 0] [--seed default|recordings|recordings-unseeded]';

/**
 * @param {string[]} argv
 * @returns {{ port: number, host: string, dataDir: string, reset: boolean, latencyMs: number, seed?: import('./store').SeedName } | { error: string }}
 */
function parseArgs(argv) {
	/** @type {{ port: number, host: string, dataDir: string, reset: boolean, latencyMs: number, seed?: import('./store').SeedName }} */
	const options = { port: 8090, host: '127.0.0.1', dataDir: '.sandbox-data', reset: false, latencyMs: 0 };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const value = () => {
			const v = argv[++i];
			if (v === undefined) throw new Error(`${arg} needs a value`);
			return v;
		};
		try {
			if (arg === '--port') options.port = Number(value());
			else if (arg === '--host') options.host = value();
			else if (arg === '--data') options.dataDir = value();
			else if (arg === '--reset') options.reset = true;
			else if (arg === '--latency') options.latencyMs = Number(value());
			else if (arg === '--seed') {
				const seed = value();
				if (!Object.prototype.hasOwnProperty.call(SEEDS, seed)) return { error: `--seed must be one of ${Object.keys(SEEDS).join(', ')}` };
				options.seed = /** @type {import('./store').SeedName} */ (seed);
			}
			else return { error: `Unknown option ${arg}` };
		} catch (e) {
			return { error: String(e instanceof Error ? e.message : e) };
		}
	}
	if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) return { error: '--port must be a port number' };
	if (!Number.isFinite(options.latencyMs) || options.latencyMs < 0) return { error: '--latency must be a number of milliseconds' };
	return options;
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	if ('error' in options) {
		process.stderr.write(`${options.error}\n${USAGE}\n`);
		process.exit(2);
	}
	const sandbox = await startSandbox(options);
	process.stdout.write(`Thrive Apprentice sandbox listening on ${sandbox.url}\n`);
	let stopping = false;
	const stop = () => {
		if (stopping) return;
		stopping = true;
		sandbox.stop().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	process.stderr.write(`Could not start the sandbox: ${error && error.message ? error.message : error}\n`);
	process.exit(1);
});
