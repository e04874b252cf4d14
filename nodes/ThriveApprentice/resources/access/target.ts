/**
 * Turns "Access To" (products, courses or ThriveCart items) into the Thrive Apprentice products to act on.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import {
	FulfilmentInputError,
	parseItems,
	parseProductId,
	parseProductMap,
	resolveItems,
	unmappedItemsError,
	type MappedItem,
	type UnmappedItem,
} from '../../fulfilment/productMap';
import { chooseCourseProduct, describeCandidates } from '../course/courseProducts';
import { findCourse, productsOfCourse } from '../course/courses';
import { readProductMapInput, type AccessTo } from './fields';

export interface AccessTarget {
	productIds: number[];
	/** Names known without an extra call (ThriveCart item names, course look-ups). */
	names: Map<number, string>;
	/** ThriveCart items with their products (ThriveCart Items only). */
	mapped: MappedItem[];
	unmapped: UnmappedItem[];
	deliberatelyEmpty: string[];
	/** Which product stands for which course (Course(s) only). */
	courseProducts: Array<{ courseId: number; courseName: string; productId: number; productName?: string }>;
}

function emptyTarget(): AccessTarget {
	return { productIds: [], names: new Map(), mapped: [], unmapped: [], deliberatelyEmpty: [], courseProducts: [] };
}

function fail(context: IExecuteFunctions, error: unknown, itemIndex: number): never {
	if (error instanceof FulfilmentInputError) {
		throw new NodeOperationError(context.getNode(), error.message, { itemIndex, description: error.description });
	}
	throw error;
}

function idList(value: unknown): unknown[] {
	if (Array.isArray(value)) return value;
	if (typeof value === 'string') return value.split(',').map((part) => part.trim()).filter(Boolean);
	if (value === undefined || value === null || value === '') return [];
	return [value];
}

function readIds(context: IExecuteFunctions, parameter: string, what: string, itemIndex: number): number[] {
	const ids: number[] = [];
	for (const raw of idList(context.getNodeParameter(parameter, itemIndex, []))) {
		const id = parseProductId(raw);
		if (id === undefined) {
			throw new NodeOperationError(context.getNode(), `${JSON.stringify(raw)} is not a Thrive Apprentice ${what} ID`, {
				itemIndex,
				description: `${what[0].toUpperCase()}${what.slice(1)} IDs are whole numbers; pick them from the list.`,
			});
		}
		if (!ids.includes(id)) ids.push(id);
	}
	if (ids.length === 0) {
		throw new NodeOperationError(context.getNode(), `Choose at least one ${what}`, { itemIndex });
	}
	return ids;
}

async function courseTarget(this: IExecuteFunctions, itemIndex: number): Promise<AccessTarget> {
	const target = emptyTarget();
	for (const courseId of readIds(this, 'courseIds', 'course', itemIndex)) {
		const course = await findCourse.call(this, courseId, itemIndex);
		if (!course) {
			throw new NodeOperationError(this.getNode(), `Thrive Apprentice has no course with ID ${courseId}`, {
				itemIndex,
				description: 'Pick the course from the list, or check its ID in Thrive Apprentice > Courses.',
			});
		}
		if (course.status !== 'publish') {
			throw new NodeOperationError(
				this.getNode(),
				`Course ${courseId} "${course.name}" is not published (status: ${course.status})`,
				{
					itemIndex,
					description:
						'Members cannot open an unpublished course. Publish it in Thrive Apprentice, or choose its product under "Product(s)" if granting it early is intended.',
				},
			);
		}
		const choice = chooseCourseProduct(courseId, await productsOfCourse.call(this, courseId, itemIndex));
		if (choice.kind === 'none') {
			throw new NodeOperationError(this.getNode(), `Course ${courseId} "${course.name}" is in no product`, {
				itemIndex,
				description: 'Thrive Apprentice grants access to products, not courses: add the course to a product in Thrive Apprentice > Products.',
			});
		}
		if (choice.kind === 'bundlesOnly') {
			// Granting a bundle would hand out courses nobody chose: the seller picks the product.
			throw new NodeOperationError(
				this.getNode(),
				`Course ${courseId} "${course.name}" is in no product that holds only this course: ${describeCandidates(choice.candidates)}`,
				{
					itemIndex,
					description:
						'Granting one of them would also give the member its other courses. Choose the product you mean under "Access To: Product(s)", or create a product in Thrive Apprentice > Products that holds only this course.',
				},
			);
		}
		const product = choice.product;
		target.courseProducts.push({ courseId, courseName: course.name, productId: product.id, productName: product.name });
		if (product.name) target.names.set(product.id, product.name);
		if (!target.productIds.includes(product.id)) target.productIds.push(product.id);
	}
	return target;
}

function itemsTarget(this: IExecuteFunctions, itemIndex: number): AccessTarget {
	try {
		const map = parseProductMap(readProductMapInput.call(this, itemIndex));
		const items = parseItems(this.getNodeParameter('items', itemIndex, []));
		const resolution = resolveItems(items, map);
		const onUnmapped = this.getNodeParameter('unmappedItems', itemIndex, 'error') as string;
		if (resolution.unmapped.length > 0 && onUnmapped !== 'skip') throw unmappedItemsError(resolution.unmapped);
		return { ...emptyTarget(), productIds: resolution.productIds, mapped: resolution.mapped, unmapped: resolution.unmapped, deliberatelyEmpty: resolution.deliberatelyEmpty };
	} catch (error) {
		return fail(this, error, itemIndex);
	}
}

export async function resolveTarget(this: IExecuteFunctions, accessTo: AccessTo, itemIndex: number): Promise<AccessTarget> {
	if (accessTo === 'thriveCartItems') return itemsTarget.call(this, itemIndex);
	if (accessTo === 'courses') return await courseTarget.call(this, itemIndex);
	return { ...emptyTarget(), productIds: readIds(this, 'productIds', 'product', itemIndex) };
}

/** The parts of a target every grant and revoke output reports. */
export function targetReport(target: AccessTarget): IDataObject {
	const report: IDataObject = {};
	if (target.unmapped.length) report.unmappedItems = target.unmapped as unknown as IDataObject[];
	else report.unmappedItems = [];
	if (target.deliberatelyEmpty.length) report.itemsMappedToNothing = target.deliberatelyEmpty;
	if (target.courseProducts.length) report.courseProducts = target.courseProducts as unknown as IDataObject[];
	return report;
}
