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

	it('defaults limit to 10 and honours offset', async () => {
		const all = await asAdmin(ctx.url, '/tva/v2/courses');
		expect(all.body.total).toBe(5);
		expect(all.body.items).toHaveLength(5);
		const page = await asAdmin(ctx.url, '/tva/v2/courses?limit=2&offset=3');
		expect(ids(page.body.items)).toEqual([104, 105]);
		expect(page.body.total).toBe(5);
	});

	it('answers enrolled_users as a string when there are some, 0 otherwise', async () => {
		await newOrder(ctx.url, newOrderBody({ charges: [{ type: 'single', courses: [201], name: 'x', item_id: 1, amount: 0 }] }));
		const answer = await asAdmin(ctx.url, '/tva/v2/courses?limit=100');
		const byId = Object.fromEntries(answer.body.items.map((c: { id: number; enrolled_users: unknown }) => [c.id, c.enrolled_users]));
		// 101 sits in 201 (the buyer) and 204 (the vip role); 104 in no owned product.
		expect(byId[101]).toBe('2');
		expect(byId[104]).toBe(0);
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
	it('answers the product', async () => {
		expect((await asAdmin(ctx.url, '/tva/v1/products/203')).body).toMatchObject({ id: 203, name: 'Bonus Masterclass' });
	});

	it('answers 200 with "id": null for an unknown id', async () => {
		const answer = await asAdmin(ctx.url, '/tva/v1/products/999');
		expect(answer.status).toBe(200);
		expect(answer.body.id).toBeNull();
	});
});

describe('GET tva/v1/products/{id}/courses', () => {
	it("lists the product's courses", async () => {
		expect(ids((await asAdmin(ctx.url, '/tva/v1/products/204/courses')).body)).toEqual([101, 102, 103]);
		expect((await asAdmin(ctx.url, '/tva/v1/products/999/courses')).body).toEqual([]);
	});
});
