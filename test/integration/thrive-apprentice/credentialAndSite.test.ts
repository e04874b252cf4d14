/**
 * The credential test (through n8n-core's real CredentialTestContext) and a site that is down or missing,
 * over real HTTP.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { runNode, testCredential } from '../../support/n8nEngine';
import { access, delivery, item } from './params';
import { ADMIN, API_KEY, DISABLED_API_KEY, useSandbox } from './sandbox';
import { forward, send, startSiteServer } from './siteServer';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the sandbox is plain CommonJS
const { startSandbox } = require('../../../sandbox') as typeof import('../../../sandbox');

const sandbox = useSandbox();
let downUrl: string;
beforeAll(async () => {
	// A site that was there and is gone: the port is closed.
	const gone = await startSandbox({ port: 0, reset: true });
	downUrl = gone.url;
	await gone.stop();
});

function expectNoSecrets(value: unknown, extra: string[] = []): void {
	const text = JSON.stringify(value);
	for (const secret of [API_KEY, DISABLED_API_KEY, ADMIN.password, Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64'), ...extra]) {
		expect(text).not.toContain(secret);
	}
}

describe('credential test', () => {
	test('both parts work: one OK message naming both', async () => {
		const result = await testCredential(sandbox.credentials());
		expect(result).toEqual({
			status: 'OK',
			message:
				'Connection successful: API key accepted: 6 products offered to ThriveCart (the API key cannot tell published courses from drafts); application password accepted for admin (administrator): 3 published courses.',
		});
		const calls = (await sandbox.requests()).map((entry) => `${entry.path} ${entry.auth}`);
		expect(calls).toEqual(['/wp-json/tva/v1/getCourses apiKey', '/wp-json/wp/v2/users/me apiKey'.replace('apiKey', 'applicationPassword'), '/wp-json/tva/v2/courses applicationPassword']);
	});

	test('only the API key, only the application password', async () => {
		expect(await testCredential(sandbox.credentials({ apiKey: true }))).toEqual({
			status: 'OK',
			message:
				"Connection successful: API key accepted: 6 products offered to ThriveCart (the API key cannot tell published courses from drafts: add the application password to check, or look in Thrive Apprentice > Courses). With the API key alone the node cannot read a member's access back: revoking access granted again for the same order (a resumed subscription, a paid rebill, an upsell in a later delivery) and repairing after a re-import need the application password (see the package README).",
		});
		expect(await testCredential(sandbox.credentials({ applicationPassword: true }))).toEqual({
			status: 'OK',
			message: 'Connection successful: application password accepted for admin (administrator): 3 published courses.',
		});
	});

	test('a wrong or disabled key, a wrong application password: explained, no secret in the message', async () => {
		for (const key of ['WRONG1-WRONG2-WRONG3-WRONG4-WRONG5', DISABLED_API_KEY]) {
			const result = await testCredential(sandbox.credentials({ apiKey: key }));
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/^Thrive Apprentice rejected the API key \(403 not_authorized\)/);
			expectNoSecrets(result, [key]);
		}
		const wrong = { username: 'admin', password: 'nope nope nope nope nope nope' };
		const result = await testCredential(sandbox.credentials({ applicationPassword: wrong }));
		expect(result.message).toMatch(/^WordPress did not accept the application password \(401 rest_not_logged_in\)/);
		expectNoSecrets(result, [wrong.password]);
	});

	test('an editor\'s application password passes (it can use Thrive Apprentice\'s routes) with a warning about users', async () => {
		const result = await testCredential(sandbox.credentials({ applicationPassword: { username: 'editor', password: 'edit EDIT edit EDIT edit EDIT' } }));
		expect(result).toEqual({
			status: 'OK',
			message:
				"Connection successful: application password accepted for editor (editor): 3 published courses. Warning: editor cannot list or create WordPress users, so user operations and granting or revoking with the application password will fail (403). Use an administrator's application password.",
		});
	});

	test('without capabilities in users/me, a one-row users probe decides the warning', async () => {
		// Some security plugins strip `capabilities` from REST answers: this server does that in front of the sandbox.
		const stripped = await startSiteServer(async (request, response) => {
			const answer = await forward(sandbox.url, request);
			if (request.url.startsWith('/wp-json/wp/v2/users/me')) {
				const me = JSON.parse(answer.body);
				delete me.capabilities;
				delete me.extra_capabilities;
				answer.body = JSON.stringify(me);
			}
			send(response, answer);
		});
		try {
			const editor = await testCredential({ siteUrl: stripped.url, apiKey: '', username: 'editor', applicationPassword: 'edit EDIT edit EDIT edit EDIT' });
			expect(editor).toEqual({ status: 'OK', message: expect.stringMatching(/: 3 published courses\. Warning: editor cannot list or create WordPress users/) });
			expect(stripped.received.map((entry) => entry.url)).toContain('/wp-json/wp/v2/users?context=edit&per_page=1');
			const admin = await testCredential({ siteUrl: stripped.url, apiKey: '', username: ADMIN.username, applicationPassword: ADMIN.password });
			expect(admin).toEqual({ status: 'OK', message: 'Connection successful: application password accepted for admin (administrator): 3 published courses.' });
		} finally {
			await stripped.stop();
		}
	});

	test('nothing filled in, half an application password, no site URL', async () => {
		expect(await testCredential({ siteUrl: sandbox.url, apiKey: '', username: '', applicationPassword: '' })).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/^Fill in the API key/),
		});
		expect(await testCredential({ siteUrl: sandbox.url, apiKey: API_KEY, username: 'admin', applicationPassword: '' })).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/add the Application Password/),
		});
		expect(await testCredential({ siteUrl: '', apiKey: API_KEY })).toMatchObject({ status: 'Error', message: expect.stringMatching(/no Site URL/) });
	});

	test('a site that is down, and an HTML answer', async () => {
		const down = await testCredential({ siteUrl: downUrl, apiKey: API_KEY });
		expect(down).toEqual({ status: 'Error', message: `Could not reach ${downUrl}: nothing is listening at that address (connection refused)` });
		await sandbox.settings({ html: 'security-plugin' });
		const blocked = await testCredential(sandbox.credentials());
		await sandbox.settings({ html: false });
		expect(blocked.message).toMatch(/^The site answered with an HTML page instead of JSON/);
	});

	test('every course in draft: the application password says there is no published course; the API key claims nothing about courses', async () => {
		// A sandbox whose courses are all drafts: edit its saved state while it is stopped.
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ta-unpublished-'));
		const first = await startSandbox({ port: 0, dataDir, reset: true });
		await first.stop();
		const file = path.join(dataDir, 'state.json');
		const state = JSON.parse(fs.readFileSync(file, 'utf8'));
		for (const entry of state.courses) entry.status = 'draft';
		fs.writeFileSync(file, JSON.stringify(state));
		const drafts = await startSandbox({ port: 0, dataDir });
		// getCourses on a real site lists every product whatever its courses' status (A1, corrections section):
		// this server answers it as the real site does and hands everything else to the all-drafts sandbox.
		const real = await startSiteServer(async (request, response) => {
			if (request.url.startsWith('/wp-json/tva/v1/getCourses') && request.headers.tva === API_KEY) {
				response.writeHead(200, { 'Content-Type': 'application/json; charset=UTF-8' });
				response.end(JSON.stringify(state.products.map((entry: { id: number; name: string }) => ({ id: entry.id, title: entry.name }))));
				return;
			}
			send(response, await forward(drafts.url, request));
		});
		try {
			const password = await testCredential({ siteUrl: real.url, apiKey: '', username: ADMIN.username, applicationPassword: ADMIN.password });
			expect(password).toEqual({ status: 'Error', message: expect.stringMatching(/^The site answers, but Thrive Apprentice has no published course\. Publish a course in Thrive Apprentice/) });
			expect(password.message).toMatch(/ThriveCart refuses to save/);
			for (const siteUrl of [real.url, drafts.url]) {
				const key = await testCredential({ siteUrl, apiKey: API_KEY, username: '', applicationPassword: '' });
				expect(key.message).not.toMatch(/\d+ published course|a course is published/);
				if (siteUrl === real.url) expect(key).toEqual({ status: 'OK', message: expect.stringMatching(/^Connection successful: API key accepted: 6 products offered to ThriveCart \(the API key cannot tell published courses from drafts/) });
			}
		} finally {
			await real.stop();
			await drafts.stop();
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	});
});

describe('the node against a site that is down or misconfigured', () => {
	test('a closed port: "Could not reach <site>", nothing secret in the error', async () => {
		const { error } = await runNode({
			credentials: { siteUrl: downUrl, apiKey: API_KEY, username: ADMIN.username, applicationPassword: ADMIN.password },
			input: [delivery('down@example.test', '1', [item('product-12')])],
			parameters: access('grant'),
		});
		expect(error?.message).toBe(`Could not reach ${downUrl}: nothing is listening at that address (connection refused)`);
		expect(error?.description).toMatch(/^\(ECONNREFUSED\) Check the Site URL/);
		expectNoSecrets(error);
	});

	test('the same for an application-password operation', async () => {
		const { error } = await runNode({
			credentials: { siteUrl: downUrl, apiKey: '', username: ADMIN.username, applicationPassword: ADMIN.password },
			parameters: { resource: 'user', operation: 'get', email: 'member@sandbox.test' },
		});
		expect(error?.message).toBe(`Could not reach ${downUrl}: nothing is listening at that address (connection refused)`);
		expectNoSecrets(error);
	});

	test('a Site URL that is not WordPress (no route): 404 explained', async () => {
		const { error } = await runNode({
			credentials: { ...sandbox.credentials(), siteUrl: `${sandbox.url}/not-here` },
			parameters: { resource: 'product', operation: 'getMany' },
		});
		// The sandbox answers its HTML 404 page there, for /wp-json/ and for ?rest_route= alike.
		expect(error?.message).toBe('The site answered with an HTML page for both /wp-json/ and ?rest_route= — is the Site URL the address of the WordPress site?');
		expect(error?.description).toMatch(/Check the Site URL in the Thrive Apprentice credential/);
	});

	test('a Site URL without http(s)://', async () => {
		const { error } = await runNode({ credentials: { ...sandbox.credentials(), siteUrl: 'academy.example.test' }, parameters: { resource: 'product', operation: 'getMany' } });
		expect(error?.message).toMatch(/must start with https:\/\//);
	});

	test('the node with no credential at all', async () => {
		const { error } = await runNode({ parameters: { resource: 'product', operation: 'getMany' } });
		expect(error?.message).toMatch(/credential/i);
	});
});
