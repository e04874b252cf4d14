/**
 * Revoke for a ThriveCart order granted through the API key. A 2xx from TA's `refundOrder` is no proof:
 * it acts only on the FIRST order stored under the id and answers 200 without changing anything when
 * that order is already empty (while a later one may still hold the product). So, under the buyer lock:
 *
 * - with an application password, Thrive Apprentice's state decides and is read back: refundOrder for
 *   the first order (it reaches items ThriveCart's own integration stored), then every remaining item
 *   of this order is disabled, then the member's items are read again. `revoked` means none is left.
 * - with the key alone, refundOrder is asked first, without side effects, whether the first order still
 *   holds items; only then is a 200 proof that the product was in it and is gone. What the key cannot
 *   reach fails with what to add to the credential — never a green run with the buyer still enrolled.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { withBuyer, type DoneMemory } from '../../coordination';
import { orderIdForTa } from '../../fulfilment/order';
import { hasApiKey, hasApplicationPassword, type TaCredentials } from '../../transport/credentials';
import { errorCode } from '../../transport/errors';
import { isSuccess, loadCredentials, taFail, taSend } from '../../transport/request';
import { routes } from '../../transport/routes';
import { apiKeyIdentity, apiKeyOrder, type ApiKeyOrder } from './apiKeyOrder';
import type { AccessParameters, AccessResult } from './fields';
import { isNotInFirstOrder, probeFirstOrder } from './firstOrder';
import { describeItem, heldThroughOrder, holdingOf } from './holdings';
import type { PurchasedRow } from './member';
import { readMemberState } from './memberState';
import { claimProducts, clearOpposite, recordedProducts, releaseProducts } from './productReservation';
import { startResult } from './result';
import type { AccessTarget } from './target';

interface RevokeOutcome {
	revoked: number[];
	alreadyRevoked: number[];
	/** Products the member still holds through other orders, manual grants or roles (not this order's). */
	stillHeldElsewhere: IDataObject[];
	notes: string[];
}

interface Revoke {
	order: ApiKeyOrder;
	target: AccessTarget;
	credentials: TaCredentials;
	itemIndex: number;
}

const ADD_APPLICATION_PASSWORD =
	'Add a WordPress username and application password (an administrator) to the Thrive Apprentice credential: the node then reads the member\'s access, revokes every item of this order and checks that it is gone. Until then, remove the product from the member by hand in Thrive Apprentice › Customers.';

/** Pure: the message for a product the key's refund route cannot reach. */
export function unreachableError(orderId: string, productId: number, why: 'laterOrder' | 'firstOrderEmpty'): { message: string; description: string } {
	return {
		message:
			why === 'laterOrder'
				? `Product ${productId} of ThriveCart order ${orderId} is not in the first Thrive Apprentice order stored under that id, so the API key cannot revoke it`
				: `The first Thrive Apprentice order stored as ThriveCart order ${orderId} holds nothing any more, but product ${productId} was granted again for this order, so the API key cannot revoke it`,
		description: `Thrive Apprentice's refund route only reaches the first order stored under a ThriveCart order id; access granted again later for the same order (a resumed subscription, a paid rebill, an upsell in a later delivery) sits in another order. ${ADD_APPLICATION_PASSWORD}`,
	};
}

function fail(context: IExecuteFunctions, itemIndex: number, error: { message: string; description: string }): never {
	throw new NodeOperationError(context.getNode(), error.message, { itemIndex, description: error.description });
}

/** With the key alone: one product at a time, each refund preceded by the side-effect-free question. */
async function revokeWithKeyOnly(this: IExecuteFunctions, revoke: Revoke, memory: DoneMemory, productIds: number[]): Promise<RevokeOutcome> {
	const { order, itemIndex } = revoke;
	const revoked: number[] = [];
	const alreadyRevoked: number[] = [];
	const notes: string[] = [];
	const regranted = await recordedProducts(memory, 'grant', order, productIds);
	for (const productId of productIds) {
		const first = await probeFirstOrder.call(this, order.orderId, itemIndex);
		if (first === 'none') {
			fail(this, itemIndex, {
				message: `Thrive Apprentice has no ThriveCart order ${order.orderId}`,
				description:
					order.orderReference === undefined
						? 'Without an Order Reference the node derives the order id from the email and the products: revoke exactly the products that were granted together, or use the Order Reference the grant used. Access granted with the application password is revoked with "Connect With: Application Password".'
						: 'It was never granted through the API key, or under another order id. Access granted with the application password (or by hand) is revoked with "Connect With: Application Password".',
			});
		}
		if (first === 'empty') {
			// Nothing left in the first order. If the node granted the product again, it sits in a later order.
			if (regranted.includes(productId)) fail(this, itemIndex, unreachableError(order.orderId, productId, 'firstOrderEmpty'));
			alreadyRevoked.push(productId);
			notes.push(`the first Thrive Apprentice order for ThriveCart order ${order.orderId} holds nothing any more: product ${productId} was already revoked`);
			continue;
		}
		const route = routes.refundOrder();
		const response = await taSend.call(this, route, { body: { order_id: orderIdForTa(order.orderId), course_ids: [productId] }, itemIndex });
		if (isNotInFirstOrder(response)) fail(this, itemIndex, unreachableError(order.orderId, productId, 'laterOrder'));
		if (!isSuccess(response)) await taFail.call(this, route, response, itemIndex);
		revoked.push(productId);
	}
	return { revoked, alreadyRevoked, stillHeldElsewhere: [], notes };
}

