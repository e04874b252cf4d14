/** Reading products: `tva/v1/products` (application password) or `getCourses` (API key, `{id, title}`). */
import type { IDataObject } from 'n8n-workflow';

import { taRequest, type TaContext } from '../../transport/request';
import { routes } from '../../transport/routes';

export interface TaProduct extends IDataObject {
	id: number;
	name: string;
}

/** A product's courses: the `value` ids of its `tva_courses` content sets (there is no course count on a real site). */
export function productCourseIds(product: unknown): number[] {
	const ids: number[] = [];
	const sets = (product as { sets?: unknown } | null)?.sets;
	if (!Array.isArray(sets)) return ids;
	for (const set of sets) {
		const contents = (set as { post_content?: unknown } | null)?.post_content;
		if (!Array.isArray(contents)) continue;
		for (const content of contents) {
			const entry = content as { content_type?: unknown; content?: unknown; value?: unknown } | null;
			if (entry?.content_type !== 'term' || entry.content !== 'tva_courses' || !Array.isArray(entry.value)) continue;
			for (const value of entry.value) {
				const id = Number((value as { id?: unknown } | null)?.id);
				if (Number.isSafeInteger(id) && id > 0 && !ids.includes(id)) ids.push(id);
			}
		}
	}
	return ids;
}

/** Every product; the route ignores paging and its order is not stable, so it is sorted by id. */
export async function listProducts(this: TaContext, itemIndex = 0): Promise<TaProduct[]> {
	const answer = (await taRequest.call(this, routes.products(), { itemIndex })) as { items?: TaProduct[] };
	const items = Array.isArray(answer?.items) ? answer.items : [];
	return [...items].sort((a, b) => Number(a.id) - Number(b.id));
}

/** The products ThriveCart sees (TA calls them courses on this route): every product, whatever its courses' status. */
export async function listProductsWithApiKey(this: TaContext, itemIndex = 0): Promise<TaProduct[]> {
	const answer = (await taRequest.call(this, routes.getCourses(), { itemIndex })) as Array<{ id: number | string; title?: string }>;
	return (Array.isArray(answer) ? answer : [])
		.map((product) => ({ id: Number(product.id), name: product.title ?? '' }))
		.sort((a, b) => a.id - b.id);
}
