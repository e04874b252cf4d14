// The sandbox's own controls, its request log and emails, persistence, routing and the CLI.
import { spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { startSandbox } from '../../../sandbox';
import { ADMIN, KEY, adminAuth, asAdmin, basic, call, newOrder, newOrderBody, rest, sandboxRequests, sandboxState, setSettings, useSandbox, withKey } from './helpers';

const ctx = useSandbox();

describe('control routes', () => {
	it('GET /__sandbox/health answers ok', async () => {
		expect((await call(`${ctx.url}/__sandbox/health`)).body).toEqual({ ok: true });
	});

	it('POST /__sandbox/reset re-seeds, ids included', async () => {
		await newOrder(ctx.url);
		expect((await call(`${ctx.url}/__sandbox/reset`, { method: 'POST' })).status).toBe(200);
		const state = await sandboxState(ctx.url);
		expect(state.orders).toEqual([]);
		expect(state.emails).toEqual([]);
		expect(state.users.map((u) => u.id)).toEqual([1, 2, 3, 4]);
		expect((await newOrder(ctx.url)).body).toEqual({ order_id: 1, user_id: 5 });
	});

	it('GET /__sandbox/state has users without passwords, orders with items, emails and settings', async () => {
		await newOrder(ctx.url);
		const state = await sandboxState(ctx.url);
		expect(Object.keys(state).sort()).toEqual(['emails', 'orders', 'settings', 'users']);
		expect(state.orders[0].items).toHaveLength(1);
		expect(state.settings).toEqual({
			thrivecartNewAccountEmail: true,
			wordpressNewAccountEmail: true,
			html: false,
			latencyMs: 0,
			phpNotices: false,
			redirectTo: null,
			permalinks: 'pretty',
			loseAnswers: null,
		});
		const text = JSON.stringify(state.users);
		expect(text).not.toContain(ADMIN.password);
		expect(text).not.toMatch(/password/i);
	});

	it('GET /__sandbox/emails lists the recorded emails', async () => {
		await newOrder(ctx.url);
		const emails = (await call(`${ctx.url}/__sandbox/emails`)).body;
		expect(emails).toHaveLength(2);
		expect(emails[0]).toEqual({ id: 1, to: 'jane@example.test', subject: expect.any(String), kind: 'new-account', body: expect.any(String), at: expect.any(String) });
	});

	it('POST /__sandbox/settings refuses unknown settings and bad values', async () => {
		expect((await setSettings(ctx.url, { colour: 'blue' })).status).toBe(400);
		expect((await setSettings(ctx.url, { html: 'firewall' })).status).toBe(400);
		expect((await setSettings(ctx.url, { latencyMs: -1 })).status).toBe(400);
		expect((await sandboxState(ctx.url)).settings.html).toBe(false);
	});

	it('latencyMs delays REST answers', async () => {
		await setSettings(ctx.url, { latencyMs: 60 });
		const started = Date.now();
		await withKey(ctx.url, '/tva/v1/getCourses');
		expect(Date.now() - started).toBeGreaterThanOrEqual(50);
	});
});

describe('the html setting', () => {
	it("'security-plugin' makes every /wp-json answer a 403 HTML page", async () => {
		await setSettings(ctx.url, { html: 'security-plugin' });
		for (const answer of [await withKey(ctx.url, '/tva/v1/getCourses'), await asAdmin(ctx.url, '/wp/v2/users/me'), await rest(ctx.url, '/nothing/here')]) {
			expect(answer.status).toBe(403);
			expect(answer.headers.get('content-type')).toContain('text/html');
			expect(answer.body).toBeUndefined();
		}
	});

	it("'maintenance' makes them 503 HTML pages, and nothing is stored", async () => {
		await setSettings(ctx.url, { html: 'maintenance' });
		const answer = await newOrder(ctx.url);
		expect(answer.status).toBe(503);
		expect(answer.text).toContain('maintenance');
		await setSettings(ctx.url, { html: false });
		expect((await sandboxState(ctx.url)).orders).toEqual([]);
		expect((await withKey(ctx.url, '/tva/v1/getCourses')).status).toBe(200);
	});
});

describe('routing like WordPress', () => {
	it('answers an unknown route with 404 rest_no_route', async () => {
		const answer = await rest(ctx.url, '/tva/v1/nothing');
		expect(answer.status).toBe(404);
		expect(answer.body).toEqual({ code: 'rest_no_route', message: 'No route was found matching the URL and request method.', data: { status: 404 } });
	});

	it('answers a known route with the wrong method with rest_no_route', async () => {
		expect((await withKey(ctx.url, '/tva/v1/newOrder')).body.code).toBe('rest_no_route');
	});

	it('matches routes case-insensitively, with a trailing slash, and through ?rest_route=', async () => {
		expect((await withKey(ctx.url, '/tva/v1/getcourses/')).status).toBe(200);
		expect((await call(`${ctx.url}/?rest_route=/tva/v1/getCourses`, { headers: { TVA: KEY } })).status).toBe(200);
	});

	it('serves the /wp-json/ index with the namespaces', async () => {
		const answer = await rest(ctx.url, '/');
		expect(answer.status).toBe(200);
		expect(answer.body.namespaces).toEqual(expect.arrayContaining(['wp/v2', 'tva/v1', 'tva/v2']));
	});
});

describe('the request log', () => {
	it('records REST calls with method, path, query, status and kind of credentials', async () => {
		await withKey(ctx.url, '/tva/v1/getCourses');
		await asAdmin(ctx.url, '/tva/v1/customer?s=jane&limit=5');
		await rest(ctx.url, '/tva/v1/products');
		await call(`${ctx.url}/__sandbox/state`);
		const log = await sandboxRequests(ctx.url);
		expect(log.map(({ at: _at, ...entry }) => entry)).toEqual([
			{ method: 'GET', path: '/wp-json/tva/v1/getCourses', query: {}, status: 200, auth: 'apiKey' },
			{ method: 'GET', path: '/wp-json/tva/v1/customer', query: { s: 'jane', limit: '5' }, status: 200, auth: 'applicationPassword' },
			{ method: 'GET', path: '/wp-json/tva/v1/products', query: {}, status: 401, auth: 'none' },
		]);
	});

	it('classifies a key sent as Basic or ?auth= as apiKey and never shows it', async () => {
		await rest(ctx.url, '/tva/v1/getCourses', { headers: { Authorization: basic('x', KEY) } });
		const auth = Buffer.from(`x:${KEY}`).toString('base64');
		await rest(ctx.url, `/tva/v1/getCourses?auth=${encodeURIComponent(auth)}`);
		const log = await sandboxRequests(ctx.url);
		expect(log.map((e) => e.auth)).toEqual(['apiKey', 'apiKey']);
		expect(JSON.stringify(log)).not.toContain(KEY);
		expect(JSON.stringify(log)).not.toContain(auth);
		expect(JSON.stringify(log)).not.toContain(adminAuth);
	});

	it('DELETE /__sandbox/requests clears it', async () => {
		await withKey(ctx.url, '/tva/v1/getCourses');
		await call(`${ctx.url}/__sandbox/requests`, { method: 'DELETE' });
		expect(await sandboxRequests(ctx.url)).toEqual([]);
	});
});

describe('persistence', () => {
	it('keeps the state across a restart with the same dataDir, ids included', async () => {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ta-sandbox-test-'));
		const first = await startSandbox({ dataDir });
		await newOrder(first.url);
		await first.stop();
		const saved = JSON.parse(fs.readFileSync(path.join(dataDir, 'state.json'), 'utf8'));
		expect(saved.orders).toHaveLength(1);
		expect(fs.readdirSync(dataDir)).toEqual(['state.json']);
		const second = await startSandbox({ dataDir });
		try {
			expect((await sandboxState(second.url)).orders).toHaveLength(1);
			expect((await newOrder(second.url, newOrderBody({ email: 'second@example.test' }))).body).toEqual({ order_id: 2, user_id: 6 });
		} finally {
			await second.stop();
		}
		const third = await startSandbox({ dataDir, reset: true });
		try {
			expect((await sandboxState(third.url)).orders).toEqual([]);
		} finally {
			await third.stop();
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	});
});

describe('the CLI', () => {
	it('prints one line with the URL, serves, and stops on SIGTERM', async () => {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ta-sandbox-cli-'));
		const child = spawn(process.execPath, [path.join(__dirname, '../../../sandbox/cli.js'), '--port', '0', '--data', dataDir, '--reset'], { stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		const line = await new Promise<string>((resolve, reject) => {
			child.stdout.on('data', (chunk: Buffer) => {
				out += chunk.toString();
				if (out.includes('\n')) resolve(out.split('\n')[0]);
			});
			child.on('exit', (code) => reject(new Error(`exited with ${code}`)));
		});
		const match = /^Thrive Apprentice sandbox listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
		expect(match).not.toBeNull();
		expect((await call(`${match![1]}/__sandbox/health`)).body).toEqual({ ok: true });
		const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
		child.kill('SIGTERM');
		expect(await exited).toBe(0);
		expect(fs.existsSync(path.join(dataDir, 'state.json'))).toBe(true);
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	it('refuses an unknown option', async () => {
		const child = spawn(process.execPath, [path.join(__dirname, '../../../sandbox/cli.js'), '--colour'], { stdio: ['ignore', 'pipe', 'pipe'] });
		let err = '';
		child.stderr.on('data', (c: Buffer) => (err += c.toString()));
		const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
		expect(code).toBe(2);
		expect(err).toContain('Unknown option --colour');
	});
});

describe('startSandbox without a dataDir', () => {
	it('keeps the state in a temporary folder and removes it on stop', async () => {
		const sandbox = await startSandbox();
		expect(fs.existsSync(path.join(sandbox.dataDir, 'state.json'))).toBe(true);
		await sandbox.stop();
		expect(fs.existsSync(sandbox.dataDir)).toBe(false);
	});
});
