// TA's course and product routes.
import { asAdmin, newOrder, newOrderBody, useSandbox } from './helpers';

const ctx = useSandbox();
type Row = { id: number | null; name: string };
const ids = (rows: Row[]) => rows.map((r) => r.id);

describe('GET tva/v2/courses', () => {
	it('filters by filter[status] and answers {items, total}', async () => {
		const answer = await asAdmin(ctx.url, '/tva/v2/courses?filter[status]=publish&limit=100&offset=0');
		expect(answer.status).toBe(200);
		expect(answer.body.total).toBe(3);
		expect(ids(answer.body.items)).toEqual([101, 102, 103]);
		expect(answer.body.items[0]).toMatchObject({ name: 'Foundations', slug: 'foundations', status: 'publish', preview_url: expect.any(String) });
	});

	it('has demo courses with status private', async () => {
		const answer = await asAdmin(ctx.url, '/tva/v2/courses?filter%5Bstatus%5D=private&limit=100');
		expect(ids(answer.body.items)).toEqual([105]);
	});

	it('without a status filter lists published and draft courses only, limit 10 by default, and honours offset', async () => {
		const all = await asAdmin(ctx.url, '/tva/v2/courses');
		expect(all.body.total).toBe(4);
		expect(ids(all.body.items)).toEqual([101, 102, 103, 104]);
		const page = await asAdmin(ctx.url, '/tva/v2/courses?limit=2&offset=2');
		expect(ids(page.body.items)).toEqual([103, 104]);
		expect(page.body.total).toBe(4);
	});

	it('takes several statuses as filter[status][] or comma-separated', async () => {
		const asList = await asAdmin(ctx.url, '/tva/v2/courses?filter[status][]=draft&filter[status][]=private');
		expect(ids(asList.body.items)).toEqual([104, 105]);
		const commas = await asAdmin(ctx.url, '/tva/v2/courses?filter[status]=publish,private');
		expect(ids(commas.body.items)).toEqual([101, 102, 103, 105]);
	});

	it('answers enrolled_users as a string ("0" too) for courses in products, a number for demo courses', async () => {
		await newOrder(ctx.url, newOrderBody({ charges: [{ type: 'single', courses: [201], name: 'x', item_id: 1, amount: 0 }] }));
		const answer = await asAdmin(ctx.url, '/tva/v2/courses?filter[status]=publish,draft,private&limit=100');
		const byId = Object.fromEntries(answer.body.items.map((c: { id: number; enrolled_users: unknown }) => [c.id, c.enrolled_users]));
		// 101 sits in 201 (the buyer) and 204 (the vip role); 104 only in 206, which nobody owns.
		expect(byId[101]).toBe('2');
		expect(byId[104]).toBe('0');
		expect(byId[105]).toBe(0);
	});

	it('counts courses by status (private ones are not counted)', async () => {
		const answer = await asAdmin(ctx.url, '/tva/v2/courses/get_count_by_status');
		expect(answer.body).toEqual({ publish: 3, draft: 1, hidden: 0, archived: 0 });
	});
});

describe('GET tva/v2/courses/{id}/products', () => {
	it('lists the products that contain the course', async () => {
		expect(ids((await asAdmin(ctx.url, '/tva/v2/courses/102/products')).body)).toEqual([202, 204, 205]);
		expect((await asAdmin(ctx.url, '/tva/v2/courses/999/products')).body).toEqual([]);
	});
});

describe('GET tva/v1/products', () => {
	it('answers {total, items} with every product, ignoring number and offset', async () => {
		const answer = await asAdmin(ctx.url, '/tva/v1/products?number=2&offset=4');
		expect(answer.body.total).toBe(6);
		expect(ids(answer.body.items).sort()).toEqual([201, 202, 203, 204, 205, 206]);
		expect(answer.body.items[0]).toHaveProperty('customers_count');
	});

	it("names a product's courses in sets[].post_content[].value (drafts marked), with no course count", async () => {
		const answer = await asAdmin(ctx.url, '/tva/v1/products?search=upcoming');
		const [row] = answer.body.items;
		expect(Object.keys(row).sort()).toEqual(['access_expiry', 'customers_count', 'id', 'name', 'order', 'sets']);
		expect(row.sets[0].post_content).toEqual([
			expect.objectContaining({ content_type: 'term', content: 'tva_courses', value: [{ id: 104, text: 'Coming Soon [draft]' }] }),
		]);
	});

	it('does not keep the same order between calls', async () => {
		const first = ids((await asAdmin(ctx.url, '/tva/v1/products')).body.items);
		const second = ids((await asAdmin(ctx.url, '/tva/v1/products')).body.items);
		expect(second).not.toEqual(first);
		expect([...second].sort()).toEqual([...first].sort());
	});

	it('filters by search', async () => {
		const answer = await asAdmin(ctx.url, '/tva/v1/products?search=program');
		expect(ids(answer.body.items).sort()).toEqual([201, 202]);
		expect(answer.body.total).toBe(2);
	});

	it('counts customers from orders and roles', async () => {
		await newOrder(ctx.url, newOrderBody({ charges: [{ type: 'single', courses: [204], name: 'x', item_id: 1, amount: 0 }] }));
		const answer = await asAdmin(ctx.url, '/tva/v1/products/204');
		expect(answer.body.customers_count).toBe(2);
	});
});

describe('GET tva/v1/products/{id}', () => {
	it('answers the product with its term and rules', async () => {
		const answer = await asAdmin(ctx.url, '/tva/v1/products/204');
		expect(answer.body).toMatchObject({ id: 204, name: 'All Access Pass', identifier: '', term: { term_id: 204, taxonomy: 'tva_product' }, rules: [] });
		expect(answer.body.sets[0].post_content[0].value.map((v: { id: number }) => v.id)).toEqual([101, 102, 103]);
		expect(answer.body).not.toHaveProperty('courses_count');
	});

	it('answers 200 with "id": null for an unknown id', async () => {
		const answer = await asAdmin(ctx.url, '/tva/v1/products/999');
		expect(answer.status).toBe(200);
		expect(answer.body).toMatchObject({ id: null, name: '', sets: [], term: null, identifier: false });
	});
});

describe('GET tva/v1/products/{id}/courses', () => {
	it("lists the product's courses", async () => {
		expect(ids((await asAdmin(ctx.url, '/tva/v1/products/204/courses')).body)).toEqual([101, 102, 103]);
		expect((await asAdmin(ctx.url, '/tva/v1/products/999/courses')).body).toEqual([]);
	});
});
