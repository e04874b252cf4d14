/**
 * Revoke through the API key: TA's ThriveCart route `refundOrder` for the order the grant used. It only
 * sees the first order stored with that id, and an empty product list would disable the whole order,
 * so only products not yet revoked are ever sent, and never none.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { orderIdForTa } from '../../fulfilment/order';
import { hasApplicationPassword } from '../../transport/credentials';
import { isSuccess, loadCredentials, taFail } from '../../transport/request';
import { errorMessage } from '../../transport/errors';
import { routes } from '../../transport/routes';
import { apiKeyIdentity, apiKeyOrder } from './apiKeyOrder';
import { reserve } from './duplicateGuard';
import type { AccessParameters, AccessResult } from './fields';
import { clearOpposite, productKeys, reserveProducts, sendReserved } from './productReservation';
import { startResult } from './result';
import { revokeWithApplicationPassword } from './revokeWithApplicationPassword';
import type { AccessTarget } from './target';

export async function revokeWithApiKey(
	this: IExecuteFunctions,
	params: AccessParameters,
	target: AccessTarget,
	itemIndex: number,
): Promise<AccessResult> {
	const order = apiKeyOrder.call(this, params, target.productIds, itemIndex);
	const { orderId, orderReference } = order;
	const result = startResult('revoke', apiKeyIdentity(order), target);
	if (target.productIds.length === 0) {
		return { ...result, message: 'Nothing to revoke: no product was selected or mapped, so Thrive Apprentice was not called.' };
	}

	const reservation = await reserveProducts.call(this, 'revoke', order, target.productIds);
	const { fresh, already, guard } = reservation;
	if (fresh.length === 0) return { ...result, ...guard, alreadyRevoked: already };

	const route = routes.refundOrder();
	const body = { order_id: orderIdForTa(orderId), course_ids: fresh };
	const response = await sendReserved.call(this, reservation, route, { body, itemIndex });
	if (!isSuccess(response)) {
		if (response.status === 404) {
			return await taFail.call(this, route, response, itemIndex, {
				message: `Thrive Apprentice has no ThriveCart order ${orderId} — it was never granted through the API key, or the order id differs`,
				description:
					orderReference === undefined
						? 'Without an Order Reference the node derives the order id from the email and the products: revoke exactly the products that were granted together, or use the Order Reference the grant used. Access granted with the application password is revoked with the application password.'
						: 'Check that the Order Reference is the one the grant used. Access granted with the application password (or by hand) is revoked with "Connect With: Application Password".',
			});
		}
		if (response.status === 500 && /could not be saved/i.test(errorMessage(response.body) ?? '')) {
			// refundOrder only sees the FIRST order stored with this id: products granted again later (a
			// resumed subscription, an upsell in a later delivery) sit in another order. The admin routes
			// reach every order item, so use them when the credential has an application password.
			if (hasApplicationPassword(await loadCredentials.call(this, itemIndex))) {
				const viaAdmin = await revokeWithApplicationPassword.call(this, params, { ...target, productIds: fresh }, itemIndex);
				await reserve.call(this, productKeys('revoke', order, fresh)); // remember the revoke again: it did happen
				await clearOpposite.call(this, 'revoke', order, fresh);
				return {
					...viaAdmin,
					...guard,
					orderReference: orderId,
					alreadyRevoked: [...already, ...((viaAdmin.alreadyRevoked as number[]) ?? [])],
					note: `Thrive Apprentice's refund route only sees the first order stored as ThriveCart order ${orderId}, which no longer holds product(s) ${fresh.join(', ')}; they were revoked through the application password instead.`,
				};
			}
			return await taFail.call(this, route, response, itemIndex, {
				message: `ThriveCart order ${orderId} in Thrive Apprentice does not hold product(s) ${fresh.join(', ')} (500 "Order could not be saved")`,
				description:
					"Thrive Apprentice's refund route only looks at the FIRST order stored with this id, so products granted again later for the same order (an upsell in a later delivery, a resumed subscription) are out of its reach. Add a WordPress username and application password to the Thrive Apprentice credential: the node then revokes those through the admin routes automatically.",
			});
		}
		return await taFail.call(this, route, response, itemIndex);
	}
	await clearOpposite.call(this, 'revoke', order, fresh);
	return { ...result, ...guard, changed: true, revoked: fresh, alreadyRevoked: already };
}
