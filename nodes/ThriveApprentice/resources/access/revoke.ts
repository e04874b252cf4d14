import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { withBuyer } from '../../coordination';
import { loadCredentials } from '../../transport/request';
import { buyerOf, readAccessParameters, type AccessResult } from './fields';
import { revokeWithApiKey } from './revokeWithApiKey';
import { revokeWithApplicationPassword } from './revokeWithApplicationPassword';
import { resolveTarget } from './target';

/** Revoke's own parameters: everything it needs is shared with Grant (see fields.ts). */
export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<AccessResult> {
	const params = readAccessParameters.call(this, itemIndex);
	const target = await resolveTarget.call(this, params.accessTo, itemIndex);
	if (params.transport === 'applicationPassword') {
		// Idempotent routes, but creating a member is not: one step per buyer at a time here too.
		const credentials = await loadCredentials.call(this, itemIndex);
		return await withBuyer(this, credentials, buyerOf(params), async () => await revokeWithApplicationPassword.call(this, params, target, itemIndex));
	}
	return await revokeWithApiKey.call(this, params, target, itemIndex);
}
