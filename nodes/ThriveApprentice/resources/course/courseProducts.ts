/**
 * Which product stands for "access to course C". TA grants products, and a course can sit in several
 * (a single-course product and bundles). The product whose courses are exactly {C} is chosen; when every
 * product holding C also holds other courses, nothing is chosen silently: the caller names them and the
 * seller picks one. Courses come from the products' real `sets` (TA sends no course count).
 */
import { productCourseIds } from '../product/products';

export interface CourseProductCandidate {
	id: number;
	name: string;
	courseIds: number[];
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
		if (!courseIds.includes(courseId)) {
			if (!listedForCourse) continue;
			courseIds.push(courseId);
		}
		const name = (row as { name?: unknown }).name;
		candidates.push({ id, name: typeof name === 'string' ? name : '', courseIds });
	}
	return candidates.sort((a, b) => a.courseIds.length - b.courseIds.length || a.id - b.id);
}

export function chooseCourseProduct(courseId: number, rows: readonly unknown[], listedForCourse = true): CourseProductChoice {
	const candidates = courseProductCandidates(courseId, rows, listedForCourse);
	if (candidates.length === 0) return { kind: 'none' };
	const only = candidates.filter((candidate) => candidate.courseIds.length === 1 && candidate.courseIds[0] === courseId);
	if (only.length > 0) return { kind: 'only', product: only[0], candidates };
	return { kind: 'bundlesOnly', candidates };
}

/** "All Access Pass (ID 204, 3 courses), Coaching Library (ID 205, 2 courses)" */
export function describeCandidates(candidates: readonly CourseProductCandidate[]): string {
	return candidates
		.map((candidate) => `${candidate.name || 'Untitled'} (ID ${candidate.id}, ${candidate.courseIds.length} course${candidate.courseIds.length === 1 ? '' : 's'})`)
		.join(', ');
}
