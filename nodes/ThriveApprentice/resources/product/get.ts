import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { taRequest } from '../../transport/request';
import { routes } from '../../transport/routes';
import { readIdParameter } from '../idParameter';

const show = { resource: ['product'], operation: ['get'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Product Name or ID',
		name: 'productId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getProducts' },
		displayOptions: { show },
		default: '',
		required: true,
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	},
];

/** The product with its courses (application password). An unknown id answers 200 with `"id": null`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const productId = readIdParameter.call(this, 'productId', 'product', itemIndex);
	const product = (await taRequest.call(this, routes.product(productId), { itemIndex })) as IDataObject | null;
	if (!product || product.id === null || product.id === undefined) {
		throw new NodeOperationError(this.getNode(), `Thrive Apprentice has no product with ID ${productId}`, {
			itemIndex,
			description: 'Check the ID in Thrive Apprentice > Products, or pick the product from the list.',
		});
	}
	const courses = await taRequest.call(this, routes.productCourses(productId), { itemIndex });
	return { ...product, courses: Array.isArray(courses) ? (courses as IDataObject[]) : [] };
}
