/**
 * Sites with "Plain" permalinks and hosts that display PHP notices, in n8n's engine over real HTTP: a
 * tiny server in front of the sandbox reproduces each (see siteServer.ts), and the sandbox's own quirk
 * switches are exercised too.
 */
import { nodeContext, runNode, testCredential } from '../../support/n8nEngine';
import { forgetPermalinks, permalinksOf } from '../../../nodes/ThriveApprentice/transport/exchange';
import { responseDiagnostics, taSend } from '../../../nodes/ThriveApprentice/transport/request';
import { routes } from '../../../nodes/ThriveApprentice/transport/routes';
import { ADMIN, API_KEY, useSandbox } from './sandbox';
import { startNoticeSite, startPlainPermalinkSite, startSiteServer, type SiteServer } from './siteServer';

const sandbox = useSandbox();
beforeEach(() => forgetPermalinks());

const credentialsFor = (siteUrl: string) => ({ siteUrl, apiKey: API_KEY, username: ADMIN.username, applicationPassword: ADMIN.password });

describe('"Plain" permalinks (test server: /wp-json/ is WordPress\'s HTML 404 page, ?rest_route= works)', () => {
	let site: SiteServer;
	beforeAll(async () => {
		site = await startPlainPermalinkSite(sandbox.url);
	});
	afterAll(() => site.stop());
	beforeEach(() => {
		site.received.length = 0;
	});

	test('Course › Get Many: falls back to ?rest_route= with the query beside it, and goes there directly next time', async () => {
		const first = await runNode({ credentials: credentialsFor(site.url), parameters: { resource: 'course', operation: 'getMany' } });
		expect(first.error).toBeUndefined();
		expect(first.items.map((entry) => entry.json.id)).toEqual([101, 102, 103]);
		expect(site.received.map((entry) => entry.url)).toEqual([
			'/wp-json/tva/v2/courses?filter%5Bstatus%5D=publish&limit=50&offset=0',
			'/?rest_route=%2Ftva%2Fv2%2Fcourses&filter%5Bstatus%5D=publish&limit=50&offset=0',
		]);
		expect(permalinksOf(site.url)).toBe('plain');
		site.received.length = 0;
		const second = await runNode({ credentials: credentialsFor(site.url), parameters: { resource: 'course', operation: 'getMany', status: 'draft' } });
		expect(second.items.map((entry) => entry.json.id)).toEqual([104]);
		expect(site.received.map((entry) => entry.url)).toEqual(['/?rest_route=%2Ftva%2Fv2%2Fcourses&filter%5Bstatus%5D=draft&limit=50&offset=0']);
	});

	test('a POST (User › Create) arrives with its body; a + in an email search arrives as %2B', async () => {
		const created = await runNode({ credentials: credentialsFor(site.url), parameters: { resource: 'user', operation: 'create', email: 'plain@example.test' } });
		expect(created.error).toBeUndefined();
		expect(created.items[0].json).toMatchObject({ email: 'plain@example.test', created: true });
		const post = site.received.find((entry) => entry.method === 'POST' && entry.url.startsWith('/?rest_route='));
		expect(post?.url).toBe('/?rest_route=%2Fwp%2Fv2%2Fusers');
		expect(JSON.parse(post?.body ?? '{}')).toMatchObject({ email: 'plain@example.test', username: 'plain@example.test' });
		expect((await sandbox.state()).users.map((user) => user.email)).toContain('plain@example.test');

		site.received.length = 0;
		const search = await runNode({ credentials: credentialsFor(site.url), parameters: { resource: 'user', operation: 'get', email: 'henry+vip@example.test' } });
		expect(search.error?.message).toBe('No WordPress user has the email henry+vip@example.test');
		expect(site.received.map((entry) => entry.url)).toEqual(['/?rest_route=%2Fwp%2Fv2%2Fusers&search=henry%2Bvip%40example.test&context=edit&per_page=100']);
	});

	test('the API key still goes only to the key routes (TVA header, no Authorization)', async () => {
		const { items, error } = await runNode({ credentials: credentialsFor(site.url), parameters: { resource: 'product', operation: 'getMany', connectWith: 'apiKey', returnAll: true } });
		expect(error).toBeUndefined();
		expect(items.map((entry) => entry.json.id)).toEqual(expect.arrayContaining([201, 202, 203, 204, 205]));
		const keyCall = site.received.find((entry) => entry.url === '/?rest_route=%2Ftva%2Fv1%2FgetCourses');
		expect(keyCall?.headers.tva).toBe(API_KEY);
		expect(keyCall?.headers.authorization).toBeUndefined();
	});

	test('the credential test passes and says the site uses Plain permalinks', async () => {
		const result = await testCredential(credentialsFor(site.url));
		expect(result.status).toBe('OK');
		expect(result.message).toMatch(/; the site uses "Plain" permalinks, so the node reaches its REST API through \?rest_route= \(no change needed\)\.$/);
	});
});

