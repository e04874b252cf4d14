/**
 * Refuses unknown product ids before any call that could create a user: TA's newOrder and add-access
 * accept ids that do not exist (newOrder even creates the WordPress user). The site's product list is
 * cached per process for a short time per site and credential, and fetched again once before an id is
 * refused, so a product created a moment ago is found.
 */
import { createHash } from 'crypto';
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { hasApiKey, hasApplicationPassword, type TaCredentials } from '../../transport/credentials';
import { loadCredentials, type TaContext } from '../../transport/request';
import type { RouteAuth } from '../../transport/routes';
import { listProducts, listProductsWithApiKey } from './products';

export const PRODUCT_CACHE_MS = 60_000;

interface CachedList {
	at: number;
	names: Map<number, string>;
}

const cache = new Map<string, CachedList>();

/** For tests: forget every cached product list. */
export function forgetProductLists(): void {
	cache.clear();
}

/** Which list to read: getCourses with the API key (every product, published or not), else tva/v1/products. */
export function productListSource(credentials: TaCredentials, via?: RouteAuth): RouteAuth {
	if (via) return via;
	return hasApiKey(credentials) || !hasApplicationPassword(credentials) ? 'apiKey' : 'applicationPassword';
}

// The key is a hash: the secret itself is never kept, not even in memory as a map key.
function cacheKey(credentials: TaCredentials, source: RouteAuth): string {
	const secret = source === 'apiKey' ? credentials.apiKey : `${credentials.username}:${credentials.applicationPassword}`;
	return createHash('sha256').update(`${credentials.siteUrl}\n${source}\n${secret}`).digest('hex');
}

async function fetchNames(this: TaContext, source: RouteAuth, itemIndex: number): Promise<Map<number, string>> {
	const products = source === 'apiKey' ? await listProductsWithApiKey.call(this, itemIndex) : await listProducts.call(this, itemIndex);
	return new Map(products.map((product) => [Number(product.id), String(product.name ?? '')]));
}

export interface ProductsExistOptions {
	/** Which credential part to read the list with (default: the API key when there is one). */
	via?: RouteAuth;
	/** Clock for tests. */
	now?: () => number;
}

/**
 * Returns the name of each product id (in the order given) when all exist; throws a NodeOperationError
 * naming the unknown ids otherwise.
 */
export async function assertProductsExist(
	this: IExecuteFunctions | TaContext,
	productIds: readonly number[],
	itemIndex = 0,
	options: ProductsExistOptions = {},
): Promise<Map<number, string>> {
	const wanted = [...new Set(productIds)];
	if (wanted.length === 0) return new Map();
	const now = options.now ?? Date.now;
	const credentials = await loadCredentials.call(this, itemIndex);
	const source = productListSource(credentials, options.via);
	const key = cacheKey(credentials, source);

	const refetch = async (): Promise<Map<number, string>> => {
		const names = await fetchNames.call(this, source, itemIndex);
		for (const [other, entry] of cache) if (now() - entry.at >= PRODUCT_CACHE_MS) cache.delete(other);
		cache.set(key, { at: now(), names });
		return names;
	};
	const cached = cache.get(key);
	let known = cached && now() - cached.at < PRODUCT_CACHE_MS ? cached.names : await refetch();
	// A cached list may predate a product created since: look once more before refusing.
	if (known === cached?.names && wanted.some((id) => !known.has(id))) known = await refetch();
	const unknown = wanted.filter((id) => !known.has(id));
	if (unknown.length > 0) {
		const listing = [...known.entries()]
			.sort(([a], [b]) => a - b)
			.slice(0, 20)
			.map(([id, name]) => `${name || 'Untitled'} (${id})`)
			.join(', ');
		const where = source === 'apiKey' ? 'its ThriveCart route (getCourses)' : 'tva/v1/products';
		throw new NodeOperationError(
			this.getNode(),
			`Thrive Apprentice has no product with ID ${unknown.join(', ')}, so nothing was sent to it`,
			{
				itemIndex,
				description:
					`The site lists ${known.size} product${known.size === 1 ? '' : 's'} through ${where}${listing ? `: ${listing}${known.size > 20 ? ', …' : ''}` : ''}. ` +
					'Use a product ID from Thrive Apprentice > Products (or Product › Get Many in this node); a course ID is not a product ID. Thrive Apprentice itself would accept the unknown ID, create the WordPress user and grant nothing.',
			},
		);
	}
	return new Map(wanted.map((id) => [id, known.get(id) as string]));
}
