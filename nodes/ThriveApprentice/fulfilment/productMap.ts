/**
 * The ThriveCart fulfilment map: which Thrive Apprentice products each ThriveCart item unlocks.
 * `{ "product-12": [201], "product-12:78572": 204, "bump-12": [203], "upsell-5": 202, "downsell-6": [] }`
 * Rules: a pricing-option entry beats the item's entry; `[]` means "deliberately nothing"; an item with
 * no entry at all is unmapped (reported, never silently ignored). Pure: no n8n imports.
 * The node's "Rows" form turns into the same object first, so both forms follow one set of rules: version
 * 1.2 rows name the item by its key (`{ rows: [{ item, productIds }] }`, `item` as n8n stores a resource
 * locator or the bare key), earlier rows by type and ids (`{ rows: [{ itemType, itemId, pricingOptionId, productIds }] }`).
 */
import { formatItemKey, formatPricingKey, isItemType, parseItemKey, parsePricingKey, type ItemType } from '../../shared/itemKey';

export class FulfilmentInputError extends Error {
	constructor(
		message: string,
		readonly description?: string,
	) {
		super(message);
		this.name = 'FulfilmentInputError';
	}
}

const KEY_HELP =
	'Keys are ThriveCart item keys: product-12, bump-12, upsell-5, downsell-6, or product-12:78572 for one pricing option of product 12.';

/** Normalised key (`product-12` or `product-12:78572`) → Thrive Apprentice product ids. */
export type ProductMap = ReadonlyMap<string, readonly number[]>;

function parseJsonInput(input: unknown, what: string): unknown {
	if (typeof input !== 'string') return input;
	const text = input.trim();
	if (text === '') return undefined;
	let problem: string;
	try {
		return JSON.parse(text);
	} catch (error) {
		problem = (error as Error).message;
	}
	throw new FulfilmentInputError(`${what} is not valid JSON: ${problem}`);
}

/** A Thrive Apprentice product id: a positive whole number, given as a number or numeric string. */
export function parseProductId(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
	if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) {
		const parsed = Number(value.trim());
		if (Number.isSafeInteger(parsed) && parsed > 0) return parsed;
	}
	return undefined;
}

const EMPTY_MAP_HELP =
	'Add a row under Product Map for each ThriveCart product, bump, upsell and downsell you sell, and pick the Thrive Apprentice products it unlocks (or, as JSON: { "product-12": [201], "bump-12": [203] }).';

/** One row of the Rows form as n8n stores it. */
export interface ProductMapRow {
	/** Version 1.2: the item's key, `{ __rl: true, mode, value }` or the key itself. */
	item?: unknown;
	itemType?: unknown;
	itemId?: unknown;
	pricingOptionId?: unknown;
	productIds?: unknown;
}

function isRowsCollection(value: unknown): value is { rows?: unknown } {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
	const keys = Object.keys(value);
	// `rows` is never a ThriveCart item key, so an object with only `rows` is the Rows form.
	return keys.length === 0 ? false : keys.every((key) => key === 'rows');
}

/** A version 1.2 row's item: the resource locator's value (picked or typed), a key. */
function itemRowKey(item: unknown, where: string): string {
	const value = item && typeof item === 'object' && !Array.isArray(item) ? (item as { value?: unknown }).value : item;
	const key = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (key === '') {
		throw new FulfilmentInputError(
			`${where} has no ThriveCart item`,
			'Pick it From List (your ThriveCart items; needs a ThriveCart API credential with an API key on this node), or choose By Key and type it, e.g. product-12. Or remove the row.',
		);
	}
	const parsed = parsePricingKey(key);
	if (!parsed) throw new FulfilmentInputError(`${where}: "${key}" is not a ThriveCart item key`, KEY_HELP);
	return parsed.pricingOptionId ? formatPricingKey(parsed.itemKey, parsed.pricingOptionId) : parsed.itemKey;
}

function rowKey(row: ProductMapRow, position: number): string {
	if (row.item !== undefined) return itemRowKey(row.item, `Product Map row ${position}`);
	const type = String(row.itemType ?? 'product');
	const id = String(row.itemId ?? '').trim();
	const where = `Product Map row ${position}`;
	if (id === '') throw new FulfilmentInputError(`${where} has no ThriveCart ID`, "Enter the item's ID in ThriveCart, e.g. 12, or remove the row.");
	if (!/^\d+$/.test(id)) throw new FulfilmentInputError(`${where}: "${id}" is not a ThriveCart ID`, 'ThriveCart IDs are whole numbers, e.g. 12.');
	if (type === 'pricingOption') {
		const option = String(row.pricingOptionId ?? '').trim();
		if (!/^\d+$/.test(option)) {
			throw new FulfilmentInputError(`${where} (pricing option of product ${id}) needs the pricing option's ID`, 'Pricing option IDs are whole numbers, e.g. 78572.');
		}
		return formatPricingKey(formatItemKey('product', id), option);
	}
	if (!isItemType(type)) throw new FulfilmentInputError(`${where}: "${type}" is not a ThriveCart item type`);
	return formatItemKey(type, id);
}

