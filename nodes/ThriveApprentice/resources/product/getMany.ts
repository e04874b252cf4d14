import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { pagingFields, readLimit } from '../paging';
import { listProducts, listProductsWithApiKey, productCourseIds } from './products';

const show = { resource: ['product'], operation: ['getMany'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Connect With',
		name: 'connectWith',
		type: 'options',
		displayOptions: { show },
		options: [
			{
				name: 'API Key (ThriveCart Routes)',
				value: 'apiKey',
				description: 'The products ThriveCart offers (every product, whatever its courses\' status), as ID and name',
			},
			{
				name: 'Application Password (Admin Routes)',
				value: 'applicationPassword',
				description: 'Every product, with its courses (courseIds) and customer count',
			},
		],
		default: 'applicationPassword',
	},
	...pagingFields(show),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const connectWith = this.getNodeParameter('connectWith', itemIndex, 'applicationPassword') as string;
	const products =
		connectWith === 'apiKey'
			? await listProductsWithApiKey.call(this, itemIndex)
			: (await listProducts.call(this, itemIndex)).map((product) => ({ ...product, courseIds: productCourseIds(product) }));
	// The route returns everything at once: the limit is applied here.
	const max = readLimit.call(this, itemIndex);
	return max === undefined ? products : products.slice(0, max);
}
