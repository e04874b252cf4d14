import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { pagingFields, readLimit } from '../paging';
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
	...pagingFields(show),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const status = this.getNodeParameter('status', itemIndex, 'publish') as string;
	const max = readLimit.call(this, itemIndex);
	return await listCourses.call(this, { status: status === 'any' ? undefined : status, max, itemIndex });
}
