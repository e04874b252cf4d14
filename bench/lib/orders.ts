/**
 * The launch: ThriveCart order.success deliveries for new and existing buyers, with bumps, upsells,
 * downsells and pricing options, mostly form-encoded (ThriveCart's default) and some JSON, plus a few
 * exact repeats (ThriveCart retrying), and the ledger of what each buyer must own at the end.
 * Product map of the template: product-12 → 201, product-12:78572 → 204, bump-12 → 203, upsell-5 → 202,
 * downsell-6 → 205.
 */

// eslint-disable-next-line @typescript-eslint/no-require-imports
const delivery = require('../../scripts/lib/thrivecart-delivery');

export const PRODUCT = { type: 'product', id: 12, name: 'Foundations Program', amount: 9700 } as const;
export const PRICING_OPTION = { ...PRODUCT, name: 'All Access (annual)', amount: 29700, paymentPlanId: 78572, paymentPlanName: 'All access (annual)' } as const;
export const BUMP = { type: 'bump', id: 12, name: 'Bonus Masterclass', amount: 2700 } as const;
export const UPSELL = { type: 'upsell', id: 5, name: 'Advanced Program', amount: 19700 } as const;
export const DOWNSELL = { type: 'downsell', id: 6, name: 'Coaching Library', amount: 4700 } as const;

type Item = typeof PRODUCT | typeof PRICING_OPTION | typeof BUMP | typeof UPSELL | typeof DOWNSELL;
export type Buyer = 'new' | 'existing';
export type Encoding = 'form' | 'json';

export interface PlannedOrder {
	key: string;
	email: string;
	buyer: Buyer;
	shape: string;
	encoding: Encoding;
	body: Buffer;
	contentType: string;
	/** Products this delivery must make visible (already owned ones excluded). */
	expect: number[];
	/** An exact repeat of an earlier delivery: nothing new to see, nothing may be granted twice. */
	repeatOf?: string;
}

export interface Shape {
	name: string;
	items: Item[];
	expect: number[];
	/** Existing buyers: a later delivery for the order they already have (upsells arrive so). */
	sameOrder?: boolean;
}

export const NEW_BUYER_SHAPES: Shape[] = [
	{ name: 'product', items: [PRODUCT], expect: [201] },
	{ name: 'product + bump', items: [PRODUCT, BUMP], expect: [201, 203] },
	{ name: 'product + upsell', items: [PRODUCT, UPSELL], expect: [201, 202] },
	{ name: 'product + bump + upsell', items: [PRODUCT, BUMP, UPSELL], expect: [201, 203, 202] },
	{ name: 'pricing option', items: [PRICING_OPTION], expect: [204] },
	{ name: 'product + bump + downsell', items: [PRODUCT, BUMP, DOWNSELL], expect: [201, 203, 205] },
];

/** For buyers who already own 201 through their first order. */
export const EXISTING_BUYER_SHAPES: Shape[] = [
	{ name: 'upsell, later delivery', items: [PRODUCT, UPSELL], expect: [202], sameOrder: true },
	{ name: 'new order: pricing option', items: [PRICING_OPTION], expect: [204] },
	{ name: 'downsell, later delivery', items: [PRODUCT, DOWNSELL], expect: [205], sameOrder: true },
	{ name: 'new order: pricing option + bump', items: [PRICING_OPTION, BUMP], expect: [204, 203] },
];

export interface ExistingBuyer {
	email: string;
	orderId: number;
}

/** What every buyer must own at the end: product id → number of active grants (always 1). */
export class Ledger {
	readonly owned = new Map<string, Set<number>>();

	add(email: string, productIds: number[]): void {
		const products = this.owned.get(email) ?? new Set<number>();
		for (const id of productIds) products.add(id);
		this.owned.set(email, products);
	}
}

let lastOrderId = 8_100_000;

export function newOrderId(): number {
	return ++lastOrderId;
}

function encode(payload: Record<string, unknown>, encoding: Encoding): { body: Buffer; contentType: string } {
	return encoding === 'json'
		? { body: Buffer.from(JSON.stringify(payload)), contentType: 'application/json' }
		: { body: Buffer.from(delivery.encodeForm(payload)), contentType: 'application/x-www-form-urlencoded' };
}

export function planOrder(key: string, email: string, buyer: Buyer, shape: Shape, orderId: number, encoding: Encoding, ledger: Ledger): PlannedOrder {
	const [first, last] = key.split('-');
	const payload = delivery.orderSuccess({ email, firstName: `Buyer${first}`, lastName: `Launch${last ?? ''}`, orderId, items: shape.items });
	ledger.add(email, shape.expect);
	return { key, email, buyer, shape: shape.name, encoding, ...encode(payload, encoding), expect: shape.expect };
}

/** First orders (product 12) that make buyers "existing" for a later launch. */
export function firstOrders(prefix: string, count: number, ledger: Ledger): { orders: PlannedOrder[]; buyers: ExistingBuyer[] } {
	const orders: PlannedOrder[] = [];
	const buyers: ExistingBuyer[] = [];
	for (let i = 0; i < count; i++) {
		const email = `${prefix}-member-${i}@example.test`;
		const orderId = newOrderId();
		orders.push(planOrder(`${prefix}-first-${i}`, email, 'new', NEW_BUYER_SHAPES[0], orderId, 'form', ledger));
		buyers.push({ email, orderId });
	}
	return { orders, buyers };
}

/**
 * `count` timed deliveries, 7 in 10 from new buyers and 3 in 10 from existing ones, one in 5 JSON,
 * and after every 25th an exact repeat of the delivery two places earlier (often still in flight).
 */
export function launch(prefix: string, count: number, existing: ExistingBuyer[], ledger: Ledger): PlannedOrder[] {
	const orders: PlannedOrder[] = [];
	let newBuyers = 0;
	let existingBuyers = 0;
	for (let i = 0; i < count; i++) {
		const encoding: Encoding = i % 5 === 4 ? 'json' : 'form';
		if (i % 10 < 7) {
			const shape = NEW_BUYER_SHAPES[newBuyers % NEW_BUYER_SHAPES.length];
			const email = `${prefix}-new-${newBuyers}@example.test`;
			orders.push(planOrder(`${prefix}-${i}`, email, 'new', shape, newOrderId(), encoding, ledger));
			newBuyers++;
		} else {
			const buyer = existing[existingBuyers];
			if (!buyer) throw new Error(`the launch needs more than ${existing.length} existing buyers`);
			const shape = EXISTING_BUYER_SHAPES[existingBuyers % EXISTING_BUYER_SHAPES.length];
			orders.push(planOrder(`${prefix}-${i}`, buyer.email, 'existing', shape, shape.sameOrder ? buyer.orderId : newOrderId(), encoding, ledger));
			existingBuyers++;
		}
		if (i % 25 === 24) {
			const original = orders[orders.length - 3];
			orders.push({ ...original, key: `${original.key}-repeat`, repeatOf: original.key, expect: [] });
		}
	}
	return orders;
}

export function existingBuyersNeeded(count: number): number {
	return Math.ceil(count / 10) * 3;
}
