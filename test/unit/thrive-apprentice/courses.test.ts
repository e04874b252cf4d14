/** Paging through tva/v2/courses (default limit 10, so the node always sends limit and offset). */
import type { IExecuteFunctions } from 'n8n-workflow';

jest.mock('../../../nodes/ThriveApprentice/transport/request', () => ({
	taRequest: jest.fn(),
}));

import { findCourse, listCourses } from '../../../nodes/ThriveApprentice/resources/course/courses';
import { taRequest } from '../../../nodes/ThriveApprentice/transport/request';

const courses = Array.from({ length: 250 }, (_, index) => ({ id: index + 1, name: `Course ${index + 1}`, status: index % 2 ? 'draft' : 'publish' }));
const mocked = taRequest as jest.MockedFunction<typeof taRequest>;
const paths: string[] = [];

beforeEach(() => {
	paths.length = 0;
	mocked.mockImplementation(async function (route) {
		paths.push(route.path);
		const query = new URLSearchParams(route.path.split('?')[1]);
		const limit = Number(query.get('limit'));
		const offset = Number(query.get('offset'));
		return { items: courses.slice(offset, offset + limit), total: courses.length };
	});
});

const ctx = {} as IExecuteFunctions;

test('Return All pages with limit 100 until the total is reached', async () => {
	const all = await listCourses.call(ctx, {});
	expect(all).toHaveLength(250);
	expect(paths).toEqual(['tva/v2/courses?limit=100&offset=0', 'tva/v2/courses?limit=100&offset=100', 'tva/v2/courses?limit=100&offset=200']);
});

test('a maximum asks only for what is needed', async () => {
	expect(await listCourses.call(ctx, { max: 120, status: 'publish' })).toHaveLength(120);
	expect(paths).toEqual(['tva/v2/courses?filter%5Bstatus%5D=publish&limit=100&offset=0', 'tva/v2/courses?filter%5Bstatus%5D=publish&limit=20&offset=100']);
});

test('a short page ends the paging even without a total', async () => {
	mocked.mockImplementation(async function (route) {
		paths.push(route.path);
		return { items: courses.slice(0, 3) };
	});
	expect(await listCourses.call(ctx, {})).toHaveLength(3);
	expect(paths).toHaveLength(1);
});

test('findCourse stops paging once it has the course', async () => {
	expect(await findCourse.call(ctx, 150)).toMatchObject({ id: 150, name: 'Course 150' });
	expect(paths).toHaveLength(2);
	expect(await findCourse.call(ctx, 999)).toBeUndefined();
});
