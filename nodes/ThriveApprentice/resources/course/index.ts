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
		displayOptions: { show: { resource: ['course'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get a course', description: 'Get a course with the products that contain it' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many courses', description: 'List courses' },
		],
		default: 'getMany',
	},
	...get.description,
	...getMany.description,
];
