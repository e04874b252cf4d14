/**
 * Which deliveries start the workflow. Account webhooks are a catch-all (every event of every product,
 * test orders included), so the trigger filters here; Event Subscriptions are filtered by ThriveCart too,
 * and this check is the same either way.
 */
import type { ThriveCartDelivery } from './schema';

export type ModeFilter = 'live' | 'test' | 'both';

export interface DeliveryFilters {
	/** Canonical event names; empty lets every known event through. */
	events: readonly string[];
	mode: ModeFilter;
	/** ThriveCart product ids; empty lets every product through. */
	productIds: readonly string[];
}

/** The Product filter's value as ids: a comma list from an expression is split, blanks (the dropdown's hint) dropped. */
export function productIdsFrom(value: unknown): string[] {
	const values = Array.isArray(value) ? value : typeof value === 'string' || typeof value === 'number' ? String(value).split(',') : [];
	return values.map((entry) => String(entry).trim()).filter((entry) => entry !== '');
}

export function passesFilters(delivery: Pick<ThriveCartDelivery, 'event' | 'mode' | 'baseProduct' | 'items' | 'affectedItem'>, filters: DeliveryFilters): boolean {
	if (delivery.event === null) return false;
	if (filters.events.length > 0 && !filters.events.includes(delivery.event)) return false;
	// A delivery that does not say its mode (customer_updated) cannot be excluded by it.
	if (filters.mode !== 'both' && delivery.mode !== null && delivery.mode !== filters.mode) return false;
	if (filters.productIds.length === 0) return true;
	const wanted = new Set(filters.productIds.map((productId) => String(productId).trim()));
	if (delivery.baseProduct?.id && wanted.has(delivery.baseProduct.id)) return true;
	// A bump carries the id of the product it is attached to; upsells and downsells have ids of their own.
	const touched = [...delivery.items, ...(delivery.affectedItem ? [delivery.affectedItem] : [])];
	return touched.some((item) => (item.type === 'product' || item.type === 'bump') && wanted.has(item.id));
}
