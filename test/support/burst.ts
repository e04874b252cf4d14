/**
 * The exact-once burst (issue 10) for the queue-mode e2e test and benchmark: buyers with different
 * carts, each delivery POSTed several times at once (ThriveCart retrying while n8n is busy), in phases:
 * purchases; refunds and pauses; resumes; cancellations. After each phase every buyer must hold exactly
 * what the template's rules give, once. Product map of the template: product-12 → 201,
 * product-12:78572 → 204, bump-12 → 203, upsell-5 → 202, downsell-6 → 205. The workflow variant must
 * have `revokeWhenPaused: true` (a pause takes access, a resume restores it).
 */
import type { SandboxState } from '../../sandbox';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const delivery = require('../../scripts/lib/thrivecart-delivery');

type Payload = Record<string, unknown>;
type Encoding = 'form' | 'json';

const PRODUCT = { type: 'product', id: 12, name: 'Foundations Program', amount: 9700 } as const;
const PRICING_OPTION = { ...PRODUCT, name: 'All Access (annual)', amount: 29700, paymentPlanId: 78572, paymentPlanName: 'All access (annual)' } as const;
const BUMP = { type: 'bump', id: 12, name: 'Bonus Masterclass', amount: 2700 } as const;
const UPSELL = { type: 'upsell', id: 5, name: 'Advanced Program', amount: 19700 } as const;
const DOWNSELL = { type: 'downsell', id: 6, name: 'Coaching Library', amount: 4700 } as const;
const SUBSCRIPTION = { type: 'product', id: 12, name: 'Foundations Monthly', amount: 2900, recurring: true } as const;
type Item = typeof PRODUCT | typeof PRICING_OPTION | typeof BUMP | typeof UPSELL | typeof DOWNSELL | typeof SUBSCRIPTION;

interface Cart {
	items: Item[];
	products: number[];
	/** Refunded in phase 2 (for every other buyer with this cart), and the products left afterwards. */
	refund?: { item: Item; left: number[] };
	/** Paused, resumed, cancelled (revoke at once). */
	subscription?: boolean;
}

const CARTS: Cart[] = [
	{ items: [PRODUCT, BUMP], products: [201, 203], refund: { item: BUMP, left: [201] } },
	{ items: [PRODUCT, UPSELL], products: [201, 202], refund: { item: PRODUCT, left: [202] } },
	{ items: [PRICING_OPTION], products: [204] },
	{ items: [SUBSCRIPTION], products: [201], subscription: true },
	{ items: [PRODUCT, BUMP, DOWNSELL], products: [201, 203, 205] },
];

export interface BurstBuyer {
	email: string;
	orderId: number;
	cart: Cart;
	refunded: boolean;
}

export interface BurstPhase {
	name: string;
	/** Each is POSTed `copies` times at once. */
	deliveries: Array<{ email: string; payload: Payload }>;
	/** What each buyer must hold after the phase. */
	expected: Map<string, number[]>;
}

export interface Burst {
	buyers: BurstBuyer[];
	phases: BurstPhase[];
}

let lastOrderId = 9_300_000;

/** `count` new buyers named `<prefix>-<i>@example.test`; every other buyer of a refundable cart gets a refund. */
export function planBurst(prefix: string, count: number): Burst {
	const buyers: BurstBuyer[] = Array.from({ length: count }, (_, i) => {
		const cart = CARTS[i % CARTS.length];
		return { email: `${prefix}-${i}@example.test`, orderId: ++lastOrderId, cart, refunded: Boolean(cart.refund) && Math.floor(i / CARTS.length) % 2 === 0 };
	});
	const hold = (choose: (b: BurstBuyer) => number[]) => new Map(buyers.map((b) => [b.email, choose(b)]));
	const subscribers = buyers.filter((b) => b.cart.subscription);
	// Distinct event dates tell a pause and a resume of one subscription apart (ThriveCart sends no event id).
	const at = (minutes: number) => new Date(Date.now() + minutes * 60_000);
	const subscriptionEvent = (event: string, b: BurstBuyer, minutes: number) =>
		delivery.subscriptionEvent(event, { email: b.email, orderId: b.orderId, item: SUBSCRIPTION, at: at(minutes) });
	const afterRefund = (b: BurstBuyer) => (b.refunded && b.cart.refund ? b.cart.refund.left : b.cart.products);
	const phases: BurstPhase[] = [
		{
			name: 'purchases',
			deliveries: buyers.map((b) => ({
				email: b.email,
				payload: delivery.orderSuccess({ email: b.email, firstName: 'Burst', lastName: `Buyer${b.orderId}`, orderId: b.orderId, items: b.cart.items }),
			})),
			expected: hold((b) => b.cart.products),
		},
		{
			name: 'refunds and pauses',
			deliveries: [
				...buyers
					.filter((b) => b.refunded && b.cart.refund)
					.map((b) => ({ email: b.email, payload: delivery.refund({ email: b.email, orderId: b.orderId, item: b.cart.refund?.item, allItems: b.cart.items }) })),
				...subscribers.map((b) => ({ email: b.email, payload: subscriptionEvent('order.subscription_paused', b, 1) })),
			],
			expected: hold((b) => (b.cart.subscription ? [] : afterRefund(b))),
		},
		{
			name: 'resumes',
			deliveries: subscribers.map((b) => ({ email: b.email, payload: subscriptionEvent('order.subscription_resumed', b, 2) })),
			expected: hold(afterRefund),
		},
		{
			name: 'cancellations',
			deliveries: subscribers.map((b) => ({ email: b.email, payload: subscriptionEvent('order.subscription_cancelled', b, 3) })),
			expected: hold((b) => (b.cart.subscription ? [] : afterRefund(b))),
		},
	];
	return { buyers, phases };
}

