// redirectTo: a site that answers 301 under any other host (http→https, bare→www), before auth or routing.
import { KEY, adminAuth, rawRequest, sandboxRequests, setSettings, useSandbox } from './helpers';

const ctx = useSandbox();
const port = () => ctx.sandbox.port;
const canonical = () => `http://localhost:${port()}`;

describe('redirectTo', () => {
	beforeEach(async () => {
		await setSettings(ctx.url, { redirectTo: canonical() });
	});

	it('answers 301 to the same path and query under the canonical origin, as HTML', async () => {
		const answer = await rawRequest(port(), { path: '/wp-json/tva/v1/getCourses?x=1', headers: { Host: `127.0.0.1:${port()}`, TVA: KEY } });
		expect(answer.status).toBe(301);
		expect(answer.headers.location).toBe(`${canonical()}/wp-json/tva/v1/getCourses?x=1`);
		expect(answer.headers['content-type']).toMatch(/^text\/html/);
		expect(answer.text).toContain('Moved Permanently');
	});

	it('redirects before auth and routing: a POST without credentials and an unknown route get the same 301', async () => {
		const post = await rawRequest(port(), { method: 'POST', path: '/wp-json/tva/v1/newOrder', headers: { Host: `127.0.0.1:${port()}`, 'Content-Type': 'application/json' }, body: '{}' });
		expect(post.status).toBe(301);
		const unknown = await rawRequest(port(), { path: '/?rest_route=/nope', headers: { Host: `127.0.0.1:${port()}`, Authorization: adminAuth } });
		expect(unknown.status).toBe(301);
		expect(unknown.headers.location).toBe(`${canonical()}/?rest_route=/nope`);
		expect((await sandboxRequests(ctx.url)).map((r) => [r.method, r.path, r.status])).toEqual([
			['POST', '/wp-json/tva/v1/newOrder', 301],
			['GET', '/', 301],
		]);
	});

	it('serves requests that arrive with the canonical Host', async () => {
		const answer = await rawRequest(port(), { path: '/wp-json/tva/v1/getCourses', headers: { Host: `localhost:${port()}`, TVA: KEY } });
		expect(answer.status).toBe(200);
		expect(JSON.parse(answer.text)).toHaveLength(6);
	});

	it('leaves the sandbox controls alone, and null switches it off', async () => {
		expect((await setSettings(ctx.url, { redirectTo: null })).status).toBe(200);
		const answer = await rawRequest(port(), { path: '/wp-json/tva/v1/getCourses', headers: { Host: `127.0.0.1:${port()}`, TVA: KEY } });
		expect(answer.status).toBe(200);
	});

	it('refuses a value that is not an origin', async () => {
		expect((await setSettings(ctx.url, { redirectTo: 'localhost' })).status).toBe(400);
		expect((await setSettings(ctx.url, { redirectTo: 'http://localhost:1/path' })).status).toBe(400);
	});
});
