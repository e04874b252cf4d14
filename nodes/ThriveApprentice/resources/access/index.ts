import type { INodeProperties } from 'n8n-workflow';

import { accessToFields, connectWithField, userFields } from './fields';
import * as getMany from './getMany';
import * as grant from './grant';
import * as revoke from './revoke';

export const operations = { grant: grant.execute, revoke: revoke.execute, getMany: getMany.execute };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['access'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get the products of a member',
				description: "List the products a member has, with the grants behind each (application password)",
			},
			{
				name: 'Grant',
				value: 'grant',
				action: 'Grant access',
				description: 'Give a member access to products, courses or bought ThriveCart items (creates the member when needed)',
			},
			{
				name: 'Revoke',
				value: 'revoke',
				action: 'Revoke access',
				description: 'Take access away again, e.g. after a refund or a cancelled subscription',
			},
		],
		default: 'grant',
	},
	connectWithField,
	...userFields,
	...accessToFields,
	...grant.description,
	...revoke.description,
	...getMany.description,
];
