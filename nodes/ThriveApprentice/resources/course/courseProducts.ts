/**
 * Which product stands for "access to course C". TA grants products, and a course can sit in several
 * (a single-course product and bundles). The product whose courses are exactly {C} is chosen; when every
 * product holding C also holds other courses, nothing is chosen silently: the caller names them and the
 * seller picks one. Courses come from the products' real `sets` (TA sends no course count); a product
 * whose sets list no course is never taken for a single-course product.
 */
import { productCourseIds } from '../product/products';

export interface CourseProductCandidate {
	id: number;
	name: string;
	courseIds: number[];
	/** False when the row's sets name none of its courses (e.g. access by rules): it may hold anything. */
	coursesKnown: boolean;
}

export type CourseProductChoice =
	| { kind: 'only'; product: CourseProductCandidate; candidates: CourseProductCandidate[] }
	| { kind: 'bundlesOnly'; candidates: CourseProductCandidate[] }
	| { kind: 'none' };

/**
 * The products holding the course, fewest courses first (ties: lowest id). `rows` are product rows of
 * `tva/v2/courses/{id}/products` (`listedForCourse`: each one holds the course) or of `tva/v1/products`.
 */
export function courseProductCandidates(courseId: number, rows: readonly unknown[], listedForCourse: boolean): CourseProductCandidate[] {
	const candidates: CourseProductCandidate[] = [];
	for (const row of rows) {
		const id = Number((row as { id?: unknown } | null)?.id);
		if (!Number.isSafeInteger(id) || id <= 0 || candidates.some((candidate) => candidate.id === id)) continue;
		const courseIds = productCourseIds(row);
		const coursesKnown = courseIds.length > 0;
		if (!courseIds.includes(courseId)) {
			if (!listedForCourse) continue;
			courseIds.push(courseId);
		}
		const name = (row as { name?: unknown }).name;
		candidates.push({ id, name: typeof name === 'string' ? name : '', courseIds, coursesKnown });
	}
	const size = (candidate: CourseProductCandidate) => (candidate.coursesKnown ? candidate.courseIds.length : Number.POSITIVE_INFINITY);
	return candidates.sort((a, b) => size(a) - size(b) || a.id - b.id);
}

export function chooseCourseProduct(courseId: number, rows: readonly unknown[], listedForCourse = true): CourseProductChoice {
	const candidates = courseProductCandidates(courseId, rows, listedForCourse);
	if (candidates.length === 0) return { kind: 'none' };
	const only = candidates.filter((candidate) => candidate.coursesKnown && candidate.courseIds.length === 1 && candidate.courseIds[0] === courseId);
	if (only.length > 0) return { kind: 'only', product: only[0], candidates };
	return { kind: 'bundlesOnly', candidates };
}

/** "All Access Pass (ID 204, 3 courses), Coaching Library (ID 205, 2 courses)" */
export function describeCandidates(candidates: readonly CourseProductCandidate[]): string {
	return candidates
		.map((candidate) => {
			const count = candidate.courseIds.length;
			const courses = candidate.coursesKnown ? `${count} course${count === 1 ? '' : 's'}` : 'its courses are not listed';
			return `${candidate.name || 'Untitled'} (ID ${candidate.id}, ${courses})`;
		})
		.join(', ');
}
