/**
 * `GET /transactions` rows → one normalised transaction in the trigger's vocabulary (item keys
 * `product-12`, `bump-12`, `upsell-5`, …; ids as strings; money in minor units; ISO dates).
 *
 * ThriveCart documents the route and its query (`page`, `perPage`, `transactionType`, and in its PHP SDK
 * `query`) but not the answer. The field names read here are those of ThriveCart's own PHP SDK demo and
 * of clients written against the live API: `{ transactions: [ { transaction_type, item_type, item_id,
 * item_pricing_option_id, order_id, customer{email,name}, amount, timestamp|date, … } ], meta{total} }`.
 * A row without what the rules need is reported with the fields it had, never skipped silently.
 */
import { formatItemKey, isItemType, type PurchasedItem } from '../../shared/itemKey';
import { asRecord, firstOf, id, integer, isoDate, text, type Raw } from '../../ThriveCartTrigger/thrivecart/values';
import { keysOf, ShapeError } from './shapeError';

export const TRANSACTION_TYPES = ['charge', 'rebill', 'refund', 'cancel'] as const;
export type TransactionType = (typeof TRANSACTION_TYPES)[number];

/** The trigger's event names, so a transaction reads like the delivery it stands for. */
const EVENT_OF: Record<TransactionType, string> = {
	charge: 'order.payment',
	rebill: 'order.subscription_payment',
	refund: 'order.refund',
	cancel: 'order.subscription_cancelled',
};

export interface Transaction {
	event: string;
	transactionType: TransactionType;
	transactionId: string | null;
	date: string;
	customer: { email: string; name: string | null; firstName: string | null; lastName: string | null };
	order: { id: string; invoiceId: string | null; currency: string | null };
	/** The item the transaction is about, shaped like the trigger's `items[]`. */
	item: PurchasedItem;
	/** The same item as the trigger gives it: `items` for charges and rebills, `affectedItem` for all. */
	items: PurchasedItem[];
	affectedItem: PurchasedItem;
	/** Minor units: the charge, or the refunded amount. */
	amount: number | null;
	baseProductId: string | null;
}

export interface TransactionsPage {
	rows: Raw[];
	/** ThriveCart's `meta.total`, when it sent one. */
	total: number | null;
}

const SHAPE_HELP =
	"ThriveCart's API documentation does not fix the shape of GET /transactions; this node reads { transactions: [ … ] } (the shape of ThriveCart's SDK and of clients written against the live API).";

export function readTransactionsPage(body: unknown): TransactionsPage {
	const record = asRecord(body);
	const list = Array.isArray(body) ? body : record?.transactions;
	if (!Array.isArray(list)) {
		throw new ShapeError(`ThriveCart's answer to GET /transactions has no list of transactions (it had ${keysOf(body)})`, SHAPE_HELP);
	}
	const meta = asRecord(record?.meta);
	return {
		rows: list.map((row, index) => {
			const raw = asRecord(row);
			if (!raw) throw new ShapeError(`Transaction #${index + 1} from ThriveCart is not an object`, SHAPE_HELP);
			return raw;
		}),
		total: integer(meta?.total ?? record?.total),
	};
}

function splitName(name: string | null): { firstName: string | null; lastName: string | null } {
	if (!name) return { firstName: null, lastName: null };
	const [first, ...rest] = name.split(/\s+/);
	return { firstName: first || null, lastName: rest.join(' ') || null };
}

/** One row → a Transaction. Throws a ShapeError naming the missing fields. */
export function normaliseTransaction(row: Raw): Transaction {
	const customer = asRecord(row.customer) ?? {};
	const typeText = text(row.transaction_type)?.toLowerCase() ?? null;
	const itemType = text(row.item_type)?.toLowerCase() ?? null;
	const itemId = firstOf(id, row.item_id, row.reference);
	const orderId = firstOf(id, row.order_id);
	const email = firstOf(text, customer.email, row.customer_email, row.email)?.toLowerCase() ?? null;
	const date = firstOf(isoDate, row.timestamp, row.date_iso8601, row.date, row.time);

	const missing: string[] = [];
	if (!typeText || !(TRANSACTION_TYPES as readonly string[]).includes(typeText)) missing.push(`transaction_type (${JSON.stringify(row.transaction_type ?? null)})`);
	if (!isItemType(itemType)) missing.push(`item_type (${JSON.stringify(row.item_type ?? null)})`);
	if (!itemId || !/^\d+$/.test(itemId)) missing.push('item_id');
	if (!orderId) missing.push('order_id');
	if (!email) missing.push('customer.email');
	if (!date) missing.push('timestamp or date');
	if (missing.length > 0) {
		const which = firstOf(text, row.transaction_id, row.event_id, row.order_id) ?? 'without an id';
		throw new ShapeError(
			`ThriveCart transaction ${which} lacks ${missing.join(', ')}`,
			`${SHAPE_HELP} The row had ${keysOf(row)}. Nothing was granted or revoked for it.`,
		);
	}

	const transactionType = typeText as TransactionType;
	const type = itemType as PurchasedItem['type'];
	const subscriptionId = firstOf(id, row.subscription_id, row.internal_subscription_id);
	const amount = integer(row.amount);
	const item: PurchasedItem = {
		key: formatItemKey(type, itemId as string),
		type,
		id: itemId as string,
		name: firstOf(text, row.item_name),
		pricingOptionId: firstOf(id, row.item_pricing_option_id),
		pricingOptionName: firstOf(text, row.item_pricing_option_name),
		payment: subscriptionId || transactionType === 'rebill' || transactionType === 'cancel' ? 'recurring' : 'single',
		amount: transactionType === 'charge' || transactionType === 'rebill' ? amount : null,
		subscriptionId,
	};
	const name = firstOf(text, customer.name, row.customer_name);
	const split = splitName(name);
	return {
		event: EVENT_OF[transactionType],
		transactionType,
		transactionId: firstOf(id, row.transaction_id, row.event_id),
		date: date as string,
		customer: {
			email: email as string,
			name,
			firstName: firstOf(text, customer.first_name, customer.firstname) ?? split.firstName,
			lastName: firstOf(text, customer.last_name, customer.lastname) ?? split.lastName,
		},
		order: { id: orderId as string, invoiceId: firstOf(text, row.invoice_id), currency: firstOf(text, row.currency) },
		item,
		items: transactionType === 'charge' || transactionType === 'rebill' ? [item] : [],
		affectedItem: item,
		amount,
		baseProductId: firstOf(id, row.base_product),
	};
}
