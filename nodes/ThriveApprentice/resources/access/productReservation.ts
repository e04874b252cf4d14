/**
 * The node's memory (coordination/memory.ts) per product of one order: each product has its own key
 * per action, so a repeat that adds a product to an order still acts on the new one.
 */
import type { IDataObject } from 'n8n-workflow';

import type { DoneMemory } from '../../coordination';
import { accessKey, orderKey, type AccessAction } from '../../fulfilment/order';
import type { ApiKeyOrder } from './apiKeyOrder';

type OrderOf = Pick<ApiKeyOrder, 'orderId' | 'email'>;

export interface ProductClaim {
	/** Products this node has no record of for this order and action: this run now holds their keys. */
	fresh: number[];
	/** Products recorded as done before: a repeat. */
	already: number[];
	/** Where the memory lives and, when it is off, why — for the output's diagnostics. */
	guard: IDataObject;
	warning?: string;
}

export function productKeys(action: AccessAction, order: OrderOf, productIds: readonly number[]): string[] {
	return productIds.map((productId) => accessKey(action, order.orderId, order.email, productId));
}

export async function claimProducts(
	memory: DoneMemory,
	action: AccessAction,
	order: OrderOf,
	productIds: number[],
	extraKeys: string[] = [],
): Promise<ProductClaim & { processedExtra: string[] }> {
	// One call for everything the step needs to know: each store call rewrites n8n's row once.
	const claim = await memory.claim([...extraKeys, ...productKeys(action, order, productIds)]);
	const fresh = productIds.filter((productId) => claim.fresh.includes(accessKey(action, order.orderId, order.email, productId)));
	return {
		fresh,
		already: productIds.filter((productId) => !fresh.includes(productId)),
		guard: { memory: memory.home, status: claim.status },
		warning: claim.note,
		processedExtra: extraKeys.filter((key) => claim.processed.includes(key)),
	};
}

/** A grant's claim, plus whether this node stored an order under this id before (recorded with it). */
export async function claimGrant(memory: DoneMemory, order: OrderOf, productIds: number[]): Promise<ProductClaim & { orderKnown: boolean; orderKey: string }> {
	const key = orderKey(order.orderId, order.email);
	const claim = await claimProducts(memory, 'grant', order, productIds, [key]);
	return { ...claim, orderKnown: claim.processedExtra.includes(key), orderKey: key };
}

/** Which of these products the memory has recorded for the action, without changing the record. */
export async function recordedProducts(memory: DoneMemory, action: AccessAction, order: OrderOf, productIds: number[]): Promise<number[]> {
	const keys = productKeys(action, order, productIds);
	const claim = await memory.claim(keys);
	await memory.release(claim.fresh);
	return productIds.filter((_, index) => claim.processed.includes(keys[index]));
}

export async function releaseProducts(memory: DoneMemory, action: AccessAction, order: OrderOf, productIds: readonly number[]): Promise<void> {
	await memory.release(productKeys(action, order, productIds));
}

/** A grant makes a later revoke of these products real again, and a revoke a later grant. */
export async function clearOpposite(memory: DoneMemory, done: AccessAction, order: OrderOf, productIds: readonly number[]): Promise<void> {
	if (productIds.length === 0) return;
	await releaseProducts(memory, done === 'grant' ? 'revoke' : 'grant', order, productIds);
}
