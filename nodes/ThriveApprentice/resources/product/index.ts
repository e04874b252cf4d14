import type { INodeProperties } from 'n8n-workflow';

import * as get from './get';
import * as getMany from './getMany';

export const operations = { get: get.execute, getMany: getMany.execute };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['product'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get a product', description: 'Get a product with its courses' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many products', description: 'List products' },
		],
		default: 'getMany',
	},
	...get.description,
	...getMany.description,
];
