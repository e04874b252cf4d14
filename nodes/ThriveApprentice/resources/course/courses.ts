/**
 * Reading courses: `tva/v2/courses` pages with `limit`/`offset` (its default limit is 10), and there is
 * no single-course route, so one course is found by paging through the list.
 */
import type { IDataObject } from 'n8n-workflow';

import { taRequest, type TaContext } from '../../transport/request';
import { routes } from '../../transport/routes';

export const COURSE_STATUSES = ['publish', 'draft', 'hidden', 'archived', 'private'] as const;

export interface TaCourse extends IDataObject {
	id: number;
	name: string;
	status: string;
}

interface CoursePage {
	items?: TaCourse[];
	total?: number | string;
}

const PAGE_SIZE = 100;

/**
 * `tva/v2/courses` without a status filter answers published and draft courses only; private (and,
 * to be safe, hidden and archived) ones need their own filter. "Every status" asks for each in turn.
 */
const EVERY_STATUS: ReadonlyArray<string | undefined> = [undefined, 'private', 'hidden', 'archived'];

/**
 * Pages through the courses. `status` undefined lists every status. Stops at `max` courses, when a page
 * comes back short, or when `stop` returns true for a course.
 */
export async function listCourses(
	this: TaContext,
	options: { status?: string; max?: number; itemIndex?: number; stop?: (course: TaCourse) => boolean },
): Promise<TaCourse[]> {
	const courses: TaCourse[] = [];
	const seen = new Set<number>();
	const max = options.max ?? Number.POSITIVE_INFINITY;
	for (const status of options.status === undefined ? EVERY_STATUS : [options.status]) {
		for (let offset = 0; courses.length < max; offset += PAGE_SIZE) {
			const limit = Math.min(PAGE_SIZE, max - courses.length);
			const page = (await taRequest.call(this, routes.courses({ status, limit, offset }), {
				itemIndex: options.itemIndex,
			})) as CoursePage;
			const items = Array.isArray(page?.items) ? page.items : [];
			for (const course of items) {
				if (seen.has(Number(course.id))) continue;
				seen.add(Number(course.id));
				courses.push(course);
				if (options.stop?.(course)) return courses;
			}
			const total = Number(page?.total);
			if (items.length < limit || (Number.isFinite(total) && offset + items.length >= total)) break;
		}
		if (courses.length >= max) break;
	}
	return courses;
}

export async function findCourse(this: TaContext, courseId: number, itemIndex = 0): Promise<TaCourse | undefined> {
	const courses = await listCourses.call(this, { itemIndex, stop: (course) => Number(course.id) === courseId });
	return courses.find((course) => Number(course.id) === courseId);
}

/** A row of `tva/v2/courses/{id}/products`: `id, name, customers_count, sets[…]` (no course count). */
export interface ProductOfCourse extends IDataObject {
	id: number;
	name?: string;
}

export async function productsOfCourse(this: TaContext, courseId: number, itemIndex = 0): Promise<ProductOfCourse[]> {
	const products = await taRequest.call(this, routes.courseProducts(courseId), { itemIndex });
	return Array.isArray(products) ? (products as ProductOfCourse[]) : [];
}
