/**
 * What a seller sells in ThriveCart, as product-map keys: products (`product-12`), their pricing options
 * (`product-12:78572`), bumps (`bump-12`: a bump carries the id of the product it is attached to),
 * upsells (`upsell-5`) and downsells (`downsell-6`). Read from `GET /products/{id}/pricing_options`,
 * `/bumps`, `/upsells`, `/downsells`. ThriveCart documents those routes, not their fields: this reads the
 * id fields named below (or `id`) and `name` (or `label`), and says so when a row has no id. Pure.
 */
import { formatItemKey, formatPricingKey, type ItemType } from '../../shared/itemKey';
import { asRecord, firstOf, id, text } from '../../ThriveCartTrigger/thrivecart/values';
import type { Product } from './products';
import { keysOf, ShapeError } from './shapeError';

export interface CatalogueEntry {
	/** The product-map key. */
	key: string;
	/** What the seller reads in the dropdown, e.g. `Bump of Course Launchpad: Workbook (bump-12)`. */
	label: string;
}

/** Where each kind of item keeps its id (before `id`), and the answer's list key. */
const ID_FIELDS: Record<Exclude<ItemType, 'product'> | 'pricingOption', { ids: string[]; listKey: string; /** How the error names one. */ what: string }> = {
	// The key of a bump is the id of its product, whatever id the bump row has itself.
	bump: { ids: ['product_id', 'bump_id'], listKey: 'bumps', what: 'A bump' },
	upsell: { ids: ['upsell_id'], listKey: 'upsells', what: 'An upsell' },
	downsell: { ids: ['downsell_id'], listKey: 'downsells', what: 'A downsell' },
	pricingOption: { ids: ['pricing_option_id', 'option_id'], listKey: 'pricing_options', what: 'A pricing option' },
};

type Kind = keyof typeof ID_FIELDS;

function rowsOf(body: unknown, kind: Kind, route: string): unknown[] {
	if (Array.isArray(body)) return body;
	const record = asRecord(body);
	for (const key of [ID_FIELDS[kind].listKey, 'data', 'items']) {
		if (Array.isArray(record?.[key])) return record[key] as unknown[];
	}
	throw new ShapeError(
		`ThriveCart's answer to GET ${route} is not a list (it had ${keysOf(body)})`,
		`ThriveCart's API documentation does not fix this answer's fields; this node reads a list, or one under "${ID_FIELDS[kind].listKey}".`,
	);
}

function idAndName(row: unknown, kind: Kind, route: string): { id: string; name: string | null } {
	const record = asRecord(row);
	const fields = ID_FIELDS[kind].ids;
	const found = record ? firstOf(id, ...fields.map((field) => record[field]), record.id) : null;
	if (!record || !found || !/^\d+$/.test(found)) {
		throw new ShapeError(
			`${ID_FIELDS[kind].what} in ThriveCart's answer to GET ${route} has no id (it had ${keysOf(row)})`,
			`This node reads ${[...fields, 'id'].join(', ')} for its id.`,
		);
	}
	return { id: found, name: firstOf(text, record.name, record.label) };
}

function sortByLabel(entries: CatalogueEntry[]): CatalogueEntry[] {
	return entries.sort((a, b) => a.label.localeCompare(b.label));
}

/** A product's own entry; its name as ThriveCart shows it, with the status when it is not live. */
export function productEntry(product: Product): CatalogueEntry {
	const status = product.status && product.status !== 'live' ? `, ${product.status}` : '';
	return { key: product.key, label: `Product: ${product.name ?? `Product ${product.id}`} (${product.key}${status})` };
}

/** `GET /products/{id}/pricing_options` (or the product row's own `pricing_options`) → one entry each. */
export function pricingOptionEntries(product: Product, body: unknown): CatalogueEntry[] {
	const route = `/products/${product.id}/pricing_options`;
	return rowsOf(body, 'pricingOption', route).map((row) => {
		const option = idAndName(row, 'pricingOption', route);
		const key = formatPricingKey(product.key, option.id);
		// Short enough for the editor's list: the product, then the option (the list shows its product's row above it).
		return { key, label: `${product.name ?? `Product ${product.id}`} › ${option.name ?? `option ${option.id}`} (${key})` };
	});
}

/** `GET /bumps`, `/upsells` or `/downsells` → one entry each. */
export function itemEntries(type: 'bump' | 'upsell' | 'downsell', body: unknown, productNames: ReadonlyMap<string, string | null> = new Map()): CatalogueEntry[] {
	const route = `/${ID_FIELDS[type].listKey}`;
	return sortByLabel(
		rowsOf(body, type, route).map((row) => {
			const item = idAndName(row, type, route);
			const key = formatItemKey(type, item.id);
			if (type === 'bump') {
				const product = productNames.get(item.id);
				const of = product ? ` of ${product}` : '';
				return { key, label: `Bump${of}: ${item.name ?? `bump ${item.id}`} (${key})` };
			}
			const title = type === 'upsell' ? 'Upsell' : 'Downsell';
			return { key, label: `${title}: ${item.name ?? `${type} ${item.id}`} (${key})` };
		}),
	);
}

/** The entries a search matches: by words of the label or the key, case-insensitively. */
export function matching(entries: readonly CatalogueEntry[], filter: string | undefined): CatalogueEntry[] {
	const wanted = (filter ?? '').trim().toLowerCase();
	if (!wanted) return [...entries];
	return entries.filter((entry) => entry.label.toLowerCase().includes(wanted) || entry.key.includes(wanted));
}
