import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { newMemberFields, readNewMember } from './fields';
import { createMember, requireEmail, type MemberOutput } from './users';

export const description: INodeProperties[] = newMemberFields('create');

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<MemberOutput> {
	const email = requireEmail.call(this, this.getNodeParameter('email', itemIndex, ''), itemIndex);
	return await createMember.call(this, readNewMember.call(this, email, itemIndex), itemIndex);
}
