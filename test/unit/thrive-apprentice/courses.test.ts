/** Paging through tva/v2/courses (default limit 10, so the node always sends limit and offset). */
import type { IExecuteFunctions } from 'n8n-workflow';

jest.mock('../../../nodes/ThriveApprentice/transport/request', () => ({
	taRequest: jest.fn(),
}));

import { findCourse, listCourses } from '../../../nodes/ThriveApprentice/resources/course/courses';
import { taRequest } from '../../../nodes/ThriveApprentice/transport/request';

const courses = Array.from({ length: 250 }, (_, index) => ({ id: index + 1, name: `Course ${index + 1}`, status: index % 2 ? 'draft' : 'publish' }));
// As TA answers: no status filter lists published and draft courses only; private ones need their filter.
const privateCourses = [{ id: 300, name: 'Demo', status: 'private' }];
const mocked = taRequest as jest.MockedFunction<typeof taRequest>;
const paths: string[] = [];

beforeEach(() => {
	paths.length = 0;
	mocked.mockImplementation(async function (route) {
		paths.push(route.path);
		const query = new URLSearchParams(route.path.split('?')[1]);
		const limit = Number(query.get('limit'));
		const offset = Number(query.get('offset'));
		const status = query.get('filter[status]');
		const matching = status === null ? courses : [...courses, ...privateCourses].filter((course) => course.status === status);
		return { items: matching.slice(offset, offset + limit), total: matching.length };
	});
});

const ctx = {} as IExecuteFunctions;

test('Return All pages with limit 100 until the total is reached, then asks for the statuses the unfiltered list leaves out', async () => {
	const all = await listCourses.call(ctx, {});
	expect(all).toHaveLength(251);
	expect(all[250]).toMatchObject({ id: 300, status: 'private' });
	expect(paths).toEqual([
		'tva/v2/courses?limit=100&offset=0',
		'tva/v2/courses?limit=100&offset=100',
		'tva/v2/courses?limit=100&offset=200',
		'tva/v2/courses?filter%5Bstatus%5D=private&limit=100&offset=0',
		'tva/v2/courses?filter%5Bstatus%5D=hidden&limit=100&offset=0',
		'tva/v2/courses?filter%5Bstatus%5D=archived&limit=100&offset=0',
	]);
});

test('a course listed under two queries appears once; a maximum stops across queries', async () => {
	mocked.mockImplementation(async function (route) {
		paths.push(route.path);
		return { items: [courses[0], courses[1]], total: 2 };
	});
	expect((await listCourses.call(ctx, {})).map((course) => course.id)).toEqual([1, 2]);
	paths.length = 0;
	expect(await listCourses.call(ctx, { max: 2 })).toHaveLength(2);
	expect(paths).toEqual(['tva/v2/courses?limit=2&offset=0']);
});

test('findCourse finds a private course', async () => {
	expect(await findCourse.call(ctx, 300)).toMatchObject({ id: 300, status: 'private' });
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
	expect(await listCourses.call(ctx, { status: 'draft' })).toHaveLength(3);
	expect(paths).toHaveLength(1);
});

test('findCourse stops paging once it has the course', async () => {
	expect(await findCourse.call(ctx, 150)).toMatchObject({ id: 150, name: 'Course 150' });
	expect(paths).toHaveLength(2);
	expect(await findCourse.call(ctx, 999)).toBeUndefined();
});
