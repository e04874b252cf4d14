/**
 * Before any call that could create a WordPress user: every product id must exist on the site, because
 * newOrder accepts unknown ids with 200 (and creates the user and sends the welcome email anyway).
 */
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { hasApplicationPassword, type TaCredentials } from '../../transport/credentials';
import { listProducts, listProductsWithApiKey } from '../product/products';

/** Names of the products, by id; throws naming the ids the site does not have. */
export async function requireProducts(
	this: IExecuteFunctions,
	credentials: TaCredentials,
	productIds: readonly number[],
	itemIndex: number,
): Promise<Map<number, string>> {
	const products = hasApplicationPassword(credentials)
		? await listProducts.call(this, itemIndex)
		: await listProductsWithApiKey.call(this, itemIndex);
	const names = new Map(products.map((product) => [Number(product.id), String(product.name ?? '')]));
	const unknown = productIds.filter((productId) => !names.has(productId));
	if (unknown.length > 0) {
		throw new NodeOperationError(this.getNode(), `Thrive Apprentice has no product with ID ${unknown.join(', ')}`, {
			itemIndex,
			description:
				'Nothing was sent, so no account was created and no email went out. Check the product IDs in the product map against Thrive Apprentice › Products (or this node\'s product list), then run the execution again.',
		});
	}
	return names;
}
