// @ts-check
'use strict';
/** Programmatic start of the Thrive Apprentice sandbox. */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { Store } = require('./store');
const { createServer } = require('./server');
const { parseSettings } = require('./settings');

/**
 * @typedef {{ port?: number, host?: string, dataDir?: string, reset?: boolean, seed?: import('./store').SeedName }
 *   & Partial<import('./settings').Settings>} SandboxOptions Settings given here are this sandbox's defaults.
 * @typedef {{ url: string, port: number, dataDir: string, stop(): Promise<void>, reset(): Promise<void> }} Sandbox
 */

/**
 * Starts the sandbox. Without `dataDir` the state lives in a fresh temporary folder, removed by `stop()`.
 * @param {SandboxOptions} [options]
 * @returns {Promise<Sandbox>}
 */
async function startSandbox(options = {}) {
	const { port, host: _host, dataDir: _dir, reset, seed, ...given } = options;
	const parsed = parseSettings(Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)));
	if ('error' in parsed) throw new Error(`startSandbox: ${parsed.error}`);
	const host = options.host || '127.0.0.1';
	const temporary = !options.dataDir;
	const dataDir = options.dataDir ? path.resolve(options.dataDir) : fs.mkdtempSync(path.join(os.tmpdir(), 'ta-sandbox-'));
	const store = new Store(dataDir, { reset, seed, settings: parsed.settings });
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
		server.listen(port || 0, host, () => resolve(undefined));
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
