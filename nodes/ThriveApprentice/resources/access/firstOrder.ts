/**
 * What the API key alone can learn about an order: `refundOrder` acts only on the FIRST order stored
 * under a ThriveCart order id, and for a product that order does not hold it changes nothing and
 * answers 404 (no such order), 500 "Order could not be saved!" (the first order still holds items) or
 * 200 (the first order holds nothing any more). Asking for a product id no site has is therefore a
 * question without side effects — and a 200 from a real refund is proof only after it said "holds items".
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { orderIdForTa } from '../../fulfilment/order';
import { errorCode, errorMessage, type TaResponse } from '../../transport/errors';
import { isSuccess, taFail, taSend } from '../../transport/request';
import { routes } from '../../transport/routes';

export type FirstOrder = 'none' | 'holdsItems' | 'empty';

/** Far above any real product id, and not 0 (which PHP code may drop as "empty", refunding the whole order). */
export const NO_SUCH_PRODUCT = 2_147_483_646;

export function isOrderNotFound(response: TaResponse): boolean {
	return response.status === 404 && errorCode(response.body) === 'resource_not_found';
}

export function isNotInFirstOrder(response: TaResponse): boolean {
	return response.status === 500 && /could not be saved/i.test(errorMessage(response.body) ?? '');
}

/** Pure: the probe's answer; undefined for an answer that is none of the three. */
export function classifyProbe(response: TaResponse): FirstOrder | undefined {
	if (isOrderNotFound(response)) return 'none';
	if (isNotInFirstOrder(response)) return 'holdsItems';
	if (isSuccess(response)) return 'empty';
	return undefined;
}

export async function probeFirstOrder(this: IExecuteFunctions, orderId: string, itemIndex: number): Promise<FirstOrder> {
	const route = routes.refundOrder();
	const response = await taSend.call(this, route, { body: { order_id: orderIdForTa(orderId), course_ids: [NO_SUCH_PRODUCT] }, itemIndex });
	const state = classifyProbe(response);
	if (state === undefined) return await taFail.call(this, route, response, itemIndex);
	return state;
}
