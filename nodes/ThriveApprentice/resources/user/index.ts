import type { INodeProperties } from 'n8n-workflow';

import * as create from './create';
import * as get from './get';
import * as getOrCreate from './getOrCreate';

export const operations = { get: get.execute, create: create.execute, getOrCreate: getOrCreate.execute };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create a user', description: 'Create a WordPress user for Thrive Apprentice' },
			{ name: 'Get', value: 'get', action: 'Get a user', description: 'Find a user by email or ID' },
			{
				name: 'Get or Create',
				value: 'getOrCreate',
				action: 'Get or create a user',
				description: 'Find the user by email, or create it when there is none',
			},
		],
		default: 'getOrCreate',
	},
	...get.description,
	...create.description,
	...getOrCreate.description,
];
