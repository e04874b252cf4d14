import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { readIdParameter } from '../idParameter';
import { productCourseIds } from '../product/products';
import { findCourse, productsOfCourse } from './courses';

const show = { resource: ['course'], operation: ['get'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Course Name or ID',
		name: 'courseId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getCourses' },
		displayOptions: { show },
		default: '',
		required: true,
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	},
];

/**
 * Thrive Apprentice has no single-course route: the course is found by paging through
 * `tva/v2/courses` (every status, private included), then its products come from `tva/v2/courses/{id}/products`.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const courseId = readIdParameter.call(this, 'courseId', 'course', itemIndex);
	const course = await findCourse.call(this, courseId, itemIndex);
	if (!course) throw new NodeOperationError(this.getNode(), `Thrive Apprentice has no course with ID ${courseId}`, { itemIndex });
	const products = (await productsOfCourse.call(this, courseId, itemIndex)).map((product) => ({ ...product, courseIds: productCourseIds(product) }));
	return { ...course, published: course.status === 'publish', products };
}
