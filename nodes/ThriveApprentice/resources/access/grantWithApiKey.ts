/**
 * Grant through the API key: ONE call to TA's ThriveCart route `newOrder`, which finds or creates the
 * member and saves a completed order. newOrder is not idempotent, so repeats are caught before it.
 */
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { buildNewOrder, chargesForProducts, chargesFromItems } from '../../fulfilment/order';
import { isSuccess, taFail } from '../../transport/request';
import { routes } from '../../transport/routes';
import { listProductsWithApiKey } from '../product/products';
import { apiKeyIdentity, apiKeyOrder } from './apiKeyOrder';
import { release } from './duplicateGuard';
import type { AccessParameters, AccessResult } from './fields';
import { clearOpposite, reserveProducts, sendReserved } from './productReservation';
import { startResult } from './result';
import type { AccessTarget } from './target';

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

export async function grantWithApiKey(
	this: IExecuteFunctions,
	params: AccessParameters,
	target: AccessTarget,
	options: GrantOptions,
	itemIndex: number,
): Promise<AccessResult> {
	const order = apiKeyOrder.call(this, params, target.productIds, itemIndex);
	const { email, orderId } = order;
	const result = startResult('grant', apiKeyIdentity(order), target);
	if (target.productIds.length === 0) {
		return { ...result, message: 'Nothing to grant: no product was selected or mapped, so Thrive Apprentice was not called.' };
	}

	const reservation = await reserveProducts.call(this, 'grant', order, target.productIds);
	const { fresh, already, guard } = reservation;
	if (fresh.length === 0) return { ...result, ...guard, alreadyGranted: already };
	if (options.verifyProducts) {
		let verified = false;
		try {
			await assertProductsOffered.call(this, fresh, itemIndex);
			verified = true;
		} finally {
			if (!verified) await release.call(this, reservation.heldKeys);
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
	const response = await sendReserved.call(this, reservation, route, { body, itemIndex });
	if (!isSuccess(response)) {
		return await taFail.call(this, route, response, itemIndex);
	}
	await clearOpposite.call(this, 'grant', order, fresh);
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
