/**
 * Who and which order an API-key grant or revoke is about: TA's ThriveCart routes know members only by
 * email, and a grant and its revoke must name the same order id.
 */
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { deriveOrderId, normaliseOrderReference } from '../../fulfilment/order';
import { FulfilmentInputError } from '../../fulfilment/productMap';
import { requireEmail } from '../user/users';
import type { AccessParameters } from './fields';
import type { ResultIdentity } from './result';

export interface ApiKeyOrder {
	email: string;
	/** The Order Reference as given; undefined when the order id is derived. */
	orderReference: string | undefined;
	orderId: string;
}

/** The email and the order id both API-key operations work with. */
export function apiKeyOrder(
	this: IExecuteFunctions,
	params: AccessParameters,
	productIds: number[],
	itemIndex: number,
): ApiKeyOrder {
	if (params.userBy !== 'email') {
		throw new NodeOperationError(this.getNode(), 'The API key connection identifies the member by email', {
			itemIndex,
			description: 'Set "User" to "By Email", or choose "Connect With: Application Password" to work with a user ID.',
		});
	}
	const email = requireEmail.call(this, params.email, itemIndex);
	let orderReference: string | undefined;
	try {
		orderReference = normaliseOrderReference(params.orderReference);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, {
			itemIndex,
			description: error instanceof FulfilmentInputError ? error.description : undefined,
		});
	}
	return { email, orderReference, orderId: orderReference ?? deriveOrderId(email, productIds) };
}

/** How an API-key output names the member and the order (the user id is known only once TA answers a grant). */
export function apiKeyIdentity(order: ApiKeyOrder): ResultIdentity {
	return {
		email: order.email,
		userId: null,
		transport: 'apiKey',
		orderReference: order.orderId,
		orderReferenceDerived: order.orderReference === undefined,
	};
}
