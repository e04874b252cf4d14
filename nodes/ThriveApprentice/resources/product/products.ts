/** Reading products: `tva/v1/products` (application password) or `getCourses` (API key, `{id, title}`). */
import type { IDataObject } from 'n8n-workflow';

import { taRequest, type TaContext } from '../../transport/request';
import { routes } from '../../transport/routes';

export interface TaProduct extends IDataObject {
	id: number;
	name: string;
}

/** Every product; the route ignores paging and its order is not stable, so it is sorted by id. */
export async function listProducts(this: TaContext, itemIndex = 0): Promise<TaProduct[]> {
	const answer = (await taRequest.call(this, routes.products(), { itemIndex })) as { items?: TaProduct[] };
	const items = Array.isArray(answer?.items) ? answer.items : [];
	return [...items].sort((a, b) => Number(a.id) - Number(b.id));
}

/** The products ThriveCart sees (TA calls them courses on this route): those with a published course. */
export async function listProductsWithApiKey(this: TaContext, itemIndex = 0): Promise<TaProduct[]> {
	const answer = (await taRequest.call(this, routes.getCourses(), { itemIndex })) as Array<{ id: number | string; title?: string }>;
	return (Array.isArray(answer) ? answer : [])
		.map((product) => ({ id: Number(product.id), name: product.title ?? '' }))
		.sort((a, b) => a.id - b.id);
}
