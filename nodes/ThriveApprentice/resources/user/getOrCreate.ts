import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { newMemberFields, readNewMember } from './fields';
import { getOrCreateMember, requireEmail, type MemberOutput } from './users';

export const description: INodeProperties[] = newMemberFields('getOrCreate');

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<MemberOutput> {
	const email = requireEmail.call(this, this.getNodeParameter('email', itemIndex, ''), itemIndex);
	return await getOrCreateMember.call(this, readNewMember.call(this, email, itemIndex), itemIndex);
}
