// @ts-check
'use strict';
/** Programmatic start of the Thrive Apprentice sandbox. */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { Store } = require('./store');
const { createServer } = require('./server');

/**
 * @typedef {{ port?: number, host?: string, dataDir?: string, reset?: boolean, latencyMs?: number, seed?: import('./store').SeedName }} SandboxOptions
 * @typedef {{ url: string, port: number, dataDir: string, stop(): Promise<void>, reset(): Promise<void> }} Sandbox
 */

/**
 * Starts the sandbox. Without `dataDir` the state lives in a fresh temporary folder, removed by `stop()`.
 * @param {SandboxOptions} [options]
 * @returns {Promise<Sandbox>}
 */
async function startSandbox(options = {}) {
	const host = options.host || '127.0.0.1';
	const temporary = !options.dataDir;
	const dataDir = options.dataDir ? path.resolve(options.dataDir) : fs.mkdtempSync(path.join(os.tmpdir(), 'ta-sandbox-'));
	const store = new Store(dataDir, { reset: options.reset, latencyMs: options.latencyMs, seed: options.seed });
	let url = '';
	const { server, log } = createServer(store, () => url);
	/** @type {Set<import('net').Socket>} */
	const sockets = new Set();
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port || 0, host, () => resolve(undefined));
	});
	const address = /** @type {import('net').AddressInfo} */ (server.address());
	const urlHost = address.family === 'IPv6' || host.includes(':') ? `[${host}]` : host;
	url = `http://${urlHost}:${address.port}`;
	return {
		url,
		port: address.port,
		dataDir,
		stop: () =>
			new Promise((resolve) => {
				server.close(() => {
					if (temporary) fs.rmSync(dataDir, { recursive: true, force: true });
					resolve();
				});
				// Keep-alive connections (fetch keeps them) would hold close() open.
				for (const socket of sockets) socket.destroy();
			}),
		reset: async () => {
			store.reset();
			log.clear();
		},
	};
}

module.exports = { startSandbox };