async function disableItems(this: IExecuteFunctions, userId: number, rows: PurchasedRow[], itemIndex: number): Promise<number[]> {
	const disabled: number[] = [];
	for (const row of rows) {
		const route = routes.disableItem(userId, row.id as number);
		const response = await taSend.call(this, route, { itemIndex });
		if (isSuccess(response)) disabled.push(row.id as number);
		// order_item_not_saved: already disabled; the read-back below decides.
		else if (!(response.status === 500 && errorCode(response.body) === 'order_item_not_saved')) await taFail.call(this, route, response, itemIndex);
	}
	return disabled;
}

/** With an application password: act, then read Thrive Apprentice's state back. */
async function revokeWithReadBack(this: IExecuteFunctions, revoke: Revoke, productIds: number[], diagnostics: IDataObject): Promise<RevokeOutcome> {
	const { order, credentials, itemIndex } = revoke;
	const before = await readMemberState.call(this, order.email, itemIndex);
	const held = productIds.filter((productId) => heldThroughOrder(holdingOf(before.rows, order.orderId, productId)));
	const alreadyRevoked = productIds.filter((productId) => !held.includes(productId));
	if (held.length === 0 || before.userId === null) return { revoked: [], alreadyRevoked: productIds, stillHeldElsewhere: [], notes: [] };
	const userId = before.userId;

	if (hasApiKey(credentials) && held.some((productId) => holdingOf(before.rows, order.orderId, productId).unattributed.length > 0)) {
		// Items without an order in their name (ThriveCart's own integration) only refundOrder can attribute.
		const response = await taSend.call(this, routes.refundOrder(), { body: { order_id: orderIdForTa(order.orderId), course_ids: held }, itemIndex });
		diagnostics.refundOrder = response.status;
	}
	const middle = await readMemberState.call(this, order.email, itemIndex, userId);
	const ours = held.flatMap((productId) => holdingOf(middle.rows, order.orderId, productId).thisOrder);
	diagnostics.disabledOrderItems = await disableItems.call(this, userId, ours, itemIndex);

	const after = await readMemberState.call(this, order.email, itemIndex, userId);
	const stillHeldElsewhere: IDataObject[] = [];
	for (const productId of held) {
		const holding = holdingOf(after.rows, order.orderId, productId);
		const left = [...holding.thisOrder, ...holding.unattributed];
		if (left.length > 0) {
			throw new NodeOperationError(this.getNode(), `${order.email} still holds product ${productId} after the revoke for ThriveCart order ${order.orderId}`, {
				itemIndex,
				description: `Thrive Apprentice still lists ${left.map(describeItem).join(', ')}. ${holding.unattributed.length ? "Items stored by ThriveCart's own integration carry no order id, so the node cannot tell whether they belong to this order: if they do, remove them in Thrive Apprentice › Customers." : 'Remove it in Thrive Apprentice › Customers and run the execution again.'}`,
			});
		}
		for (const row of holding.elsewhere) stillHeldElsewhere.push({ productId, through: describeItem(row) });
	}
	return { revoked: held, alreadyRevoked, stillHeldElsewhere, notes: [] };
}

async function revokeUnderLock(this: IExecuteFunctions, revoke: Revoke, memory: DoneMemory): Promise<AccessResult> {
	const { order, target, credentials } = revoke;
	const canRead = hasApplicationPassword(credentials);
	const result = startResult('revoke', apiKeyIdentity(order), target);
	const claim = await claimProducts(memory, 'revoke', order, target.productIds);
	const diagnostics: IDataObject = { transport: 'apiKey', guard: claim.guard, readBack: canRead };
	// With the application password the member's items decide, never the memory alone (see the grant).
	const toRevoke = canRead ? [...target.productIds] : claim.fresh;
	const rememberedAsRevoked = canRead ? [] : claim.already;
	let unsettled = toRevoke;
	try {
		if (toRevoke.length === 0) return { ...result, alreadyRevoked: rememberedAsRevoked, diagnostics };
		const outcome: RevokeOutcome = canRead
			? await revokeWithReadBack.call(this, revoke, toRevoke, diagnostics)
			: await revokeWithKeyOnly.call(this, revoke, memory, toRevoke);
		unsettled = [];
		await clearOpposite(memory, 'revoke', order, toRevoke);
		diagnostics.verifiedBy = canRead ? 'memberItems' : 'refundOrderAfterProbe';
		const output: AccessResult = {
			...result,
			changed: outcome.revoked.length > 0,
			revoked: outcome.revoked,
			alreadyRevoked: [...rememberedAsRevoked, ...outcome.alreadyRevoked],
			diagnostics,
		};
		if (outcome.stillHeldElsewhere.length) output.stillHeldThrough = outcome.stillHeldElsewhere;
		if (outcome.notes.length) output.note = outcome.notes.join('; ');
		if (claim.warning) output.warnings = [claim.warning];
		return output;
	} finally {
		if (unsettled.length) await releaseProducts(memory, 'revoke', order, unsettled);
	}
}

export async function revokeWithApiKey(
	this: IExecuteFunctions,
	params: AccessParameters,
	target: AccessTarget,
	itemIndex: number,
): Promise<AccessResult> {
	const order = apiKeyOrder.call(this, params, target.productIds, itemIndex);
	if (target.productIds.length === 0) {
		return { ...startResult('revoke', apiKeyIdentity(order), target), message: 'Nothing to revoke: no product was selected or mapped, so Thrive Apprentice was not called.' };
	}
	const credentials = await loadCredentials.call(this, itemIndex);
	return await withBuyer(this, credentials, order.email, async (memory) => await revokeUnderLock.call(this, { order, target, credentials, itemIndex }, memory));
}
