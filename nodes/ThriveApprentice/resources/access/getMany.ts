import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readAccessParameters } from './fields';
import { findMember, isOrderItem, productsOfMember, purchasedItemsOf } from './member';

/** Get Many's own parameters: the user fields are shared (see fields.ts). */
export const description: INodeProperties[] = [];

/** One output item per product the member has, from any source, with the grants behind it. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const params = readAccessParameters.call(this, itemIndex);
	const member = await findMember.call(this, params, itemIndex);
	const [products, rows] = [
		await productsOfMember.call(this, member.id, itemIndex),
		await purchasedItemsOf.call(this, member.id, itemIndex),
	];
	return products.map((product) => {
		const grants = rows
			.filter((row) => row.product_id === product.id)
			.map((row) => ({
				orderItemId: isOrderItem(row) ? row.id : null,
				orderId: row.order_id ?? null,
				name: row.name ?? null,
				type: row.type ?? null,
				source: row.source ?? null,
				date: row.date ?? null,
				revocable: isOrderItem(row),
			}));
		return {
			userId: member.id,
			email: member.email,
			productId: product.id,
			productName: product.name ?? null,
			grants,
			revocable: grants.some((grant) => grant.revocable),
		};
	});
}
