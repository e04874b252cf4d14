import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { findUserByEmail, findUserById, requireEmail, toMemberOutput, type MemberOutput } from './users';

const show = { resource: ['user'], operation: ['get'] };

export const description: INodeProperties[] = [
	{
		displayName: 'User',
		name: 'userBy',
		type: 'options',
		displayOptions: { show },
		options: [
			{ name: 'By Email', value: 'email' },
			{ name: 'By ID', value: 'id' },
		],
		default: 'email',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		displayOptions: { show: { ...show, userBy: ['email'] } },
		default: '',
		required: true,
		description: 'Matched exactly, ignoring upper and lower case',
	},
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'number',
		displayOptions: { show: { ...show, userBy: ['id'] } },
		default: 0,
		required: true,
		description: 'The WordPress user ID',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<MemberOutput> {
	const by = this.getNodeParameter('userBy', itemIndex, 'email') as string;
	if (by === 'id') {
		const userId = Number(this.getNodeParameter('userId', itemIndex, 0));
		const user = Number.isSafeInteger(userId) && userId > 0 ? await findUserById.call(this, userId, itemIndex) : undefined;
		if (!user) throw new NodeOperationError(this.getNode(), `WordPress has no user with ID ${userId}`, { itemIndex });
		return toMemberOutput(user, false);
	}
	const email = requireEmail.call(this, this.getNodeParameter('email', itemIndex, ''), itemIndex);
	const user = await findUserByEmail.call(this, email, itemIndex);
	if (!user) throw new NodeOperationError(this.getNode(), `No WordPress user has the email ${email}`, { itemIndex });
	return toMemberOutput(user, false);
}
