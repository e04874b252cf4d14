/**
 * Grant through the application password: find or create the member, then `add-access`, which is
 * idempotent (owned products are skipped). Comparing the product lists before and after tells what was
 * new; a product that is in neither list does not exist (add-access ignores unknown ids silently).
 */
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { normaliseOrderReference } from '../../fulfilment/order';
import { taRequest } from '../../transport/request';
import { routes } from '../../transport/routes';
import type { AccessParameters, AccessResult } from './fields';
import type { GrantOptions } from './grantWithApiKey';
import { findMember, productsOfMember, type OwnedProduct } from './member';
import { startResult } from './result';
import type { AccessTarget } from './target';

/** The admin routes take no order id; a valid reference is echoed so outputs look alike. */
function referenceOf(value: unknown): string | null {
	try {
		return normaliseOrderReference(value) ?? null;
	} catch {
		return null;
	}
}

export async function grantWithApplicationPassword(
	this: IExecuteFunctions,
	params: AccessParameters,
	target: AccessTarget,
	options: GrantOptions,
	itemIndex: number,
): Promise<AccessResult> {
	const member = await findMember.call(this, params, itemIndex, {
		create: {
			firstName: options.firstName,
			lastName: options.lastName,
			// Only a NEW member can get the welcome email; existing members never get a new-account email.
			sendWelcomeEmail: options.sendWelcomeEmail,
			productIds: target.productIds,
		},
	});
	const result = startResult(
		'grant',
		{ email: member.email, userId: member.id, transport: 'applicationPassword', orderReference: referenceOf(params.orderReference) },
		target,
		{ userCreated: member.created, welcomeEmailRequested: member.created && options.sendWelcomeEmail },
	);
	if (target.productIds.length === 0) {
		return { ...result, changed: member.created, message: 'Nothing to grant: no product was selected or mapped.' };
	}

	// A member just created through TA's member route already received the products in that call.
	const before: OwnedProduct[] = member.created ? [] : await productsOfMember.call(this, member.id, itemIndex);
	const after = (await taRequest.call(this, routes.addAccess(member.id), {
		body: { course_ids: target.productIds },
		itemIndex,
	})) as Array<{ id: number | string; name?: string }>;
	const owned = new Map((Array.isArray(after) ? after : []).map((product) => [Number(product.id), product.name]));
	const ownedBefore = new Set(before.map((product) => product.id));

	const missing = target.productIds.filter((productId) => !owned.has(productId));
	if (missing.length > 0) {
		throw new NodeOperationError(
			this.getNode(),
			`Thrive Apprentice did not grant product(s) ${missing.join(', ')} to ${member.email || `user ${member.id}`}`,
			{
				itemIndex,
				description:
					'Thrive Apprentice ignores product IDs it does not know (and course IDs given as product IDs). Check the IDs in Thrive Apprentice > Products or in this node\'s product list.',
			},
		);
	}
	const granted = target.productIds.filter((productId) => !ownedBefore.has(productId));
	return {
		...result,
		products: target.productIds.map((id) => ({ id, name: owned.get(id) ?? target.names.get(id) })),
		changed: granted.length > 0 || member.created,
		granted,
		alreadyGranted: target.productIds.filter((productId) => ownedBefore.has(productId)),
	};
}