/** The Rows form → the JSON form. A row without products is refused: an empty dropdown is more often forgotten than meant. */
export function productMapFromRows(rows: readonly ProductMapRow[]): Record<string, unknown[]> {
	const map: Record<string, unknown[]> = {};
	rows.forEach((row, index) => {
		const key = rowKey(row ?? {}, index + 1);
		const products = Array.isArray(row?.productIds) ? row.productIds : row?.productIds === undefined || row?.productIds === '' ? [] : [row.productIds];
		if (products.length === 0) {
			throw new FulfilmentInputError(
				`Product Map row ${index + 1} (${key}) has no Thrive Apprentice product`,
				'Pick the products it unlocks. For an item that should unlock nothing on purpose, remove the row and set "Unmapped Items" to "Skip", or use Map As: JSON with [] for it.',
			);
		}
		if (key in map) throw new FulfilmentInputError(`Product Map rows name the same ThriveCart item twice: ${key}`, 'Keep one of them.');
		map[key] = products;
	});
	return map;
}

export function parseProductMap(input: unknown): ProductMap {
	let value = parseJsonInput(input, 'The Product Map');
	if (isRowsCollection(value)) value = productMapFromRows(Array.isArray(value.rows) ? (value.rows as ProductMapRow[]) : []);
	if (value === undefined || value === null || (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0)) {
		throw new FulfilmentInputError(
			'The Product Map is empty',
			`${EMPTY_MAP_HELP} ${KEY_HELP}`,
		);
	}
	if (typeof value !== 'object' || Array.isArray(value)) {
		throw new FulfilmentInputError(
			'The Product Map must be a JSON object',
			`e.g. { "product-12": [201], "bump-12": [203] }. ${KEY_HELP}`,
		);
	}
	const map = new Map<string, number[]>();
	const originalKeys = new Map<string, string>();
	for (const [rawKey, rawValue] of Object.entries(value as Record<string, unknown>)) {
		const parsedKey = parsePricingKey(rawKey);
		if (!parsedKey) {
			throw new FulfilmentInputError(`Product Map key "${rawKey}" is not a ThriveCart item key`, KEY_HELP);
		}
		const key = parsedKey.pricingOptionId ? `${parsedKey.itemKey}:${parsedKey.pricingOptionId}` : parsedKey.itemKey;
		const earlier = originalKeys.get(key);
		if (earlier !== undefined) {
			throw new FulfilmentInputError(`Product Map keys "${earlier}" and "${rawKey}" name the same ThriveCart item`, 'Keep one of them.');
		}
		originalKeys.set(key, rawKey);
		const values = Array.isArray(rawValue) ? rawValue : [rawValue];
		const ids: number[] = [];
		for (const entry of values) {
			const productId = parseProductId(entry);
			if (productId === undefined) {
				throw new FulfilmentInputError(
					`Product Map entry "${rawKey}": ${JSON.stringify(entry) ?? String(entry)} is not a Thrive Apprentice product id`,
					'Product ids are whole numbers such as 201 (see Thrive Apprentice > Products, or the Product dropdown of this node). Use [] to grant nothing for an item on purpose.',
				);
			}
			if (!ids.includes(productId)) ids.push(productId);
		}
		map.set(key, ids);
	}
	return map;
}

/** One ThriveCart item as the map consumes it. */
export interface FulfilmentItem {
	key: string;
	type: ItemType;
	id: string;
	name: string | null;
	pricingOptionId: string | null;
	payment: 'single' | 'recurring';
	/** Minor units (cents), when known. */
	amount: number | null;
	subscriptionId: string | null;
}

function text(value: unknown): string | null {
	if (typeof value === 'string' && value.trim() !== '' && value !== 'null' && value !== 'false') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return null;
}

function itemFromKeyString(raw: string, position: string): FulfilmentItem {
	const parsed = parsePricingKey(raw);
	const ref = parsed && parseItemKey(parsed.itemKey);
	if (!parsed || !ref) {
		throw new FulfilmentInputError(`Item ${position} "${raw}" is not a ThriveCart item key`, KEY_HELP);
	}
	return {
		key: parsed.itemKey,
		type: ref.type,
		id: ref.id,
		name: null,
		pricingOptionId: parsed.pricingOptionId ?? null,
		payment: 'single',
		amount: null,
		subscriptionId: null,
	};
}

