import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listCourses } from './courses';

const show = { resource: ['course'], operation: ['getMany'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		displayOptions: { show },
		options: [
			{ name: 'Any', value: 'any' },
			{ name: 'Archived', value: 'archived' },
			{ name: 'Draft', value: 'draft' },
			{ name: 'Hidden', value: 'hidden' },
			{ name: 'Private', value: 'private' },
			{ name: 'Published', value: 'publish' },
		],
		default: 'publish',
		description: 'Only courses with this status. Members can only open published courses.',
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
	const status = this.getNodeParameter('status', itemIndex, 'publish') as string;
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const max = returnAll ? undefined : Number(this.getNodeParameter('limit', itemIndex, 50));
	return await listCourses.call(this, { status: status === 'any' ? undefined : status, max, itemIndex });
}
