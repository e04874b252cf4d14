/**
 * Grant through the API key: TA's ThriveCart route `newOrder`, which finds or creates the member and saves
 * a completed order. It is not idempotent (every call stores another order), so under the buyer lock:
 *
 * 1. with an application password the member's items decide (each carries its ThriveCart order in its
 *    name); with the key alone the node's memory says what is a repeat, and Thrive Apprentice whether it
 *    already has an order under this id at all;
 * 2. unknown product ids are refused before anything could create a user;
 * 3. after a lost answer the state is checked before anything is sent again;
 * 4. with an application password the grant is read back: `granted` means the member holds it.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { withBuyer, type DoneMemory } from '../../coordination';
import { buildNewOrder, chargesForProducts, chargesFromItems } from '../../fulfilment/order';
import { hasApplicationPassword, type TaCredentials } from '../../transport/credentials';
import { loadCredentials, taFail } from '../../transport/request';
import { routes } from '../../transport/routes';
import { assertProductsExist } from '../product/exist';
import { apiKeyIdentity, apiKeyOrder, type ApiKeyOrder } from './apiKeyOrder';
import type { AccessParameters, AccessResult } from './fields';
import { probeFirstOrder, type FirstOrder } from './firstOrder';
import { heldThroughOrder, holdingOf } from './holdings';
import { readMemberState } from './memberState';
import { sendNewOrder, type NewOrderOutcome } from './newOrderCall';
import { claimGrant, clearOpposite, recordedProducts, releaseProducts } from './productReservation';
import { startResult } from './result';
import type { AccessTarget } from './target';

export interface GrantOptions {
	firstName: string;
	lastName: string;
	currency: string;
	processor: string;
	accessName: string;
	sendWelcomeEmail: boolean;
	/** Grant only what this workflow revoked before (a resumed subscription, a paid rebill). */
	restoreOnly: boolean;
}

interface Grant {
	order: ApiKeyOrder;
	target: AccessTarget;
	options: GrantOptions;
	credentials: TaCredentials;
	itemIndex: number;
}

/** Pure: the message when TA already holds an order this workflow never recorded and nothing can read it. */
export function unrecordedOrderError(orderId: string): { message: string; description: string } {
	return {
		message: `Thrive Apprentice already has ThriveCart order ${orderId}, but this workflow never recorded granting it`,
		description:
			"It was stored by ThriveCart's own Thrive Apprentice integration, or before this workflow was re-imported. With the API key alone the node cannot see which products that order holds, and sending it again would store a duplicate order (which a later refund could not reach), so nothing was sent. Add a WordPress username and application password to the Thrive Apprentice credential: the node then reads the member's access and grants only what is missing.",
	};
}

function fail(context: IExecuteFunctions, itemIndex: number, error: { message: string; description: string }): never {
	throw new NodeOperationError(context.getNode(), error.message, { itemIndex, description: error.description });
}

function newOrderBody(grant: Grant, productIds: number[]): Record<string, unknown> {
	const { order, target, options } = grant;
	const charges = target.mapped.length > 0 ? chargesFromItems(target.mapped, productIds) : chargesForProducts(productIds, options.accessName);
	return buildNewOrder({
		email: order.email,
		firstName: options.firstName,
		lastName: options.lastName,
		orderId: order.orderId,
		currency: options.currency,
		processor: options.processor,
		charges,
	});
}

/** After an uncertain newOrder: was it stored? 'unknown' when the credential cannot tell. */
async function wasStored(this: IExecuteFunctions, grant: Grant, productIds: number[], before: FirstOrder | undefined): Promise<'yes' | 'no' | 'unknown'> {
	if (hasApplicationPassword(grant.credentials)) {
		const state = await readMemberState.call(this, grant.order.email, grant.itemIndex);
		const held = productIds.filter((productId) => holdingOf(state.rows, grant.order.orderId, productId).thisOrder.length > 0);
		if (held.length === productIds.length) return 'yes';
		return held.length === 0 ? 'no' : 'unknown';
	}
	// With the key alone only a first order can be told apart: it exists now or it does not.
	if (before !== 'none') return 'unknown';
	return (await probeFirstOrder.call(this, grant.order.orderId, grant.itemIndex)) === 'none' ? 'no' : 'yes';
}

async function storeOrder(this: IExecuteFunctions, grant: Grant, productIds: number[], before: FirstOrder | undefined): Promise<NewOrderOutcome & { recovered?: string }> {
	const body = newOrderBody(grant, productIds);
	const first = await sendNewOrder.call(this, body, grant.itemIndex);
	if (first.kind !== 'uncertain') return first;
	const stored = await wasStored.call(this, grant, productIds, before);
	if (stored === 'yes') return { kind: 'stored', taOrderId: 0, userId: 0, recovered: first.reason };
	if (stored === 'unknown') return first;
	const second = await sendNewOrder.call(this, body, grant.itemIndex);
	return second.kind === 'stored' ? { ...second, recovered: first.reason } : second;
}

