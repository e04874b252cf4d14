import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readAccessParameters, type AccessResult } from './fields';
import { revokeWithApiKey } from './revokeWithApiKey';
import { revokeWithApplicationPassword } from './revokeWithApplicationPassword';
import { resolveTarget } from './target';

/** Revoke's own parameters: everything it needs is shared with Grant (see fields.ts). */
export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<AccessResult> {
	const params = readAccessParameters.call(this, itemIndex);
	const target = await resolveTarget.call(this, params.accessTo, itemIndex);
	if (params.transport === 'applicationPassword') {
		return await revokeWithApplicationPassword.call(this, params, target, itemIndex);
	}
	return await revokeWithApiKey.call(this, params, target, itemIndex);
}