describe('a JSON 404 (rest_no_route) is a missing route, not a permalink problem', () => {
	test('asked once, reported as a missing route', async () => {
		const noRoute = await startSiteServer((_request, response) => {
			response.writeHead(404, { 'Content-Type': 'application/json; charset=UTF-8' });
			response.end('{"code":"rest_no_route","message":"No route was found matching the URL and request method.","data":{"status":404}}');
		});
		try {
			const { error } = await runNode({ credentials: credentialsFor(noRoute.url), parameters: { resource: 'product', operation: 'getMany' } });
			expect(error?.message).toBe('The site has no route GET /wp-json/tva/v1/products (404 rest_no_route)');
			expect(noRoute.received).toHaveLength(1);
		} finally {
			await noRoute.stop();
		}
	});
});

describe('PHP notices printed around the JSON (test server)', () => {
	test('before the JSON: courses, users (GET and POST) and the API key route all work', async () => {
		const site = await startNoticeSite(sandbox.url);
		try {
			const courses = await runNode({ credentials: credentialsFor(site.url), parameters: { resource: 'course', operation: 'getMany' } });
			expect(courses.error).toBeUndefined();
			expect(courses.items.map((entry) => entry.json.id)).toEqual([101, 102, 103]);
			const user = await runNode({ credentials: credentialsFor(site.url), parameters: { resource: 'user', operation: 'getOrCreate', email: 'notices@example.test' } });
			expect(user.error).toBeUndefined();
			expect(user.items[0].json).toMatchObject({ email: 'notices@example.test', created: true });
			const products = await runNode({ credentials: credentialsFor(site.url), parameters: { resource: 'product', operation: 'getMany', connectWith: 'apiKey', returnAll: true } });
			expect(products.items.map((entry) => entry.json.id)).toContain(201);
			expect((await testCredential(credentialsFor(site.url))).status).toBe('OK');
		} finally {
			await site.stop();
		}
	});

	test('after the JSON, too; the response carries the notices for a diagnostics key', async () => {
		const site = await startNoticeSite(sandbox.url, undefined, 'after');
		try {
			const context = await nodeContext(credentialsFor(site.url));
			const response = await taSend.call(context, routes.products());
			expect(response.status).toBe(200);
			expect((response.body as { items: unknown[] }).items.length).toBeGreaterThan(0);
			expect(response.notices).toEqual([
				'Deprecated: Creation of dynamic property TVA_Product::$sets is deprecated in /var/www/html/wp-content/plugins/thrive-apprentice/inc/classes/class-tva-product.php on line 42',
				'Warning: Undefined array key "order" in /var/www/html/wp-content/plugins/thrive-apprentice/inc/classes/class-tva-product.php on line 318',
			]);
			expect(responseDiagnostics(response)).toEqual({ phpNotices: response.notices });
			const clean = await taSend.call(await nodeContext(sandbox.credentials()), routes.products());
			expect(clean.notices).toBeUndefined();
			expect(responseDiagnostics(clean)).toBeUndefined();
		} finally {
			await site.stop();
		}
	});
});

describe('the sandbox\'s own quirk switches', () => {
	test('permalinks: plain — the node and the credential test work through ?rest_route=', async () => {
		await sandbox.settings({ permalinks: 'plain' } as never);
		const { items, error } = await sandbox.run({ parameters: { resource: 'course', operation: 'getMany' } });
		expect(error).toBeUndefined();
		expect(items.map((entry) => entry.json.id)).toEqual([101, 102, 103]);
		expect(permalinksOf(sandbox.url)).toBe('plain');
		expect((await testCredential(sandbox.credentials())).message).toMatch(/"Plain" permalinks/);
	});

	test('phpNotices: true — answers are recovered and the notices reported', async () => {
		await sandbox.settings({ phpNotices: true } as never);
		const { items, error } = await sandbox.run({ parameters: { resource: 'user', operation: 'getOrCreate', email: 'quirk@example.test' } });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ email: 'quirk@example.test', created: true });
		const response = await taSend.call(await nodeContext(sandbox.credentials()), routes.products());
		expect(response.notices?.[0]).toMatch(/^Deprecated: Creation of dynamic property .* on line \d+$/);
	});
});
