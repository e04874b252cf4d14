/**
 * Grant through the API key: ONE call to TA's ThriveCart route `newOrder`, which finds or creates the
 * member and saves a completed order. newOrder is not idempotent, so repeats are caught before it.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { accessKey, buildNewOrder, chargesForProducts, chargesFromItems, deriveOrderId, normaliseOrderReference } from '../../fulfilment/order';
import { FulfilmentInputError } from '../../fulfilment/productMap';
import { isSuccess, taFail, taSend } from '../../transport/request';
import { routes } from '../../transport/routes';
import { listProductsWithApiKey } from '../product/products';
import { requireEmail } from '../user/users';
import { release, reserve } from './duplicateGuard';
import type { AccessParameters, AccessResult } from './fields';
import { targetReport, type AccessTarget } from './target';

export interface GrantOptions {
	firstName: string;
	lastName: string;
	currency: string;
	processor: string;
	accessName: string;
	sendWelcomeEmail: boolean;
	verifyProducts: boolean;
}

/** Optional check before a key grant: newOrder itself accepts product ids that do not exist. */
async function assertProductsOffered(this: IExecuteFunctions, productIds: number[], itemIndex: number): Promise<void> {
	const offered = new Set((await listProductsWithApiKey.call(this, itemIndex)).map((product) => product.id));
	const unknown = productIds.filter((productId) => !offered.has(productId));
	if (unknown.length > 0) {
		throw new NodeOperationError(this.getNode(), `Thrive Apprentice does not offer product(s) ${unknown.join(', ')}`, {
			itemIndex,
			description:
				'Its ThriveCart route lists only products that exist and contain a published course. Check the IDs (Thrive Apprentice > Products, or this node\'s product list) and that each product has a published course.',
		});
	}
}

/** The email and the order id both API-key operations work with. */
export function apiKeyOrder(
	this: IExecuteFunctions,
	params: AccessParameters,
	productIds: number[],
	itemIndex: number,
): { email: string; orderReference: string | undefined; orderId: string } {
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

export async function grantWithApiKey(
	this: IExecuteFunctions,
	params: AccessParameters,
	target: AccessTarget,
	options: GrantOptions,
	itemIndex: number,
): Promise<AccessResult> {
	const { email, orderId, orderReference } = apiKeyOrder.call(this, params, target.productIds, itemIndex);
	const result: AccessResult = {
		email,
		userId: null,
		transport: 'apiKey',
		orderReference: orderId,
		orderReferenceDerived: orderReference === undefined,
		products: target.productIds.map((id) => (target.names.has(id) ? { id, name: target.names.get(id) } : { id })),
		changed: false,
		granted: [],
		alreadyGranted: [],
		...targetReport(target),
	};
	if (target.productIds.length === 0) {
		return { ...result, message: 'Nothing to grant: no product was selected or mapped, so Thrive Apprentice was not called.' };
	}

	const keyOf = (productId: number) => accessKey('grant', orderId, email, productId);
	const reservation = await reserve.call(this, target.productIds.map(keyOf));
	const fresh = target.productIds.filter((productId) => reservation.fresh.includes(keyOf(productId)));
	const already = target.productIds.filter((productId) => !fresh.includes(productId));
	const guard: IDataObject = { duplicateGuard: reservation.status };
	if (reservation.note) guard.warning = reservation.note;
	if (fresh.length === 0) return { ...result, ...guard, alreadyGranted: already };
	if (options.verifyProducts) {
		let verified = false;
		try {
			await assertProductsOffered.call(this, fresh, itemIndex);
			verified = true;
		} finally {
			if (!verified) await release.call(this, reservation.fresh);
		}
	}

	const charges =
		target.mapped.length > 0 ? chargesFromItems(target.mapped, fresh) : chargesForProducts(fresh, options.accessName);
	const body = buildNewOrder({
		email,
		firstName: options.firstName,
		lastName: options.lastName,
		orderId,
		currency: options.currency,
		processor: options.processor,
		charges,
	});
	const route = routes.newOrder();
	let response;
	try {
		response = await taSend.call(this, route, { body, itemIndex });
	} finally {
		// A failed call must not be remembered as a grant.
		if (!response || !isSuccess(response)) await release.call(this, reservation.fresh);
	}
	if (!isSuccess(response)) {
		return await taFail.call(this, route, response, itemIndex);
	}
	// A grant makes a later revoke of these products real again.
	await release.call(this, fresh.map((productId) => accessKey('revoke', orderId, email, productId)));
	const answer = (response.body ?? {}) as { order_id?: unknown; user_id?: unknown };
	return {
		...result,
		...guard,
		userId: Number.isFinite(Number(answer.user_id)) ? Number(answer.user_id) : null,
		taOrderId: Number.isFinite(Number(answer.order_id)) ? Number(answer.order_id) : null,
		changed: true,
		granted: fresh,
		alreadyGranted: already,
	};
}