async function grantUnderLock(this: IExecuteFunctions, grant: Grant, memory: DoneMemory): Promise<AccessResult> {
	const { order, target, options, credentials, itemIndex } = grant;
	const canRead = hasApplicationPassword(credentials);
	const result = startResult('grant', apiKeyIdentity(order), target);
	const claim = await claimGrant(memory, order, target.productIds);
	/** Whether this run stored an order, or may have (an uncertain answer). */
	let maybeStored = false;
	const diagnostics: IDataObject = { transport: 'apiKey', guard: claim.guard, readBack: canRead };
	const warnings: string[] = claim.warning ? [claim.warning] : [];
	// With the application password the member's items decide, not the memory (n8n's store is not
	// atomic across queue-mode workers, so a record may be stale): memory then only records.
	let fresh = canRead ? [...target.productIds] : claim.fresh;
	const alreadyGranted = canRead ? [] : [...claim.already];
	const finish = (extra: IDataObject): AccessResult => ({
		...result,
		alreadyGranted,
		...extra,
		...(warnings.length ? { warnings } : {}),
		diagnostics,
	});

	try {
		if (options.restoreOnly && !canRead) {
			// With the key alone, "was it revoked?" is only in the node's memory.
			const revoked = await recordedProducts(memory, 'revoke', order, fresh);
			const notRevoked = fresh.filter((productId) => !revoked.includes(productId));
			await releaseProducts(memory, 'grant', order, notRevoked);
			fresh = revoked;
			if (notRevoked.length) diagnostics.notRevokedBefore = notRevoked;
		}
		if (fresh.length === 0) {
			return finish(alreadyGranted.length ? {} : { message: 'Nothing to restore: this workflow revoked none of these products.' });
		}

		const names = await assertProductsExist.call(this, fresh, itemIndex);
		let toSend = fresh;
		let before: FirstOrder | undefined;
		if (canRead) {
			const state = await readMemberState.call(this, order.email, itemIndex);
			const held = fresh.filter((productId) => heldThroughOrder(holdingOf(state.rows, order.orderId, productId)));
			alreadyGranted.push(...held);
			toSend = fresh.filter((productId) => !held.includes(productId));
		} else {
			before = await probeFirstOrder.call(this, order.orderId, itemIndex);
			if (before !== 'none') {
				if (!claim.orderKnown) fail(this, itemIndex, unrecordedOrderError(order.orderId));
				warnings.push(
					`Thrive Apprentice already holds ThriveCart order ${order.orderId}, so product(s) ${toSend.join(', ')} went into a second order under the same id. Thrive Apprentice's refund route only reaches the first one: revoking these later needs an application password in the credential.`,
				);
			}
		}
		if (toSend.length === 0) {
			diagnostics.verifiedBy = 'memberItems';
			return finish({});
		}

		const outcome = await storeOrder.call(this, grant, toSend, before);
		if (outcome.kind === 'refused') return await taFail.call(this, routes.newOrder(), outcome.response, itemIndex);
		if (outcome.kind === 'uncertain') {
			maybeStored = true;
			// Keep the claim: sending again could store a second order, and this credential cannot tell.
			fresh = [];
			throw new NodeOperationError(this.getNode(), `Thrive Apprentice did not confirm the order for ThriveCart order ${order.orderId}: ${outcome.reason}`, {
				itemIndex,
				description: `It may have stored the order. To avoid a duplicate order the node will not send it again: check ${order.email} in Thrive Apprentice › Customers. Adding a WordPress application password to the credential lets the node check by itself.`,
			});
		}
		maybeStored = true;
		if (outcome.recovered) diagnostics.recoveredFrom = outcome.recovered;

		if (canRead) {
			const state = await readMemberState.call(this, order.email, itemIndex, outcome.userId || undefined);
			const missing = toSend.filter((productId) => holdingOf(state.rows, order.orderId, productId).thisOrder.length === 0);
			if (missing.length > 0) {
				throw new NodeOperationError(this.getNode(), `Thrive Apprentice accepted ThriveCart order ${order.orderId} but ${order.email} does not hold product(s) ${missing.join(', ')}`, {
					itemIndex,
					description: 'The node read the member\'s access back after granting and these products are not in it. Check the products in Thrive Apprentice › Products and the member in Thrive Apprentice › Customers.',
				});
			}
			result.userId = state.userId;
			diagnostics.verifiedBy = 'memberItems';
		} else {
			result.userId = outcome.userId || null;
			diagnostics.verifiedBy = 'newOrderAnswer';
		}
		if (outcome.taOrderId) diagnostics.taOrderId = outcome.taOrderId;
		await clearOpposite(memory, 'grant', order, toSend);
		const granted = toSend;
		fresh = [];
		return finish({
			changed: true,
			granted,
			products: target.productIds.map((id) => ({ id, name: names.get(id) ?? target.names.get(id) })),
		});
	} finally {
		// Whatever was claimed and not granted (or found already held) is released, so a retry acts again.
		const unsettled = fresh.filter((productId) => !alreadyGranted.includes(productId));
		if (unsettled.length) await releaseProducts(memory, 'grant', order, unsettled);
		// "This node stored an order under this id" only once it did (kept after an uncertain answer too).
		if (!claim.orderKnown && !maybeStored) await memory.release([claim.orderKey]);
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
	if (target.productIds.length === 0) {
		return { ...startResult('grant', apiKeyIdentity(order), target), message: 'Nothing to grant: no product was selected or mapped, so Thrive Apprentice was not called.' };
	}
	const credentials = await loadCredentials.call(this, itemIndex);
	const grant: Grant = { order, target, options, credentials, itemIndex };
	return await withBuyer(this, credentials, order.email, async (memory) => await grantUnderLock.call(this, grant, memory));
}
