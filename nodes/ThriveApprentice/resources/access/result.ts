/**
 * The output every grant and revoke starts from, whatever the connection: who, which order, which
 * products, and nothing changed yet.
 */
import type { IDataObject } from 'n8n-workflow';

import type { AccessAction } from '../../fulfilment/order';
import type { AccessResult } from './fields';
import { targetReport, type AccessTarget } from './target';

export type ResultIdentity = Pick<AccessResult, 'email' | 'userId' | 'transport' | 'orderReference'> & {
	/** API key only: whether the order id was derived from the email and products. */
	orderReferenceDerived?: boolean;
};

function nothingDone(action: AccessAction): IDataObject {
	return action === 'grant'
		? { granted: [], alreadyGranted: [] }
		: { revoked: [], alreadyRevoked: [], notRevocable: [] };
}

/** `extra` holds what one connection adds (a new member, the welcome email). */
export function startResult(
	action: AccessAction,
	identity: ResultIdentity,
	target: AccessTarget,
	extra: IDataObject = {},
): AccessResult {
	return {
		...identity,
		products: target.productIds.map((id) => (target.names.has(id) ? { id, name: target.names.get(id) } : { id })),
		changed: false,
		...nothingDone(action),
		...extra,
		...targetReport(target),
	};
}
