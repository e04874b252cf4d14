/**
 * The member an application-password access operation works on, by email or WordPress user id, plus
 * reading their products and order items.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { taRequest } from '../../transport/request';
import { routes } from '../../transport/routes';
import { findUserByEmail, findUserById, getOrCreateMember, requireEmail, toMemberOutput, type MemberOutput } from '../user/users';
import type { AccessParameters } from './fields';

export interface FindMemberOptions {
	/** Create the user when no one has the email (Grant). */
	create?: { firstName: string; lastName: string; sendWelcomeEmail: boolean; productIds: number[] };
}

export async function findMember(
	this: IExecuteFunctions,
	params: AccessParameters,
	itemIndex: number,
	options: FindMemberOptions = {},
): Promise<MemberOutput> {
	if (params.userBy === 'id') {
		const userId = Number(params.userId);
		if (!Number.isSafeInteger(userId) || userId <= 0) {
			throw new NodeOperationError(this.getNode(), `"${params.userId}" is not a WordPress user ID`, { itemIndex });
		}
		const user = await findUserById.call(this, userId, itemIndex);
		if (!user) throw new NodeOperationError(this.getNode(), `WordPress has no user with ID ${userId}`, { itemIndex });
		return toMemberOutput(user, false);
	}
	const email = requireEmail.call(this, params.email, itemIndex);
	if (options.create) return await getOrCreateMember.call(this, { email, ...options.create }, itemIndex);
	const user = await findUserByEmail.call(this, email, itemIndex);
	if (!user) {
		throw new NodeOperationError(this.getNode(), `No WordPress user has the email ${email}`, {
			itemIndex,
			description: 'Check the email, or look the member up in WordPress > Users.',
		});
	}
	return toMemberOutput(user, false);
}

export interface OwnedProduct {
	id: number;
	name?: string;
}

export async function productsOfMember(this: IExecuteFunctions, userId: number, itemIndex: number): Promise<OwnedProduct[]> {
	const products = await taRequest.call(this, routes.customerProducts(userId), { itemIndex });
	return (Array.isArray(products) ? (products as IDataObject[]) : []).map((product) => ({
		id: Number(product.id),
		name: typeof product.name === 'string' ? product.name : undefined,
	}));
}

/** A row of `purchased-items`: an order item (with `id`), or role-based access (no `id`). */
export interface PurchasedRow extends IDataObject {
	id?: number;
	order_id?: number;
	product_id: number;
	name?: string;
	type?: string;
	source?: string;
	date?: string;
}

export async function purchasedItemsOf(this: IExecuteFunctions, userId: number, itemIndex: number): Promise<PurchasedRow[]> {
	const rows = await taRequest.call(this, routes.purchasedItems(userId), { itemIndex });
	return (Array.isArray(rows) ? (rows as IDataObject[]) : []).map((row) => ({
		...row,
		id: row.id === undefined || row.id === null || row.id === '' ? undefined : Number(row.id),
		product_id: Number(row.product_id),
	}));
}

export function isOrderItem(row: PurchasedRow): boolean {
	return typeof row.id === 'number' && Number.isFinite(row.id) && row.id > 0;
}

export function isThriveCartRow(row: PurchasedRow): boolean {
	return /thrivecart/i.test(String(row.type ?? ''));
}
