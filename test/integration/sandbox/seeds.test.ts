// Seeds and start options: the 'recordings' seed beside the default one, options as the sandbox's defaults.
import { spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { startSandbox } from '../../../sandbox';
import recordingsSeed from '../../../sandbox/seed-recordings.json';
import { KEY, call, sandboxState, setSettings } from './helpers';

const RECORDINGS_KEY = recordingsSeed.site.apiKeys[0].key;
const getCourses = (url: string, key: string) => call(`${url}/wp-json/tva/v1/getCourses`, { headers: { TVA: key } });

describe("startSandbox({ seed: 'recordings' })", () => {
	it('starts from the recorded site and reset() comes back to it, not to the default seed', async () => {
		const sandbox = await startSandbox({ seed: 'recordings' });
		try {
			expect((await getCourses(sandbox.url, RECORDINGS_KEY)).body).toEqual([
				{ id: 15, title: 'Acceptance Product 1' },
				{ id: 16, title: 'Acceptance Product 2' },
			]);
			expect((await getCourses(sandbox.url, KEY)).status).toBe(403);
			await sandbox.reset();
			expect((await getCourses(sandbox.url, RECORDINGS_KEY)).status).toBe(200);
		} finally {
			await sandbox.stop();
		}
	});

	it('does not take over a state file saved from another seed', async () => {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ta-sandbox-seed-'));
		try {
			const first = await startSandbox({ dataDir });
			await first.stop();
			const second = await startSandbox({ dataDir, seed: 'recordings' });
			expect((await getCourses(second.url, RECORDINGS_KEY)).status).toBe(200);
			await second.stop();
		} finally {
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	});

	it('refuses an unknown seed', async () => {
		await expect(startSandbox({ seed: 'nope' as 'default' })).rejects.toThrow(/Unknown sandbox seed nope/);
	});
});

describe('settings as start options', () => {
	it('are the sandbox defaults that reset keeps; a bad one is refused', async () => {
		const sandbox = await startSandbox({ permalinks: 'plain', phpNotices: true });
		try {
			await setSettings(sandbox.url, { permalinks: 'pretty' });
			await call(`${sandbox.url}/__sandbox/reset`, { method: 'POST' });
			const { settings } = await sandboxState(sandbox.url);
			expect([settings.permalinks, settings.phpNotices]).toEqual(['plain', true]);
		} finally {
			await sandbox.stop();
		}
		await expect(startSandbox({ permalinks: 'ugly' as 'plain' })).rejects.toThrow(/permalinks/);
	});
});

describe('the CLI with --seed', () => {
	it('serves the chosen seed, and refuses an unknown one', async () => {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ta-sandbox-cli-'));
		const cli = path.join(__dirname, '../../../sandbox/cli.js');
		const child = spawn(process.execPath, [cli, '--port', '0', '--data', dataDir, '--reset', '--seed', 'recordings'], { stdio: ['ignore', 'pipe', 'pipe'] });
		try {
			const line = await new Promise<string>((resolve, reject) => {
				let out = '';
				child.stdout.on('data', (chunk: Buffer) => {
					out += chunk.toString();
					if (out.includes('\n')) resolve(out.split('\n')[0]);
				});
				child.on('exit', (code) => reject(new Error(`exited with ${code}`)));
			});
			const url = line.replace('Thrive Apprentice sandbox listening on ', '');
			expect((await getCourses(url, RECORDINGS_KEY)).status).toBe(200);
		} finally {
			const exited = new Promise((resolve) => child.on('exit', resolve));
			child.kill('SIGTERM');
			await exited;
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
		const bad = spawn(process.execPath, [cli, '--seed', 'nope'], { stdio: ['ignore', 'pipe', 'pipe'] });
		let err = '';
		bad.stderr.on('data', (c: Buffer) => (err += c.toString()));
		expect(await new Promise((resolve) => bad.on('exit', resolve))).toBe(2);
		expect(err).toContain('--seed must be one of default, recordings, recordings-unseeded');
	});
});
