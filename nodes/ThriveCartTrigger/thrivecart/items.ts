/**
 * Purchased items: one per `purchase_map` key (`product-12`, `bump-12`, …), enriched from the order's
 * charge rows. A subscription shows two rows (today's `single` payment and the `recurring` plan); the
 * pricing option is only in the rows (`payment_plan_id`) or, for the front-end product, `base_payment_plan`.
 */
import { formatItemKey, isItemType, parseItemKey, type ItemRef, type PurchasedItem } from '../../shared/itemKey';
import { asList, asRecord, firstOf, id, integer, text, type Raw } from './values';

export function chargeRows(payload: Raw): Raw[] {
	const order = asRecord(payload.order) ?? {};
	return asList(order.charges ?? payload.charges)
		.map(asRecord)
		.filter((row): row is Raw => row !== undefined);
}

/**
 * The charge rows grouped by the item they belong to, built once per delivery: a delivery can name
 * tens of thousands of items next to thousands of rows, and scanning every row per item is quadratic.
 * Older payloads have no `item_type`; such a row is matched by reference alone, except for bumps,
 * which share their product's id and so cannot be told apart without it.
 */
export class ChargeRowIndex {
	/** `product-12` (an `item_identifier` or `item_type` + `reference`) → row positions, in order. */
	private readonly byKey = new Map<string, number[]>();
	/** Reference → positions of rows without `item_type` (any type but bump). */
	private readonly untyped = new Map<string, number[]>();

	constructor(readonly rows: Raw[]) {
		rows.forEach((row, position) => {
			const identifier = text(row.item_identifier);
			if (identifier && parseItemKey(identifier)) return push(this.byKey, identifier.toLowerCase(), position);
			const reference = id(row.reference);
			if (reference === null) return;
			const type = text(row.item_type);
			if (type) push(this.byKey, `${type}-${reference}`, position);
			else push(this.untyped, reference, position);
		});
	}

	/** The rows of one item, in the order the delivery lists them. */
	rowsFor(ref: ItemRef): Raw[] {
		const keyed = this.byKey.get(formatItemKey(ref.type, ref.id)) ?? [];
		const untyped = ref.type === 'bump' ? [] : (this.untyped.get(ref.id) ?? []);
		return mergeSorted(keyed, untyped).map((position) => this.rows[position]);
	}
}

function push(map: Map<string, number[]>, key: string, position: number): void {
	const list = map.get(key);
	if (list) list.push(position);
	else map.set(key, [position]);
}

function mergeSorted(a: number[], b: number[]): number[] {
	if (b.length === 0) return a;
	if (a.length === 0) return b;
	const merged: number[] = [];
	let i = 0;
	let j = 0;
	while (i < a.length || j < b.length) merged.push(j >= b.length || (i < a.length && a[i] < b[j]) ? a[i++] : b[j++]);
	return merged;
}

/** The rows for one item, without an index: for a single look-up. */
export function rowsFor(rows: Raw[], ref: ItemRef): Raw[] {
	return new ChargeRowIndex(rows).rowsFor(ref);
}

export interface ItemContext {
	payload: Raw;
	rows: ChargeRowIndex;
}

/** Builds one item; `hints` are values the delivery gives outside the charge rows. */
export function buildItem(
	ref: ItemRef,
	context: ItemContext,
	hints: { name?: unknown; pricingOptionId?: unknown; amount?: unknown; subscriptionId?: unknown; payment?: 'single' | 'recurring' } = {},
): PurchasedItem {
	const { payload } = context;
	const key = formatItemKey(ref.type, ref.id);
	const rows = context.rows.rowsFor(ref);
	const single = rows.find((row) => text(row.type) === 'single') ?? rows[0];
	const isBaseProduct = ref.type === 'product' && id(payload.base_product) === ref.id;
	const subscriptions = asRecord(payload.subscriptions) ?? {};
	const subscriptionIds = asRecord(payload.subscription_ids) ?? {};
	const recurring = rows.some((row) => text(row.type) === 'recurring');
	return {
		key,
		type: ref.type,
		id: ref.id,
		name: firstOf(text, single?.name, hints.name, isBaseProduct ? payload.base_product_name : undefined),
		pricingOptionId: firstOf(
			id,
			...rows.map((row) => row.payment_plan_id),
			hints.pricingOptionId,
			isBaseProduct ? payload.base_payment_plan : undefined,
		),
		pricingOptionName: firstOf(text, ...rows.map((row) => row.payment_plan_name)),
		payment: rows.length > 0 ? (recurring ? 'recurring' : 'single') : (hints.payment ?? 'single'),
		amount: rows.length > 0 ? integer(single?.amount) : integer(hints.amount),
		subscriptionId: firstOf(id, subscriptions[key], subscriptionIds[key], hints.subscriptionId),
	};
}

/**
 * The item keys of the order: `purchase_map`, else `purchase_map_flat`, else the typed charge rows;
 * at most `limit` of them (a real order has a handful; one form field can name tens of thousands).
 */
export function purchasedRefs(payload: Raw, rows: Raw[], limit = Infinity): Array<{ ref: ItemRef; name: unknown }> {
	const purchase = asRecord(payload.purchase) ?? {};
	const order = asRecord(payload.order) ?? {};
	let keys = asList(payload.purchase_map ?? purchase.purchase_map ?? order.purchase_map);
	if (keys.length === 0) keys = asList(payload.purchase_map_flat ?? purchase.purchase_map_flat);
	const names = asList(payload.purchases);
	const seen = new Set<string>();
	const result: Array<{ ref: ItemRef; name: unknown }> = [];
	for (let index = 0; index < keys.length && result.length < limit; index++) {
		const key = keys[index];
		const ref = typeof key === 'string' ? parseItemKey(key) : undefined;
		if (!ref) continue;
		const formatted = formatItemKey(ref.type, ref.id);
		if (seen.has(formatted)) continue;
		seen.add(formatted);
		result.push({ ref, name: names[index] });
	}
	if (result.length > 0) return result;
	for (const row of rows) {
		if (result.length >= limit) break;
		const type = text(row.item_type);
		const reference = id(row.reference);
		if (!isItemType(type) || !reference || !/^\d+$/.test(reference)) continue;
		const formatted = formatItemKey(type, reference);
		if (seen.has(formatted)) continue;
		seen.add(formatted);
		result.push({ ref: { type, id: reference }, name: row.name });
	}
	return result;
}

/**
 * The item an event is about: `refund{type,id}`, `subscription{type,id}` or an Event Subscription
 * `purchase{…}`. The type may also come from the event name (`order_refund_bump`).
 */
export function referencedItem(source: Raw | undefined, typeFromName: string | undefined): ItemRef | undefined {
	if (!source) return undefined;
	const typeText = text(source.type) ?? text(source.item_type) ?? typeFromName;
	const type = isItemType(typeText) ? typeText : isItemType(typeFromName) ? typeFromName : undefined;
	if (!type) return undefined;
	const itemId = firstOf(id, source[`${type}_id`], source.id, source.item_id, type === 'product' ? source.product_id : undefined);
	if (!itemId || !/^\d+$/.test(itemId)) return undefined;
	return { type, id: itemId };
}
