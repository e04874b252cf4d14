/**
 * Reads a Thrive Apprentice sandbox the way the tests assert on it: users, their orders and active
 * products, and the emails the site would have sent.
 */
import type { SandboxEmail, SandboxOrder, SandboxState, SandboxUser } from '../../sandbox';

export async function sandboxState(sandboxUrl: string): Promise<SandboxState> {
	const res = await fetch(`${sandboxUrl}/__sandbox/state`);
	if (!res.ok) throw new Error(`sandbox state: HTTP ${res.status}`);
	return (await res.json()) as SandboxState;
}

/** One buyer's footprint in the sandbox. */
export interface Buyer {
	users: SandboxUser[];
	orders: SandboxOrder[];
	/** Product ids with an active item on a completed order (order-based access only). */
	products: number[];
	/** Active order items per product id: a double grant shows as 2. */
	activeItemsByProduct: Record<number, number>;
	welcomeEmails: SandboxEmail[];
}

export async function buyer(sandboxUrl: string, email: string): Promise<Buyer> {
	const state = await sandboxState(sandboxUrl);
	const users = state.users.filter((u) => u.email.toLowerCase() === email.toLowerCase());
	const ids = new Set(users.map((u) => u.id));
	const orders = state.orders.filter((o) => ids.has(o.userId));
	const activeItemsByProduct: Record<number, number> = {};
	for (const order of orders) {
		if (order.status !== 1) continue;
		for (const item of order.items) {
			if (item.status === 1) activeItemsByProduct[item.productId] = (activeItemsByProduct[item.productId] ?? 0) + 1;
		}
	}
	return {
		users,
		orders,
		products: Object.keys(activeItemsByProduct).map(Number).sort((a, b) => a - b),
		activeItemsByProduct,
		welcomeEmails: state.emails.filter((e) => e.to.toLowerCase() === email.toLowerCase() && e.kind === 'new-account'),
	};
}
