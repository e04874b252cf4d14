/** The product dropdown: `GET /products` through the API key (live or test per the credential's mode). */
import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { thriveCartApiRequest } from '../transport/api';

function productList(response: unknown): IDataObject[] {
	if (Array.isArray(response)) return response as IDataObject[];
	const record = (response ?? {}) as IDataObject;
	for (const key of ['products', 'data', 'items']) {
		if (Array.isArray(record[key])) return record[key] as IDataObject[];
	}
	return [];
}

export async function getProducts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const response = await thriveCartApiRequest.call(this, 'GET', '/products', 'listing your products');
	const options: INodePropertyOptions[] = [];
	for (const product of productList(response)) {
		const id = product.product_id ?? product.id;
		if (id === undefined || id === null || id === '') continue;
		const name = typeof product.name === 'string' && product.name.trim() ? product.name.trim() : `Product ${String(id)}`;
		const status = typeof product.status === 'string' && product.status !== 'live' ? ` – ${product.status}` : '';
		options.push({ name: `${name} (#${String(id)})${status}`, value: String(id) });
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}