/** One POST as ThriveCart sends it; copy 0 as JSON, the others form-encoded (both styles in one burst). */
export async function send(url: string, payload: Payload, encoding: Encoding): Promise<Response> {
	return await fetch(url, {
		method: 'POST',
		headers: { 'content-type': encoding === 'json' ? 'application/json' : 'application/x-www-form-urlencoded' },
		body: encoding === 'json' ? JSON.stringify(payload) : delivery.encodeForm(payload),
	});
}

/**
 * POSTs every delivery of a phase `copies` times at once, `parallel` deliveries at a time; resolves
 * with the HTTP statuses (in order) and the POST time of each delivery's first copy.
 */
export async function postPhase(url: string, phase: BurstPhase, copies = 3, parallel = 6): Promise<{ statuses: number[]; postedAt: Map<string, number> }> {
	const statuses: number[] = [];
	const postedAt = new Map<string, number>();
	let next = 0;
	const lane = async () => {
		while (next < phase.deliveries.length) {
			const entry = phase.deliveries[next++];
			postedAt.set(entry.email, Date.now());
			const answers = await Promise.all(Array.from({ length: copies }, (_, copy) => send(url, entry.payload, copy === 0 ? 'json' : 'form')));
			for (const answer of answers) {
				statuses.push(answer.status);
				await answer.arrayBuffer();
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(parallel, phase.deliveries.length) }, lane));
	return { statuses, postedAt };
}

export interface BurstAudit {
	buyers: number;
	/** (buyer, product) the rules give that the buyer does not hold. */
	lost: number;
	/** (ThriveCart order, product) with more than one active Thrive Apprentice grant, or granted twice when never revoked. */
	duplicatedGrants: number;
	/** Products held that the rules do not give. */
	unexpected: number;
	duplicatedUsers: number;
	duplicatedEmails: number;
	/** One line per problem (empty when exact). */
	problems: string[];
}

/** Compares the sandbox with what a phase says every buyer holds, exactly once. */
export function auditBurst(state: SandboxState, burst: Burst, phase: BurstPhase): BurstAudit {
	const audit: BurstAudit = { buyers: burst.buyers.length, lost: 0, duplicatedGrants: 0, unexpected: 0, duplicatedUsers: 0, duplicatedEmails: 0, problems: [] };
	for (const b of burst.buyers) {
		const users = state.users.filter((u) => u.email.toLowerCase() === b.email);
		const emails = state.emails.filter((e) => e.to.toLowerCase() === b.email && e.kind === 'new-account');
		if (users.length !== 1) {
			audit.duplicatedUsers += Math.max(0, users.length - 1);
			audit.problems.push(`${b.email}: ${users.length} WordPress users`);
		}
		if (emails.length > 1) {
			audit.duplicatedEmails += emails.length - 1;
			audit.problems.push(`${b.email}: ${emails.length} welcome emails`);
		}
		const ids = new Set(users.map((u) => u.id));
		const orders = state.orders.filter((o) => ids.has(o.userId) && o.gateway === 'ThriveCart');
		const active = new Map<number, number>();
		const everGranted = new Map<number, number>();
		for (const order of orders) {
			if (order.gatewayOrderId !== String(b.orderId)) audit.problems.push(`${b.email}: a Thrive Apprentice order for ThriveCart order ${order.gatewayOrderId}`);
			for (const item of order.items) {
				everGranted.set(item.productId, (everGranted.get(item.productId) ?? 0) + 1);
				if (order.status === 1 && item.status === 1) active.set(item.productId, (active.get(item.productId) ?? 0) + 1);
			}
		}
		const wanted = phase.expected.get(b.email) ?? [];
		const neverRevoked = !b.refunded && !b.cart.subscription;
		for (const product of wanted) {
			const held = active.get(product) ?? 0;
			if (held === 0) {
				audit.lost++;
				audit.problems.push(`${b.email}: product ${product} missing`);
			} else if (held > 1 || (neverRevoked && (everGranted.get(product) ?? 0) > 1)) {
				audit.duplicatedGrants++;
				audit.problems.push(`${b.email}: product ${product} granted ${Math.max(held, everGranted.get(product) ?? 0)} times for ThriveCart order ${b.orderId}`);
			}
		}
		for (const [product, held] of active) {
			if (!wanted.includes(product)) {
				audit.unexpected++;
				audit.problems.push(`${b.email}: holds product ${product} (${held}×), the rules give ${JSON.stringify(wanted)}`);
			}
		}
	}
	return audit;
}
