/** Course and Product operations and the dropdowns, in n8n's engine against the sandbox over real HTTP. */
import { loadOptions, runNode } from '../../support/n8nEngine';
import { useSandbox } from './sandbox';

const sandbox = useSandbox();

const course = (operation: 'get' | 'getMany', extra = {}) => ({ resource: 'course', operation, ...extra });
const product = (operation: 'get' | 'getMany', extra = {}) => ({ resource: 'product', operation, ...extra });

describe('courses', () => {
	test('Get Many: published courses by default, one item each, always sending limit (TA\'s default is 10)', async () => {
		await sandbox.clearRequests();
		const { items, error } = await sandbox.run({ parameters: course('getMany') });
		expect(error).toBeUndefined();
		expect(items.map((entry) => [entry.json.id, entry.json.status])).toEqual([
			[101, 'publish'],
			[102, 'publish'],
			[103, 'publish'],
		]);
		const [call] = await sandbox.requests();
		expect(call.query).toMatchObject({ 'filter[status]': 'publish', limit: '50', offset: '0' });
	});

	test('Get Many: any status with Return All; a limit', async () => {
		const all = await sandbox.run({ parameters: course('getMany', { status: 'any', returnAll: true }) });
		expect(all.items.map((entry) => entry.json.id)).toEqual([101, 102, 103, 104, 105]);
		const two = await sandbox.run({ parameters: course('getMany', { status: 'any', limit: 2 }) });
		expect(two.items.map((entry) => entry.json.id)).toEqual([101, 102]);
		const drafts = await sandbox.run({ parameters: course('getMany', { status: 'draft' }) });
		expect(drafts.items.map((entry) => entry.json.name)).toEqual(['Coming Soon']);
	});

	test('Get: the course with the products that contain it; a draft course says it is not published', async () => {
		const { items } = await sandbox.run({ parameters: course('get', { courseId: 102 }) });
		expect(items[0].json).toMatchObject({ id: 102, name: 'Advanced Techniques', status: 'publish', published: true });
		expect((items[0].json.products as Array<{ id: number }>).map((entry) => entry.id)).toEqual([202, 204, 205]);
		const draft = await sandbox.run({ parameters: course('get', { courseId: '104' }) });
		expect(draft.items[0].json).toMatchObject({ id: 104, status: 'draft', published: false });
	});

	test('Get: an unknown course is an error', async () => {
		const { error } = await sandbox.run({ parameters: course('get', { courseId: 999 }) });
		expect(error?.message).toBe('Thrive Apprentice has no course with ID 999');
	});
});

describe('products', () => {
	test('Get Many with the application password: every product, sorted, the limit applied by the node', async () => {
		const all = await sandbox.run({ parameters: product('getMany', { returnAll: true }) });
		expect(all.items.map((entry) => entry.json.id)).toEqual([201, 202, 203, 204, 205, 206]);
		expect(all.items[3].json).toMatchObject({ name: 'All Access Pass' });
		const limited = await sandbox.run({ parameters: product('getMany', { limit: 2 }) });
		expect(limited.items.map((entry) => entry.json.id)).toEqual([201, 202]);
	});

	test('Get Many with the API key: the products ThriveCart sees (every product, whatever its courses\' status)', async () => {
		await sandbox.clearRequests();
		const { items } = await runNode({ credentials: sandbox.credentials({ apiKey: true }), parameters: product('getMany', { connectWith: 'apiKey', returnAll: true }) });
		expect(items.map((entry) => entry.json)).toEqual([
			{ id: 201, name: 'Foundations Program' },
			{ id: 202, name: 'Advanced Program' },
			{ id: 203, name: 'Bonus Masterclass' },
			{ id: 204, name: 'All Access Pass' },
			{ id: 205, name: 'Coaching Library' },
			{ id: 206, name: 'Upcoming Course' },
		]);
		expect((await sandbox.requests()).map((entry) => `${entry.path} ${entry.auth}`)).toEqual(['/wp-json/tva/v1/getCourses apiKey']);
	});

	test('Get: the product with its courses; an unknown id ("id": null) is an error', async () => {
		const { items } = await sandbox.run({ parameters: product('get', { productId: 205 }) });
		expect(items[0].json).toMatchObject({ id: 205, name: 'Coaching Library' });
		expect((items[0].json.courses as Array<{ id: number }>).map((entry) => entry.id)).toEqual([102, 103]);
		const missing = await sandbox.run({ parameters: product('get', { productId: 999 }) });
		expect(missing.error?.message).toBe('Thrive Apprentice has no product with ID 999');
	});
});

describe('dropdowns', () => {
	test('products: the admin route when there is an application password, getCourses with only a key', async () => {
		const full = await loadOptions('getProducts', sandbox.credentials());
		expect(full).toHaveLength(6);
		expect(full[0]).toEqual({ name: 'Foundations Program (ID 201)', value: 201 });
		await sandbox.clearRequests();
		const keyOnly = await loadOptions('getProducts', sandbox.credentials({ apiKey: true }));
		expect(keyOnly.map((option) => option.value)).toEqual([201, 202, 203, 204, 205, 206]);
		expect((await sandbox.requests()).map((entry) => entry.path)).toEqual(['/wp-json/tva/v1/getCourses']);
	});

	test('courses: every status, unpublished ones marked', async () => {
		const options = await loadOptions('getCourses', sandbox.credentials());
		expect(options.map((option) => option.name)).toEqual([
			'Foundations (ID 101)',
			'Advanced Techniques (ID 102)',
			'Bonus Masterclass (ID 103)',
			'Coming Soon (draft) (ID 104)',
			'Demo Course (private) (ID 105)',
		]);
	});

	test('a dropdown without the needed credential part says what is missing', async () => {
		await expect(loadOptions('getCourses', sandbox.credentials({ apiKey: true }))).rejects.toThrow(/needs a WordPress application password/);
	});
});
