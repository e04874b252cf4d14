/**
 * Revoke through the application password: disable the member's active order items for the products.
 * `disable-item` ignores the user id in its path, so only items read from this member's own
 * `purchased-items` are ever disabled. Access from a WordPress role has no order item and cannot be
 * revoked this way: it is reported, not pretended away.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { normaliseOrderReference } from '../../fulfilment/order';
import { errorCode } from '../../transport/errors';
import { isSuccess, taFail, taSend } from '../../transport/request';
import { routes } from '../../transport/routes';
import type { AccessParameters, AccessResult } from './fields';
import { findMember, isOrderItem, isThriveCartRow, purchasedItemsOf, type PurchasedRow } from './member';
import { startResult } from './result';
import type { AccessTarget } from './target';

function hasReference(value: unknown): boolean {
	try {
		return normaliseOrderReference(value) !== undefined;
	} catch {
		// Any non-empty reference counts: it only decides which rows to prefer.
		return typeof value === 'string' && value.trim() !== '';
	}
}

export async function revokeWithApplicationPassword(
	this: IExecuteFunctions,
	params: AccessParameters,
	target: AccessTarget,
	itemIndex: number,
): Promise<AccessResult> {
	const member = await findMember.call(this, params, itemIndex);
	const preferThriveCart = hasReference(params.orderReference);
	const result = startResult(
		'revoke',
		{
			email: member.email,
			userId: member.id,
			transport: 'applicationPassword',
			orderReference: preferThriveCart ? String(params.orderReference).trim() : null,
		},
		target,
	);
	if (target.productIds.length === 0) {
		return { ...result, message: 'Nothing to revoke: no product was selected or mapped.' };
	}

	const rows = await purchasedItemsOf.call(this, member.id, itemIndex);
	const revoked: number[] = [];
	const alreadyRevoked: number[] = [];
	const notRevocable: IDataObject[] = [];
	const keptItems: IDataObject[] = [];
	const disabledItems: number[] = [];

	for (const productId of target.productIds) {
		const forProduct = rows.filter((row) => row.product_id === productId);
		const orderItems = forProduct.filter(isOrderItem);
		const fromRoles = forProduct.filter((row) => !isOrderItem(row));
		// With an order reference the revoke is about a ThriveCart sale: access given by hand stays.
		const thriveCartItems = orderItems.filter(isThriveCartRow);
		const toDisable: PurchasedRow[] = preferThriveCart && thriveCartItems.length > 0 ? thriveCartItems : orderItems;
		for (const row of orderItems.filter((candidate) => !toDisable.includes(candidate))) {
			keptItems.push({ productId, itemId: row.id, type: row.type ?? null, source: row.source ?? null });
		}

		let disabledHere = 0;
		for (const row of toDisable) {
			const route = routes.disableItem(member.id, row.id as number);
			const response = await taSend.call(this, route, { itemIndex });
			if (isSuccess(response)) {
				disabledHere++;
				disabledItems.push(row.id as number);
			} else if (!(response.status === 500 && errorCode(response.body) === 'order_item_not_saved')) {
				// order_item_not_saved = already disabled (by a concurrent run); anything else is a real failure.
				return await taFail.call(this, route, response, itemIndex);
			}
		}
		if (disabledHere > 0) revoked.push(productId);
		else if (fromRoles.length === 0) alreadyRevoked.push(productId);
		for (const row of fromRoles) {
			notRevocable.push({
				productId,
				reason: `access comes from the WordPress role (${row.source ?? 'role-based access'}), not from an order: change the member's role or the product's access rules in Thrive Apprentice to remove it`,
			});
		}
	}
	const output: AccessResult = {
		...result,
		changed: revoked.length > 0,
		revoked,
		alreadyRevoked,
		notRevocable,
		disabledOrderItems: disabledItems,
	};
	if (keptItems.length) output.keptOrderItems = keptItems;
	return output;
}
