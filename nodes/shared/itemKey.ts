/**
 * ThriveCart's purchase keys (`product-12`, `bump-12`, `upsell-5`, `downsell-6`): the one home of the
 * key grammar. The trigger builds keys with it and the Thrive Apprentice node's product map reads them.
 * A pricing option is not part of ThriveCart's key; the product map addresses one as `product-12:78572`.
 */
export const ITEM_TYPES = ['product', 'bump', 'upsell', 'downsell'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export interface ItemRef {
	type: ItemType;
	/** ThriveCart's id of the product, bump, upsell or downsell: always a string (ids can exceed 2^53). */
	id: string;
}

const KEY_PATTERN = /^(product|bump|upsell|downsell)-(\d+)$/;
const PRICING_SEPARATOR = ':';

export function isItemType(value: unknown): value is ItemType {
	return typeof value === 'string' && (ITEM_TYPES as readonly string[]).includes(value);
}

export function formatItemKey(type: ItemType, id: string | number): string {
	return `${type}-${String(id)}`;
}

export function parseItemKey(key: string): ItemRef | undefined {
	const match = KEY_PATTERN.exec(key.trim().toLowerCase());
	if (!match) return undefined;
	return { type: match[1] as ItemType, id: match[2] };
}

/** `product-12:78572`: the item on one pricing option. */
export function formatPricingKey(itemKey: string, pricingOptionId: string): string {
	return `${itemKey}${PRICING_SEPARATOR}${pricingOptionId}`;
}

export function parsePricingKey(key: string): { itemKey: string; pricingOptionId?: string } | undefined {
	const [itemPart, optionPart, ...rest] = key.trim().toLowerCase().split(PRICING_SEPARATOR);
	if (rest.length > 0 || !parseItemKey(itemPart)) return undefined;
	if (optionPart === undefined) return { itemKey: itemPart };
	if (!/^\d+$/.test(optionPart)) return undefined;
	return { itemKey: itemPart, pricingOptionId: optionPart };
}

/** One purchased (or affected) item as the trigger outputs it and the product map consumes it. */
export interface PurchasedItem {
	/** `product-12`, `bump-12`, `upsell-5`, `downsell-6` */
	key: string;
	type: ItemType;
	id: string;
	name: string | null;
	/** ThriveCart's pricing option (payment plan) id, when known. */
	pricingOptionId: string | null;
	pricingOptionName: string | null;
	/** `single` for a one-off payment, `recurring` for a subscription or payment plan. */
	payment: 'single' | 'recurring';
	/** Today's charge for this item in minor units (cents), when known. */
	amount: number | null;
	subscriptionId: string | null;
}
