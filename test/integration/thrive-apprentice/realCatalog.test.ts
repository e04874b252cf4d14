/**
 * Products and courses as a real site answers them (product rows with `sets`, no course count; no
 * private courses without their filter), in n8n's engine over real HTTP: course → product resolution,
 * private courses, the product existence check, and a user search over several pages.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import seed from '../../../sandbox/seed.json';
import { loadOptions, nodeContext, runNode } from '../../support/n8nEngine';
import { assertProductsExist, forgetProductLists } from '../../../nodes/ThriveApprentice/resources/product/exist';
import { access } from './params';
import { ADMIN, API_KEY, useSandbox } from './sandbox';
import { startRealCatalogSite, type SandboxCatalog, type SiteServer } from './siteServer';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the sandbox is plain CommonJS
const { startSandbox } = require('../../../sandbox') as typeof import('../../../sandbox');

const sandbox = useSandbox();
const credentialsFor = (siteUrl: string) => ({ siteUrl, apiKey: API_KEY, username: ADMIN.username, applicationPassword: ADMIN.password });
const viaPassword = (extra = {}) => access('grant', { connectWith: 'applicationPassword', ...extra });

describe('the seeded catalogue, answered as a real site does', () => {
	let site: SiteServer;
	beforeAll(async () => {
		site = await startRealCatalogSite(sandbox.url, seed as unknown as SandboxCatalog);
	});
	afterAll(() => site.stop());

	test('Course › Get: the products with their courses read from the sets', async () => {
		const { items, error } = await runNode({ credentials: credentialsFor(site.url), parameters: { resource: 'course', operation: 'get', courseId: 102 } });
		expect(error).toBeUndefined();
		const products = items[0].json.products as Array<{ id: number; courseIds: number[]; courses_count?: number }>;
		expect(products.map((product) => [product.id, product.courseIds])).toEqual([
			[202, [102]],
			[204, [101, 102, 103]],
			[205, [102, 103]],
		]);
		expect(products.every((product) => product.courses_count === undefined)).toBe(true);
	});

	test('Product › Get Many: courseIds from the sets', async () => {
		const { items } = await runNode({ credentials: credentialsFor(site.url), parameters: { resource: 'product', operation: 'getMany', returnAll: true } });
		expect(items.map((entry) => [entry.json.id, entry.json.courseIds])).toEqual([
			[201, [101]],
			[202, [102]],
			[203, [103]],
			[204, [101, 102, 103]],
			[205, [102, 103]],
			[206, [104]],
		]);
	});

	test('private courses: found by Course › Get, Get Many (any status) and the dropdown, through their own filter', async () => {
		const privateCourse = await runNode({ credentials: credentialsFor(site.url), parameters: { resource: 'course', operation: 'get', courseId: 105 } });
		expect(privateCourse.error).toBeUndefined();
		expect(privateCourse.items[0].json).toMatchObject({ id: 105, status: 'private', published: false });
		site.received.length = 0;
		const all = await runNode({ credentials: credentialsFor(site.url), parameters: { resource: 'course', operation: 'getMany', status: 'any', returnAll: true } });
		expect(all.items.map((entry) => entry.json.id)).toEqual([101, 102, 103, 104, 105]);
		expect(site.received.map((entry) => new URL(entry.url, 'http://x').searchParams.get('filter[status]'))).toEqual([null, 'private', 'hidden', 'archived']);
		const options = await loadOptions('getCourses', credentialsFor(site.url));
		expect(options.map((option) => option.name)).toContain('Demo Course (private) (ID 105)');
	});

	test('Access › Grant with Course(s): each course becomes its single-course product', async () => {
		const { items, error } = await runNode({
			credentials: credentialsFor(site.url),
			parameters: viaPassword({ accessTo: 'courses', courseIds: [101, 102], email: 'member@sandbox.test' }),
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			courseProducts: [
				{ courseId: 101, productId: 201, productName: 'Foundations Program' },
				{ courseId: 102, productId: 202, productName: 'Advanced Program' },
			],
		});
	});

	test('assertProductsExist: names with either part; unknown ids refused before anything else is sent', async () => {
		forgetProductLists();
		const context = await nodeContext(credentialsFor(site.url));
		expect([...(await assertProductsExist.call(context, [204, 201])).entries()]).toEqual([[204, 'All Access Pass'], [201, 'Foundations Program']]);
		expect([...(await assertProductsExist.call(context, [206], 0, { via: 'applicationPassword' })).values()]).toEqual(['Upcoming Course']);
		site.received.length = 0;
		await expect(assertProductsExist.call(context, [201, 101, 999])).rejects.toThrow('Thrive Apprentice has no product with ID 101, 999, so nothing was sent to it');
		// The cached list was looked at again once before refusing; nothing else was called.
		expect(site.received.map((entry) => entry.url)).toEqual(['/wp-json/tva/v1/getCourses']);
	});
});

describe('a catalogue where a bundle has the lowest id and one course is only in bundles', () => {
	let dataDir: string;
	let catalog: SandboxCatalog;
	let edited: Awaited<ReturnType<typeof startSandbox>>;
	let site: SiteServer;

	beforeAll(async () => {
		dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ta-bundles-'));
		const first = await startSandbox({ port: 0, dataDir, reset: true });
		await first.stop();
		const file = path.join(dataDir, 'state.json');
		const state = JSON.parse(fs.readFileSync(file, 'utf8'));
		// "Everything" (200) holds every published course; "Bonus Masterclass" (203), the only product of course 103 alone, is gone.
		state.products = [{ id: 200, name: 'Everything', courseIds: [101, 102, 103] }, ...state.products.filter((product: { id: number }) => product.id !== 203)];
		fs.writeFileSync(file, JSON.stringify(state));
		catalog = state;
		edited = await startSandbox({ port: 0, dataDir });
		site = await startRealCatalogSite(edited.url, catalog);
	});
	afterAll(async () => {
		await site.stop();
		await edited.stop();
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	test('course 101 → Foundations Program (201), not the lower-id bundle Everything (200)', async () => {
		const { items, error } = await runNode({ credentials: credentialsFor(site.url), parameters: viaPassword({ accessTo: 'courses', courseIds: [101], email: 'member@sandbox.test' }) });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ courseProducts: [{ courseId: 101, productId: 201 }] });
	});

	test('course 103 is only in bundles: refused, naming them fewest courses first; nothing granted', async () => {
		const ordersNow = async () => ((await (await fetch(`${edited.url}/__sandbox/state`)).json()) as { orders: unknown[] }).orders;
		const before = await ordersNow();
		const { error } = await runNode({ credentials: credentialsFor(site.url), parameters: viaPassword({ accessTo: 'courses', courseIds: [103], email: 'member@sandbox.test' }) });
		expect(error?.message).toBe(
			'Course 103 "Bonus Masterclass" is in no product that holds only this course: Coaching Library (ID 205, 2 courses), Everything (ID 200, 3 courses), All Access Pass (ID 204, 3 courses)',
		);
		expect(error?.description).toMatch(/^Granting one of them would also give the member its other courses\. Choose the product you mean under "Access To: Product\(s\)"/);
		expect(await ordersNow()).toEqual(before);
	});
});

describe('the sandbox itself (real product rows once its quirk branch is in)', () => {
	test('product rows carry sets and no courses_count; Course › Get lists courseIds', async () => {
		const { items } = await sandbox.run({ parameters: { resource: 'course', operation: 'get', courseId: 101 } });
		const products = items[0].json.products as Array<{ id: number; courseIds: number[]; courses_count?: number }>;
		expect(products.map((product) => [product.id, product.courseIds])).toEqual([
			[201, [101]],
			[204, [101, 102, 103]],
		]);
		expect(products.some((product) => 'courses_count' in product)).toBe(false);
	});
});

describe('user search over several pages', () => {
	test('the exact email on the second page of a substring search is found', async () => {
		const auth = `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')}`;
		for (let index = 0; index < 105; index++) {
			const response = await fetch(`${sandbox.url}/wp-json/wp/v2/users`, {
				method: 'POST',
				headers: { Authorization: auth, 'Content-Type': 'application/json' },
				body: JSON.stringify({ username: `aa${index}`, email: `aa${index}.carol@example.test`, password: 'x-Long-password-1', name: `Aaron ${String(index).padStart(3, '0')}` }),
			});
			expect(response.status).toBe(201);
		}
		await fetch(`${sandbox.url}/wp-json/wp/v2/users`, {
			method: 'POST',
			headers: { Authorization: auth, 'Content-Type': 'application/json' },
			body: JSON.stringify({ username: 'carol', email: 'carol@example.test', password: 'x-Long-password-1', name: 'Zoe Carol' }),
		});
		await sandbox.clearRequests();
		const { items, error } = await sandbox.run({ parameters: { resource: 'user', operation: 'get', email: 'CAROL@example.test' } });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ email: 'carol@example.test', username: 'carol' });
		expect((await sandbox.requests()).map((entry) => entry.query)).toEqual([
			expect.objectContaining({ search: 'CAROL@example.test', per_page: '100' }),
			expect.objectContaining({ search: 'CAROL@example.test', per_page: '100', page: '2' }),
		]);
	});
});
