/**
 * Redirects are never followed: n8n's HTTP client would turn a POST into a GET and send the TVA key or
 * the Basic header to the new address. Over real HTTP, with a site that answers 301 to a second server
 * that records what reaches it.
 */
import { runNode, testCredential } from '../../support/n8nEngine';
import { forgetPermalinks } from '../../../nodes/ThriveApprentice/transport/exchange';
import { ADMIN, API_KEY, useSandbox } from './sandbox';
import { startRedirectingSite, startSiteServer, type SiteServer } from './siteServer';

const sandbox = useSandbox();
let recorder: SiteServer;
let redirecting: SiteServer;

beforeAll(async () => {
	recorder = await startSiteServer((_request, response) => {
		response.writeHead(200, { 'Content-Type': 'application/json' });
		response.end('[]');
	});
	redirecting = await startRedirectingSite(recorder.url.replace('127.0.0.1', 'localhost'));
});
afterAll(async () => {
	await redirecting.stop();
	await recorder.stop();
});
beforeEach(() => {
	recorder.received.length = 0;
	redirecting.received.length = 0;
	forgetPermalinks();
});

const credentials = () => ({ siteUrl: redirecting.url, apiKey: API_KEY, username: ADMIN.username, applicationPassword: ADMIN.password });
const newSite = () => recorder.url.replace('127.0.0.1', 'localhost');

describe('a site that redirects (test server)', () => {
	test('a POST (Create User): fails naming the address to use, nothing reaches the new origin', async () => {
		const { error } = await runNode({ credentials: credentials(), parameters: { resource: 'user', operation: 'create', email: 'moved@example.test' } });
		expect(error?.message).toBe(`Your site redirects ${redirecting.url} → ${newSite()}: set the credential's Site URL to ${newSite()}`);
		expect(error?.description).toMatch(/^The site answered HTTP 301 with Location http:\/\/localhost:\d+\/wp-json\/wp\/v2\/users\. n8n does not follow redirects/);
		expect(redirecting.received.map((entry) => entry.method)).toEqual(['POST']);
		expect(recorder.received).toEqual([]);
		expect(JSON.stringify(error)).not.toContain(ADMIN.password);
	});

	test('an API-key route (Product › Get Many with the API key): the TVA key never goes to the new origin', async () => {
		const { error } = await runNode({ credentials: credentials(), parameters: { resource: 'product', operation: 'getMany', connectWith: 'apiKey', returnAll: true } });
		expect(error?.message).toBe(`Your site redirects ${redirecting.url} → ${newSite()}: set the credential's Site URL to ${newSite()}`);
		expect(redirecting.received).toHaveLength(1);
		expect(redirecting.received[0].headers.tva).toBe(API_KEY);
		expect(recorder.received).toEqual([]);
		expect(JSON.stringify(error)).not.toContain(API_KEY);
	});

	test('a 302 to a login page: no guess at the Site URL, the seller is told where to look', async () => {
		const login = await startSiteServer((request, response) => {
			response.writeHead(302, { Location: `${recorder.url}/wp-login.php?redirect_to=${encodeURIComponent(request.url)}` });
			response.end();
		});
		try {
			const { error } = await runNode({ credentials: { ...credentials(), siteUrl: `${login.url}/academy` }, parameters: { resource: 'course', operation: 'getMany' } });
			expect(error?.message).toBe(
				`Your site redirects ${login.url}/academy to ${recorder.url}/wp-login.php instead of answering: set the credential's Site URL to the address WordPress is installed at`,
			);
			expect(error?.description).toMatch(/Settings > General > Site Address/);
			expect(recorder.received).toEqual([]);
		} finally {
			await login.stop();
		}
	});

	test('the credential test reports the redirect for either part, and follows nothing', async () => {
		for (const parts of [{ apiKey: API_KEY, username: '', applicationPassword: '' }, { apiKey: '', username: ADMIN.username, applicationPassword: ADMIN.password }]) {
			const result = await testCredential({ siteUrl: redirecting.url, ...parts });
			expect(result).toEqual({ status: 'Error', message: `Your site redirects ${redirecting.url} → ${newSite()}: set the credential's Site URL to ${newSite()}` });
		}
		expect(recorder.received).toEqual([]);
	});

	test('a Site URL with a path prefix keeps it in the suggestion', async () => {
		const moved = await startRedirectingSite(`${newSite()}/school`);
		try {
			const { error } = await runNode({ credentials: { ...credentials(), siteUrl: moved.url }, parameters: { resource: 'course', operation: 'getMany' } });
			expect(error?.message).toBe(`Your site redirects ${moved.url} → ${newSite()}/school: set the credential's Site URL to ${newSite()}/school`);
		} finally {
			await moved.stop();
		}
	});
});

describe('the sandbox with redirectTo (bare → other host)', () => {
	test('127.0.0.1 is redirected to localhost: the node says so; with localhost it works', async () => {
		const localhost = sandbox.url.replace('127.0.0.1', 'localhost');
		await sandbox.settings({ redirectTo: localhost } as never);
		await sandbox.clearRequests();
		const { error } = await sandbox.run({ parameters: { resource: 'user', operation: 'create', email: 'moved@example.test' } });
		expect(error?.message).toBe(`Your site redirects ${sandbox.url} → ${localhost}: set the credential's Site URL to ${localhost}`);
		expect((await sandbox.state()).users.map((user) => user.email)).not.toContain('moved@example.test');
		const ok = await runNode({ credentials: { ...sandbox.credentials(), siteUrl: localhost }, parameters: { resource: 'user', operation: 'create', email: 'moved@example.test' } });
		expect(ok.error).toBeUndefined();
		expect(ok.items[0].json).toMatchObject({ email: 'moved@example.test', created: true });
		const result = await testCredential(sandbox.credentials());
		expect(result).toEqual({ status: 'Error', message: `Your site redirects ${sandbox.url} → ${localhost}: set the credential's Site URL to ${localhost}` });
	});
});