function itemFromObject(raw: Record<string, unknown>, position: string): FulfilmentItem {
	const keyText = text(raw.key) ?? (text(raw.type) && text(raw.id) ? `${text(raw.type)}-${text(raw.id)}` : null);
	if (!keyText) {
		throw new FulfilmentInputError(
			`Item ${position} has no "key"`,
			'Pass the ThriveCart Trigger\'s "items" (or "affectedItem"), or keys such as "product-12".',
		);
	}
	const base = itemFromKeyString(keyText, position);
	const amount = typeof raw.amount === 'number' ? raw.amount : text(raw.amount) !== null ? Number(text(raw.amount)) : null;
	return {
		...base,
		name: text(raw.name),
		pricingOptionId: text(raw.pricingOptionId) ?? base.pricingOptionId,
		payment: raw.payment === 'recurring' ? 'recurring' : 'single',
		amount: amount !== null && Number.isFinite(amount) && amount >= 0 ? amount : null,
		subscriptionId: text(raw.subscriptionId),
	};
}

/**
 * Accepts the trigger's `items` array, one item object (`affectedItem`), one key string (`bump-12`), an
 * array of key strings, or any of those as JSON text. Repeated items (same key and pricing option) count once.
 */
export function parseItems(input: unknown): FulfilmentItem[] {
	// A bare key ("bump-12") or a comma list like ThriveCart's purchase_map_flat ("product-12, bump-12") is not JSON.
	const bare = typeof input === 'string' && /^\s*[a-z]/i.test(input);
	const value = bare ? (input as string).split(',').map((key) => key.trim()).filter(Boolean) : parseJsonInput(input, 'Items');
	if (value === undefined || value === null) {
		throw new FulfilmentInputError(
			'No ThriveCart items were given',
			'Items usually come from the ThriveCart Trigger: {{ $json.items }} (or {{ $json.affectedItem }} for refunds and cancellations).',
		);
	}
	const list = Array.isArray(value) ? value : [value];
	if (list.length === 0) {
		throw new FulfilmentInputError('The list of ThriveCart items is empty', 'Nothing was bought? Check the Items expression, e.g. {{ $json.items }}.');
	}
	const items: FulfilmentItem[] = [];
	list.forEach((entry, index) => {
		const position = list.length > 1 ? `#${index + 1}` : '';
		let item: FulfilmentItem;
		if (typeof entry === 'string') item = itemFromKeyString(entry, position);
		else if (entry && typeof entry === 'object' && !Array.isArray(entry)) item = itemFromObject(entry as Record<string, unknown>, position);
		else throw new FulfilmentInputError(`Item ${position} must be an item object or a key such as "product-12", not ${JSON.stringify(entry)}`);
		if (!items.some((seen) => seen.key === item.key && seen.pricingOptionId === item.pricingOptionId)) items.push(item);
	});
	return items;
}

export interface MappedItem {
	item: FulfilmentItem;
	/** The map key that matched (`product-12:78572` or `product-12`). */
	matchedKey: string;
	productIds: readonly number[];
}

export interface UnmappedItem {
	key: string;
	pricingOptionId: string | null;
	name: string | null;
}

export interface Resolution {
	mapped: MappedItem[];
	unmapped: UnmappedItem[];
	/** Every product id to act on, without repeats, in item order. */
	productIds: number[];
	/** Items mapped to `[]` on purpose. */
	deliberatelyEmpty: string[];
}

export function resolveItems(items: readonly FulfilmentItem[], map: ProductMap): Resolution {
	const resolution: Resolution = { mapped: [], unmapped: [], productIds: [], deliberatelyEmpty: [] };
	for (const item of items) {
		const pricingKey = item.pricingOptionId ? `${item.key}:${item.pricingOptionId}` : undefined;
		const matchedKey = pricingKey && map.has(pricingKey) ? pricingKey : map.has(item.key) ? item.key : undefined;
		if (matchedKey === undefined) {
			resolution.unmapped.push({ key: item.key, pricingOptionId: item.pricingOptionId, name: item.name });
			continue;
		}
		const productIds = map.get(matchedKey) ?? [];
		resolution.mapped.push({ item, matchedKey, productIds });
		if (productIds.length === 0) resolution.deliberatelyEmpty.push(matchedKey);
		for (const productId of productIds) if (!resolution.productIds.includes(productId)) resolution.productIds.push(productId);
	}
	return resolution;
}

/** The error for unmapped items: lists them and says how to add them. */
export function unmappedItemsError(unmapped: readonly UnmappedItem[]): FulfilmentInputError {
	const keys = unmapped.map((item) => `"${item.key}"${item.name ? ` (${item.name})` : ''}`);
	const example = unmapped
		.slice(0, 3)
		.map((item) => `"${item.key}": [<product id>]`)
		.join(', ');
	const pricing = unmapped.find((item) => item.pricingOptionId);
	return new FulfilmentInputError(
		`The Product Map has no entry for ${unmapped.length === 1 ? 'ThriveCart item' : 'ThriveCart items'} ${keys.join(', ')}`,
		`Add ${unmapped.length === 1 ? 'it' : 'them'} to the Product Map, e.g. { ${example} } ` +
			`(use [] to grant nothing for an item on purpose${pricing ? `, or "${pricing.key}:${pricing.pricingOptionId}" for that pricing option only` : ''}), ` +
			'or set "Unmapped Items" to "Skip" to list them in the output instead.',
	);
}
