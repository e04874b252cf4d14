/**
 * ThriveCart transactions → the access each buyer should hold, under the fulfilment template's rules:
 * a charge or a paid rebill grants the item; a refund revokes it (a partial refund keeps it unless
 * `revokeOnPartialRefund`); a cancelled subscription revokes it, or, with `keepAccessUntilPeriodEnd`,
 * is left as it is (the end of the paid period is not in the transaction list). The latest transaction
 * of an item in an order wins. Pure: no n8n imports.
 */
import { ITEM_TYPES, type PurchasedItem } from '../../shared/itemKey';
import type { Transaction } from '../api/transactions';

export interface RuleSwitches {
	revokeOnPartialRefund: boolean;
	keepAccessUntilPeriodEnd: boolean;
}

export type Access = 'grant' | 'revoke' | 'leave';

export interface ExpectedItem {
	item: PurchasedItem;
	access: Access;
	/** Why, in the seller's words. */
	why: string;
	/** The transaction that decided it. */
	date: string;
}

export interface ExpectedOrder {
	orderId: string;
	items: ExpectedItem[];
}

export interface BuyerExpectation {
	email: string;
	customer: { email: string; firstName: string | null; lastName: string | null; name: string | null };
	orders: ExpectedOrder[];
	transactions: number;
}

interface ItemState extends ExpectedItem {
	chargeAmount: number | null;
}

function decide(previous: ItemState | undefined, transaction: Transaction, switches: RuleSwitches): ItemState {
	// The charge row knows the pricing option and today's amount; later rows may not.
	const item = previous && previous.item.pricingOptionId ? { ...transaction.item, pricingOptionId: previous.item.pricingOptionId } : transaction.item;
	const chargeAmount = previous?.chargeAmount ?? null;
	const base = { item, date: transaction.date, chargeAmount };
	switch (transaction.transactionType) {
		case 'charge':
			return { ...base, chargeAmount: transaction.amount, access: 'grant', why: 'paid' };
		case 'rebill':
			return { ...base, access: 'grant', why: 'subscription payment paid' };
		case 'refund': {
			const partial = chargeAmount !== null && transaction.amount !== null && transaction.amount < chargeAmount;
			if (partial && !switches.revokeOnPartialRefund) {
				return { ...base, access: previous?.access ?? 'grant', why: 'partially refunded: access kept' };
			}
			return { ...base, access: 'revoke', why: partial ? 'partially refunded (revokeOnPartialRefund)' : 'refunded' };
		}
		case 'cancel':
			if (switches.keepAccessUntilPeriodEnd) {
				return {
					...base,
					access: 'leave',
					why: "subscription cancelled: access kept until the paid period ends, which ThriveCart's transaction list does not give, so it is left as it is",
				};
			}
			return { ...base, access: 'revoke', why: 'subscription cancelled' };
	}
}

export function expectedAccess(transactions: readonly Transaction[], switches: RuleSwitches): BuyerExpectation[] {
	// Oldest first, so the latest transaction of an item decides. Ties: ThriveCart lists newest first, so the
	// later row of two with the same second is the older one.
	const ordered = transactions
		.map((transaction, index) => ({ transaction, index }))
		.sort((a, b) => (a.transaction.date === b.transaction.date ? b.index - a.index : a.transaction.date < b.transaction.date ? -1 : 1))
		.map(({ transaction }) => transaction);
	const buyers = new Map<string, { expectation: BuyerExpectation; items: Map<string, Map<string, ItemState>> }>();
	for (const transaction of ordered) {
		const email = transaction.customer.email;
		let buyer = buyers.get(email);
		if (!buyer) {
			buyer = {
				expectation: {
					email,
					customer: { email, firstName: null, lastName: null, name: null },
					orders: [],
					transactions: 0,
				},
				items: new Map(),
			};
			buyers.set(email, buyer);
		}
		const customer = buyer.expectation.customer;
		customer.firstName ??= transaction.customer.firstName;
		customer.lastName ??= transaction.customer.lastName;
		customer.name ??= transaction.customer.name;
		buyer.expectation.transactions++;
		let order = buyer.items.get(transaction.order.id);
		if (!order) {
			order = new Map();
			buyer.items.set(transaction.order.id, order);
		}
		order.set(transaction.item.key, decide(order.get(transaction.item.key), transaction, switches));
	}
	return [...buyers.values()].map(({ expectation, items }) => ({
		...expectation,
		orders: [...items.entries()].map(([orderId, states]) => ({
			orderId,
			// A stable order whatever the listing order: product, bump, upsell, downsell, then id.
			items: [...states.values()]
				.sort((a, b) => ITEM_TYPES.indexOf(a.item.type) - ITEM_TYPES.indexOf(b.item.type) || a.item.id.localeCompare(b.item.id, 'en', { numeric: true }))
				.map(({ item, access, why, date }) => ({ item, access, why, date })),
		})),
	}));
}
