/**
 * The repeat guard (duplicateGuard.ts) per product of one API-key order: each product has its own key
 * per action, so a repeat that adds a product to an order still acts on the new one.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { accessKey, type AccessAction } from '../../fulfilment/order';
import type { TaResponse } from '../../transport/errors';
import { isSuccess, taSend, type CallOptions } from '../../transport/request';
import type { Route } from '../../transport/routes';
import type { ApiKeyOrder } from './apiKeyOrder';
import { release, reserve } from './duplicateGuard';

type OrderOf = Pick<ApiKeyOrder, 'orderId' | 'email'>;

export interface ProductReservation {
	/** Products not done before for this order: this run now holds their keys. */
	fresh: number[];
	/** Products done before: a repeat. */
	already: number[];
	/** The guard's status (and why it is off, when it is) for the output. */
	guard: IDataObject;
	/** The keys this run holds. */
	heldKeys: string[];
}

export function productKeys(action: AccessAction, order: OrderOf, productIds: readonly number[]): string[] {
	return productIds.map((productId) => accessKey(action, order.orderId, order.email, productId));
}

export async function reserveProducts(
	this: IExecuteFunctions,
	action: AccessAction,
	order: OrderOf,
	productIds: number[],
): Promise<ProductReservation> {
	const reservation = await reserve.call(this, productKeys(action, order, productIds));
	const fresh = productIds.filter((productId) => reservation.fresh.includes(accessKey(action, order.orderId, order.email, productId)));
	const already = productIds.filter((productId) => !fresh.includes(productId));
	const guard: IDataObject = { duplicateGuard: reservation.status };
	if (reservation.note) guard.warning = reservation.note;
	return { fresh, already, guard, heldKeys: reservation.fresh };
}

/** Sends the call; a failed call must not be remembered as done, so the held keys are released then. */
export async function sendReserved(
	this: IExecuteFunctions,
	reservation: ProductReservation,
	route: Route,
	options: CallOptions,
): Promise<TaResponse> {
	let response: TaResponse | undefined;
	try {
		response = await taSend.call(this, route, options);
	} finally {
		if (!response || !isSuccess(response)) await release.call(this, reservation.heldKeys);
	}
	return response;
}

/** A grant makes a later revoke of these products real again, and a revoke a later grant. */
export async function clearOpposite(
	this: IExecuteFunctions,
	done: AccessAction,
	order: OrderOf,
	productIds: readonly number[],
): Promise<void> {
	await release.call(this, productKeys(done === 'grant' ? 'revoke' : 'grant', order, productIds));
}
