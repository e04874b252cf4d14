/**
 * The end-of-run audit against the sandbox: every buyer has one account and exactly one active grant
 * of each product the ledger says they bought; nothing is missing, doubled or granted unasked.
 */
import { sandboxState } from '../../test/support/sandboxState';
import type { Ledger } from './orders';

export interface GrantCheck {
	buyers: number;
	expectedGrants: number;
	activeGrants: number;
	lost: Array<{ email: string; productId: number }>;
	duplicated: Array<{ email: string; productId: number; active: number }>;
	unexpected: Array<{ email: string; productId: number }>;
	/** Emails with no account or more than one. */
	accounts: Array<{ email: string; users: number }>;
	ok: boolean;
}

export async function checkGrants(sandboxUrl: string, ledger: Ledger): Promise<GrantCheck> {
	const state = await sandboxState(sandboxUrl);
	const usersByEmail = new Map<string, number[]>();
	for (const user of state.users) {
		const email = user.email.toLowerCase();
		usersByEmail.set(email, [...(usersByEmail.get(email) ?? []), user.id]);
	}
	const active = new Map<number, Map<number, number>>();
	for (const order of state.orders) {
		if (order.status !== 1) continue;
		const products = active.get(order.userId) ?? new Map<number, number>();
		for (const item of order.items) if (item.status === 1) products.set(item.productId, (products.get(item.productId) ?? 0) + 1);
		active.set(order.userId, products);
	}
	const check: GrantCheck = { buyers: ledger.owned.size, expectedGrants: 0, activeGrants: 0, lost: [], duplicated: [], unexpected: [], accounts: [], ok: false };
	for (const [email, wanted] of ledger.owned) {
		check.expectedGrants += wanted.size;
		const users = usersByEmail.get(email.toLowerCase()) ?? [];
		if (users.length !== 1) check.accounts.push({ email, users: users.length });
		const owned = new Map<number, number>();
		for (const userId of users) for (const [productId, count] of active.get(userId) ?? []) owned.set(productId, (owned.get(productId) ?? 0) + count);
		for (const productId of wanted) {
			const count = owned.get(productId) ?? 0;
			if (count === 0) check.lost.push({ email, productId });
			if (count > 1) check.duplicated.push({ email, productId, active: count });
		}
		for (const [productId, count] of owned) {
			check.activeGrants += count;
			if (!wanted.has(productId)) check.unexpected.push({ email, productId });
		}
	}
	check.ok = check.lost.length + check.duplicated.length + check.unexpected.length + check.accounts.length === 0;
	return check;
}

/** One line: what is wrong, in counts. */
export function summariseCheck(check: GrantCheck): string {
	return `${check.lost.length} lost, ${check.duplicated.length} duplicated, ${check.unexpected.length} unexpected grants, ${check.accounts.length} buyers without exactly one account`;
}

export function describeCheck(check: GrantCheck): string {
	const sample = (list: unknown[]) => JSON.stringify(list.slice(0, 5));
	return [
		`lost grants: ${check.lost.length} ${sample(check.lost)}`,
		`duplicated grants: ${check.duplicated.length} ${sample(check.duplicated)}`,
		`unexpected grants: ${check.unexpected.length} ${sample(check.unexpected)}`,
		`buyers without exactly one account: ${check.accounts.length} ${sample(check.accounts)}`,
	].join('\n');
}
