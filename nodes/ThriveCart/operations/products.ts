/** Product › Get and Product › Get Many. */
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { normaliseProducts, productFromAnswer } from '../api/products';
import { thriveCartRequest } from '../transport/request';

export async function get(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const raw = String(this.getNodeParameter('productId', itemIndex, '') ?? '').trim();
	const productId = raw.replace(/^product-/i, '');
	if (!/^\d+$/.test(productId)) {
		throw new NodeOperationError(this.getNode(), `"${raw}" is not a ThriveCart product id`, {
			itemIndex,
			description: 'Use the number in the product\'s URL in ThriveCart (or its key, such as "product-12").',
		});
	}
	const body = await thriveCartRequest.call(this, 'GET', `/products/${productId}`, `reading product ${productId}`, itemIndex);
	return productFromAnswer(body) as unknown as IDataObject;
}

export async function getMany(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const status = this.getNodeParameter('productStatus', itemIndex, 'all') as string;
	const body = await thriveCartRequest.call(this, 'GET', '/products', 'listing products', itemIndex, {
		qs: status === 'all' ? undefined : { status },
	});
	return normaliseProducts(body) as unknown as IDataObject[];
}
