import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listProducts, listProductsWithApiKey } from './products';

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
				description: 'The products ThriveCart offers: those with a published course, as ID and name',
			},
			{
				name: 'Application Password (Admin Routes)',
				value: 'applicationPassword',
				description: 'Every product, with its counts of courses and customers',
			},
		],
		default: 'applicationPassword',
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		displayOptions: { show },
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		displayOptions: { show: { ...show, returnAll: [false] } },
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const connectWith = this.getNodeParameter('connectWith', itemIndex, 'applicationPassword') as string;
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const products =
		connectWith === 'apiKey'
			? await listProductsWithApiKey.call(this, itemIndex)
			: await listProducts.call(this, itemIndex);
	// The route returns everything at once: the limit is applied here.
	return returnAll ? products : products.slice(0, Number(this.getNodeParameter('limit', itemIndex, 50)));
}
