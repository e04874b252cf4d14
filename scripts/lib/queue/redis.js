// @ts-check
/**
 * Redis from Debian's `redis-server` package as a plain process on 127.0.0.1 with its own folder and no
 * persistence: n8n's queue (Bull) keeps its jobs here while they wait for a worker.
 */
const fs = require('fs');
const net = require('net');
const path = require('path');
const { Managed, freePort } = require('./processes');

function redisBinary() {
	for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/bin', '/usr/sbin']) {
		if (dir && fs.existsSync(path.join(dir, 'redis-server'))) return path.join(dir, 'redis-server');
	}
	throw new Error('redis-server is not installed: run `bash scripts/prerequisites.sh postgresql redis-server`');
}

/** PING over RESP. @param {number} port @returns {Promise<boolean>} */
function ping(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let answer = '';
		socket.setTimeout(2000, () => socket.destroy());
		socket.once('connect', () => socket.write('*1\r\n$4\r\nPING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk.toString();
			if (answer.includes('\r\n')) socket.end();
		});
		socket.once('close', () => resolve(answer.startsWith('+PONG')));
		socket.once('error', () => resolve(false));
	});
}

/** @param {{ workDir: string, logDir: string, port?: number }} options */
async function startRedis({ workDir, logDir, port }) {
	const dir = path.join(workDir, 'redis');
	fs.mkdirSync(dir, { recursive: true });
	const listenPort = port ?? (await freePort());
	const args = ['--bind', '127.0.0.1', '--port', String(listenPort), '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--logfile', ''];
	const server = new Managed('redis', redisBinary(), args, { logFile: path.join(logDir, 'redis.log') });
	await server.waitUntil(() => ping(listenPort), `Redis answering PING on 127.0.0.1:${listenPort}`, 30_000);
	return {
		port: listenPort,
		server,
		/** The URL the Thrive Apprentice credential's queue-mode setting takes. */
		url: `redis://127.0.0.1:${listenPort}/0`,
		env: { QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(listenPort) },
		stop: () => server.stop('SIGTERM', 10_000),
	};
}

module.exports = { startRedis, ping };
