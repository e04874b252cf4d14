/**
 * `POST /customer {email}` → the buyer, their purchases and their subscriptions with status, items keyed
 * like the trigger's (`product-12`, `bump-12`, …). ThriveCart documents the route ("purchases and
 * subscriptions with status") but not the field names: this reads `purchases[]` and `subscriptions[]`
 * with the transaction list's item fields (`item_type`, `item_id`, …) and says so when they are absent.
 */
import { formatItemKey, isItemType, type PurchasedItem } from '../../shared/itemKey';
import { asList, asRecord, firstOf, id, integer, isoDate, text, type Raw } from '../../ThriveCartTrigger/thrivecart/values';
import { keysOf, ShapeError } from './shapeError';

const SHAPE_HELP =
	"ThriveCart's API documentation says POST /customer returns the customer's purchases and subscriptions with their status but does not fix the field names; this node reads { customer{…}, purchases[ {order_id, item_type, item_id, …} ], subscriptions[ {subscription_id, status, item_type, item_id, …} ] }.";

export interface CustomerPurchase {
	orderId: string | null;
	date: string | null;
	status: string | null;
	item: PurchasedItem;
}

export interface CustomerSubscription {
	id: string | null;
	orderId: string | null;
	status: string | null;
	nextPaymentDate: string | null;
	item: PurchasedItem;
}

export interface CustomerRecord {
	email: string;
	customer: { id: string | null; email: string; name: string | null; firstName: string | null; lastName: string | null };
	purchases: CustomerPurchase[];
	subscriptions: CustomerSubscription[];
}

function itemOf(row: Raw, what: string, recurring: boolean): PurchasedItem {
	const type = text(row.item_type)?.toLowerCase();
	const itemId = firstOf(id, row.item_id, row.product_id);
	if (!isItemType(type) || !itemId || !/^\d+$/.test(itemId)) {
		throw new ShapeError(`A ${what} in ThriveCart's customer record has no item_type and item_id (it had ${keysOf(row)})`, SHAPE_HELP);
	}
	return {
		key: formatItemKey(type, itemId),
		type,
		id: itemId,
		name: firstOf(text, row.item_name, row.name),
		pricingOptionId: firstOf(id, row.item_pricing_option_id, row.payment_plan_id),
		pricingOptionName: firstOf(text, row.item_pricing_option_name, row.payment_plan_name),
		payment: recurring || firstOf(id, row.subscription_id) ? 'recurring' : 'single',
		amount: integer(row.amount),
		subscriptionId: firstOf(id, row.subscription_id),
	};
}

export function normaliseCustomer(body: unknown, askedEmail: string): CustomerRecord {
	const record = asRecord(body);
	const purchasesRaw = record?.purchases;
	const subscriptionsRaw = record?.subscriptions;
	if (!record || (purchasesRaw === undefined && subscriptionsRaw === undefined)) {
		throw new ShapeError(`ThriveCart's answer to POST /customer has neither purchases nor subscriptions (it had ${keysOf(body)})`, SHAPE_HELP);
	}
	const person = asRecord(record.customer) ?? {};
	const email = firstOf(text, person.email, record.email)?.toLowerCase() ?? askedEmail.trim().toLowerCase();
	const name = firstOf(text, person.name);
	const [first, ...rest] = (name ?? '').split(/\s+/);
	const rows = (value: unknown) => asList(value).map(asRecord).filter((row): row is Raw => row !== undefined);
	return {
		email,
		customer: {
			id: firstOf(id, person.id, record.customer_id),
			email,
			name,
			firstName: firstOf(text, person.first_name, person.firstname) ?? (first || null),
			lastName: firstOf(text, person.last_name, person.lastname) ?? (rest.join(' ') || null),
		},
		purchases: rows(purchasesRaw).map((row) => ({
			orderId: firstOf(id, row.order_id),
			date: firstOf(isoDate, row.timestamp, row.date),
			status: firstOf(text, row.status),
			item: itemOf(row, 'purchase', false),
		})),
		subscriptions: rows(subscriptionsRaw).map((row) => ({
			id: firstOf(id, row.subscription_id, row.id),
			orderId: firstOf(id, row.order_id),
			status: firstOf(text, row.status)?.toLowerCase() ?? null,
			nextPaymentDate: firstOf(isoDate, row.next_payment_date_iso8601, row.next_payment_date),
			item: itemOf(row, 'subscription', true),
		})),
	};
}
