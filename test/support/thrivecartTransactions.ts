/**
 * Rows of ThriveCart's `GET /transactions`, built from the same order descriptions as the deliveries
 * (scripts/lib/thrivecart-delivery.js), so a test can say "this order happened" to both surfaces. The
 * field names are those of ThriveCart's SDK demo and of clients written against the live API (see
 * nodes/ThriveCart/api/transactions.ts); numbers where a JSON API gives numbers.
 */
export interface TxItem {
	type: 'product' | 'bump' | 'upsell' | 'downsell';
	id: number | string;
	name?: string;
	amount?: number;
	paymentPlanId?: number | string;
	paymentPlanName?: string;
	recurring?: boolean;
}

export type TransactionRow = Record<string, unknown>;

let nextEvent = 900_000_000;
const sqlDate = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');

function row(
	type: 'charge' | 'rebill' | 'refund' | 'cancel',
	o: { email: string; name?: string; orderId: number | string; at?: Date; baseProduct?: number | string },
	item: TxItem,
	amount: number,
): TransactionRow {
	const at = o.at ?? new Date();
	const eventId = ++nextEvent;
	return {
		event_id: eventId,
		base_product: Number(o.baseProduct ?? item.id),
		date: sqlDate(at),
		time: sqlDate(at),
		timestamp: Math.floor(at.getTime() / 1000),
		transaction_type: type,
		transaction_info: null,
		item_type: item.type,
		item_id: Number(item.id),
		item_name: item.name ?? `${item.type} ${item.id}`,
		item_pricing_option_name: item.paymentPlanId ? (item.paymentPlanName ?? 'Pricing option') : null,
		item_pricing_option_id: item.paymentPlanId ? Number(item.paymentPlanId) : null,
		subscription_id: item.recurring ? `sub_${o.orderId}_${item.id}` : null,
		internal_subscription_id: null,
		transaction_id: `${type === 'refund' ? 're' : 'ch'}_${o.orderId}_${item.type}_${item.id}_${eventId}`,
		amount,
		order_id: Number(o.orderId),
		invoice_id: Number(String(o.orderId).slice(-6)),
		currency: 'USD',
		processor: 'stripe',
		customer: { name: o.name ?? ' ', email: o.email },
		coupon: null,
		quantity: 1,
		reference: String(item.id),
	};
}

const amountOf = (item: TxItem) => item.amount ?? 1000;

export function chargeRows(o: { email: string; name?: string; orderId: number | string; items: TxItem[]; at?: Date }): TransactionRow[] {
	const base = o.items.find((item) => item.type === 'product') ?? o.items[0];
	return o.items.map((item) => row('charge', { ...o, baseProduct: base.id }, item, amountOf(item)));
}

export function refundRow(o: { email: string; orderId: number | string; item: TxItem; refundAmount?: number; at?: Date }): TransactionRow {
	return row('refund', o, o.item, o.refundAmount ?? amountOf(o.item));
}

export function rebillRow(o: { email: string; orderId: number | string; item: TxItem; at?: Date }): TransactionRow {
	return row('rebill', o, o.item, amountOf(o.item));
}

export function cancelRow(o: { email: string; orderId: number | string; item: TxItem; at?: Date }): TransactionRow {
	return row('cancel', o, o.item, 0);
}
