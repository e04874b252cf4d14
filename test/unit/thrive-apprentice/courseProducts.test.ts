/** "Access to course C" → the product holding exactly C, from the products' real `sets`. */
import { chooseCourseProduct, courseProductCandidates, describeCandidates } from '../../../nodes/ThriveApprentice/resources/course/courseProducts';
import { productCourseIds } from '../../../nodes/ThriveApprentice/resources/product/products';

/** A product row as TA answers it (tva/v2/courses/{id}/products, tva/v1/products): no course count. */
function row(id: number, name: string, courses: Array<[number, string]>, extraSets: unknown[] = []) {
	return {
		id,
		name,
		customers_count: 0,
		sets: [
			{
				ID: id + 100,
				post_title: `${name} set`,
				post_content: [
					{ content_type: 'term', content: 'tva_courses', field: 'title', operator: '===', value: courses.map(([courseId, text]) => ({ id: courseId, text })), content_label: { singular: 'Course', plural: 'Courses' } },
				],
			},
			...extraSets,
		],
		order: 0,
		access_expiry: [],
	};
}

const product15 = row(15, 'Acceptance Product 1', [[13, 'Acceptance Course A (published)']]);
const product16 = row(16, 'Acceptance Product 2', [[13, 'Acceptance Course A (published)'], [14, 'Acceptance Course B (draft) [draft]']]);

test('courses of a product: the tva_courses term values of every set, nothing else', () => {
	expect(productCourseIds(product16)).toEqual([13, 14]);
	const mixed = row(20, 'Mixed', [[1, 'A']], [
		{ ID: 9, post_title: 'posts', post_content: [{ content_type: 'post', content: 'tva_lesson', value: [{ id: 77, text: 'Lesson' }] }] },
		{ ID: 10, post_title: 'more', post_content: [{ content_type: 'term', content: 'tva_courses', value: [{ id: 2, text: 'B' }, { id: 1, text: 'A' }] }] },
	]);
	expect(productCourseIds(mixed)).toEqual([1, 2]);
	expect(productCourseIds({ id: 1, name: 'x', courses_count: 3 })).toEqual([]);
	expect(productCourseIds(null)).toEqual([]);
});

test('the recorded site: course 13 is in product 15 (only 13) and 16 (13 and 14) → 15, whatever the order', () => {
	for (const rows of [[product15, product16], [product16, product15]]) {
		const choice = chooseCourseProduct(13, rows);
		expect(choice).toMatchObject({ kind: 'only', product: { id: 15, name: 'Acceptance Product 1', courseIds: [13] } });
	}
});

test('the lowest id no longer wins: a bundle with a lower id than the single-course product', () => {
	const bundle = row(3, 'All Access', [[101, 'A'], [102, 'B'], [103, 'C']]);
	const single = row(9, 'Course B only', [[102, 'B']]);
	expect(chooseCourseProduct(102, [bundle, single])).toMatchObject({ kind: 'only', product: { id: 9 } });
});

test('only bundles hold the course: no choice, candidates fewest courses first', () => {
	const all = row(204, 'All Access Pass', [[101, 'A'], [102, 'B'], [103, 'C']]);
	const coaching = row(205, 'Coaching Library', [[102, 'B'], [103, 'C']]);
	const choice = chooseCourseProduct(102, [all, coaching]);
	expect(choice).toEqual({ kind: 'bundlesOnly', candidates: [expect.objectContaining({ id: 205 }), expect.objectContaining({ id: 204 })] });
	expect(describeCandidates(choice.kind === 'bundlesOnly' ? choice.candidates : [])).toBe('Coaching Library (ID 205, 2 courses), All Access Pass (ID 204, 3 courses)');
});

test('course 14 (only in the bundle 16) is not silently granted through it', () => {
	expect(chooseCourseProduct(14, [product16])).toMatchObject({ kind: 'bundlesOnly' });
});

test('no product holds the course', () => {
	expect(chooseCourseProduct(13, [])).toEqual({ kind: 'none' });
	expect(chooseCourseProduct(99, [product15, product16], false)).toEqual({ kind: 'none' });
});

test('rows of tva/v1/products are filtered by their sets; rows of the course route all hold the course', () => {
	expect(courseProductCandidates(14, [product15, product16], false).map((candidate) => candidate.id)).toEqual([16]);
	// A course route row whose sets do not show the course (say, added by a rule) still holds it, with unknown others.
	const opaque = { id: 30, name: 'Rule-based', sets: [] };
	expect(courseProductCandidates(13, [opaque], true)).toEqual([{ id: 30, name: 'Rule-based', courseIds: [13], coursesKnown: false }]);
	// …and is never taken for a single-course product (the old sandbox's rows without sets look like this).
	const choice = chooseCourseProduct(13, [opaque, { id: 31, name: 'Old', courses_count: 1 }]);
	expect(choice).toMatchObject({ kind: 'bundlesOnly' });
	expect(describeCandidates(choice.kind === 'bundlesOnly' ? choice.candidates : [])).toBe('Rule-based (ID 30, its courses are not listed), Old (ID 31, its courses are not listed)');
	expect(chooseCourseProduct(13, [opaque, product15])).toMatchObject({ kind: 'only', product: { id: 15 } });
	expect(courseProductCandidates(13, [opaque, { id: 'x' }, null], false)).toEqual([]);
});
