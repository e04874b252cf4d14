// permalinks: with "Plain" permalinks /wp-json/ is WordPress's 404 page; ?rest_route= always works.
import { KEY, call, setSettings, useSandbox, withKey } from './helpers';

const ctx = useSandbox();
const viaQuery = (path: string) => call(`${ctx.url}${path}`, { headers: { TVA: KEY } });

describe("permalinks 'plain'", () => {
	beforeEach(async () => {
		await setSettings(ctx.url, { permalinks: 'plain' });
	});

	it("answers /wp-json/... with WordPress's HTML Page not found", async () => {
		const answer = await withKey(ctx.url, '/tva/v1/getCourses');
		expect(answer.status).toBe(404);
		expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
		expect(answer.text).toContain('Page not found');
		expect(answer.body).toBeUndefined();
	});

	it('serves /?rest_route= with other parameters beside it, and /index.php?rest_route=', async () => {
		const answer = await viaQuery('/?rest_route=/tva/v1/getCourses');
		expect(answer.status).toBe(200);
		expect(answer.body).toHaveLength(6);
		const search = await call(`${ctx.url}/?search=member%40sandbox.test&rest_route=%2Fwp%2Fv2%2Fusers&context=edit`, {
			headers: { Authorization: `Basic ${Buffer.from('admin:abcd EFGH ijkl MNOP qrst UVWX').toString('base64')}` },
		});
		expect(search.body.map((u: { id: number }) => u.id)).toEqual([3]);
		expect((await viaQuery('/index.php?rest_route=/tva/v1/getCourses')).status).toBe(200);
	});
});

describe("permalinks 'pretty' (the default)", () => {
	it('serves both /wp-json/ and ?rest_route=', async () => {
		expect((await withKey(ctx.url, '/tva/v1/getCourses')).status).toBe(200);
		expect((await viaQuery('/?rest_route=/tva/v1/getCourses')).status).toBe(200);
	});

	it('refuses another value', async () => {
		expect((await setSettings(ctx.url, { permalinks: 'numeric' })).status).toBe(400);
	});
});
