/**
 * What a buyer should hold (expectedAccess) against what Thrive Apprentice holds → only the repairs
 * needed: grant the items whose products are missing, revoke the items whose products are still held
 * although refunded or cancelled (unless another item the buyer paid for grants the same product).
 * Products the transactions say nothing about are left alone. Pure: no n8n imports.
 */
import type { PurchasedItem } from '../../shared/itemKey';
import { resolveItems, type ProductMap } from '../../ThriveApprentice/fulfilment/productMap';
import type { BuyerExpectation } from './expectedAccess';

export type RepairAction = 'grant' | 'revoke' | 'none' | 'cannotRepair';

export interface Repair {
	action: RepairAction;
	email: string;
	firstName: string | null;
	lastName: string | null;
	/** ThriveCart's order id: the Order Reference of the grant or revoke. */
	orderId: string | null;
	items: PurchasedItem[];
	productIds: number[];
	why: string;
}

/** What Thrive Apprentice holds for a buyer: product ids, or why it could not be read. */
export type Held = { productIds: ReadonlySet<number> } | { unknown: string };

function productsOf(item: PurchasedItem, map: ProductMap): number[] | undefined {
	const { mapped } = resolveItems([item], map);
	return mapped[0] ? [...mapped[0].productIds] : undefined;
}

export function compareBuyer(buyer: BuyerExpectation, held: Held, map: ProductMap): Repair[] {
	const base = { email: buyer.email, firstName: buyer.customer.firstName, lastName: buyer.customer.lastName };
	if ('unknown' in held) {
		return [{ ...base, action: 'cannotRepair', orderId: null, items: [], productIds: [], why: `could not read the access held: ${held.unknown}` }];
	}
	const expected = new Set<number>();
	for (const order of buyer.orders) {
		for (const entry of order.items) if (entry.access === 'grant') for (const id of productsOf(entry.item, map) ?? []) expected.add(id);
	}
	const repairs: Repair[] = [];
	const notes: string[] = [];
	for (const order of buyer.orders) {
		const grant: { items: PurchasedItem[]; productIds: number[]; why: string[] } = { items: [], productIds: [], why: [] };
		const revoke: { items: PurchasedItem[]; productIds: number[]; why: string[] } = { items: [], productIds: [], why: [] };
		for (const entry of order.items) {
			const productIds = productsOf(entry.item, map);
			if (productIds === undefined) {
				if (entry.access !== 'leave') {
					repairs.push({
						...base,
						action: 'cannotRepair',
						orderId: order.orderId,
						items: [entry.item],
						productIds: [],
						why: `${entry.item.key} (${entry.why}) has no entry in the Product Map`,
					});
				}
				continue;
			}
			if (entry.access === 'grant') {
				const missing = productIds.filter((id) => !held.productIds.has(id));
				if (missing.length > 0) {
					grant.items.push(entry.item);
					grant.productIds.push(...missing.filter((id) => !grant.productIds.includes(id)));
					grant.why.push(`${entry.item.key} ${entry.why} but product ${missing.join(', ')} is missing`);
				}
			} else if (entry.access === 'revoke') {
				const stillHeld = productIds.filter((id) => held.productIds.has(id));
				const alsoPaidFor = stillHeld.filter((id) => expected.has(id));
				if (alsoPaidFor.length > 0) {
					notes.push(`${entry.item.key} ${entry.why}, but product ${alsoPaidFor.join(', ')} is also granted by another purchase: kept`);
				} else if (stillHeld.length > 0) {
					revoke.items.push(entry.item);
					revoke.productIds.push(...stillHeld.filter((id) => !revoke.productIds.includes(id)));
					revoke.why.push(`${entry.item.key} ${entry.why} but product ${stillHeld.join(', ')} is still held`);
				}
			} else {
				notes.push(`${entry.item.key}: ${entry.why}`);
			}
		}
		if (grant.items.length > 0) repairs.push({ ...base, action: 'grant', orderId: order.orderId, items: grant.items, productIds: grant.productIds, why: grant.why.join('; ') });
		if (revoke.items.length > 0) repairs.push({ ...base, action: 'revoke', orderId: order.orderId, items: revoke.items, productIds: revoke.productIds, why: revoke.why.join('; ') });
	}
	if (repairs.length === 0) {
		repairs.push({
			...base,
			action: 'none',
			orderId: null,
			items: [],
			productIds: [...expected].sort((a, b) => a - b),
			why: ['already holds exactly the access the transactions give', ...notes].join('; '),
		});
	}
	return repairs;
}
