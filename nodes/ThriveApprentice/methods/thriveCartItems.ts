/**
 * The Product Map's "ThriveCart Item" list: the items of the seller's ThriveCart account, read with the
 * node's optional ThriveCart API credential through the trigger's transport. Without an API key it says
 * what to add instead of failing (n8n answers a failing list with a server error and logs a stack trace).
 * Pages of ten products with their pricing options keep each opening far below ThriveCart's 60 calls a
 * minute; bumps, upsells and downsells follow on the last page.
 */
import { NodeApiError, NodeOperationError, type ILoadOptionsFunctions, type INodeListSearchResult, type JsonObject } from 'n8n-workflow';

import { itemEntries, matching, pricingOptionEntries, productEntry, type CatalogueEntry } from '../../ThriveCart/api/catalogue';
import { normaliseProducts } from '../../ThriveCart/api/products';
import { ShapeError } from '../../ThriveCart/api/shapeError';
import { hasApiKey } from '../../ThriveCartTrigger/methods/loadOptions';
import { thriveCartApiRequest } from '../../ThriveCartTrigger/transport/api';
import { failureFacts } from '../../ThriveCartTrigger/transport/errors';

export const ADD_THRIVECART_API_KEY =
	'Add a ThriveCart API credential with its API key to this node (ThriveCart > Settings > API & webhooks > API tokens) to pick items here, or choose "By Key" and type the key, e.g. product-12';

export const PRODUCTS_PER_PAGE = 10;

/** A route that answers 404 has nothing of that kind (an account without upsells, a product without options). */
async function listOrNothing(context: ILoadOptionsFunctions, path: string, action: string): Promise<unknown> {
	try {
		return await thriveCartApiRequest.call(context, 'GET', path, action);
	} catch (error) {
		// thriveCartApiRequest already throws n8n's errors; anything else is wrapped so the editor shows it.
		const failure = error instanceof NodeApiError ? error : new NodeApiError(context.getNode(), error as JsonObject);
		if (failureFacts(failure).status === 404) return [];
		throw failure;
	}
}

async function page(context: ILoadOptionsFunctions, offset: number): Promise<{ entries: CatalogueEntry[]; next?: number }> {
	const products = normaliseProducts(await thriveCartApiRequest.call(context, 'GET', '/products', 'listing your products')).sort((a, b) =>
		(a.name ?? '').localeCompare(b.name ?? '') || a.id.localeCompare(b.id),
	);
	const entries: CatalogueEntry[] = [];
	for (const product of products.slice(offset, offset + PRODUCTS_PER_PAGE)) {
		entries.push(productEntry(product));
		const options = await listOrNothing(context, `/products/${product.id}/pricing_options`, `listing the pricing options of product ${product.id}`);
		entries.push(...pricingOptionEntries(product, options));
	}
	const next = offset + PRODUCTS_PER_PAGE;
	if (next < products.length) return { entries, next };
	const names = new Map(products.map((product) => [product.id, product.name]));
	for (const type of ['bump', 'upsell', 'downsell'] as const) {
		entries.push(...itemEntries(type, await listOrNothing(context, `/${type}s`, `listing your ${type}s`), names));
	}
	return { entries };
}

export async function searchThriveCartItems(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	if (!(await hasApiKey(this))) return { results: [{ name: ADD_THRIVECART_API_KEY, value: '' }] };
	const offset = Number.parseInt(paginationToken ?? '0', 10);
	try {
		const { entries, next } = await page(this, Number.isSafeInteger(offset) && offset > 0 ? offset : 0);
		return {
			results: matching(entries, filter).map((entry) => ({ name: entry.label, value: entry.key })),
			paginationToken: next === undefined ? undefined : String(next),
		};
	} catch (error) {
		// n8n's own errors (a rejected key, ThriveCart down) as they are; an answer it cannot read, named.
		const failure =
			error instanceof NodeApiError || error instanceof NodeOperationError
				? error
				: error instanceof ShapeError
					? new NodeOperationError(this.getNode(), error.message, { description: error.description })
					: new NodeOperationError(this.getNode(), error as Error);
		throw failure;
	}
}
