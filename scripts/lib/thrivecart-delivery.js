// @ts-check
/**
 * Builds ThriveCart account-webhook deliveries shaped like the captured ones in shared/fixtures
 * (every value a string, money in minor units, bracket keys in form mode) for the sample order, the
 * end-to-end scenarios and the benchmarks. Field names follow shared/reference/thrivecart.md.
 */

/**
 * @typedef {{ type: 'product'|'bump'|'upsell'|'downsell', id: string|number, name?: string,
 *   amount?: number, paymentPlanId?: string|number, paymentPlanName?: string, recurring?: boolean }} Item
 */

/**
 * PHP's `http_build_query` (RFC 1738 `urlencode`: spaces as `+`, brackets percent-encoded), which is how
 * ThriveCart encodes its default form deliveries. Null values are skipped and booleans become 1/0, as in
 * PHP. The tests check it against the shared captures byte for byte.
 * @param {string} value
 */
function phpUrlEncode(value) {
	return encodeURIComponent(value)
		.replace(/[!'()*~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
		.replace(/%20/g, '+');
}

/** @param {Record<string, unknown>} payload */
function encodeForm(payload) {
	/** @type {string[]} */
	const pairs = [];
	/** @param {string} key @param {unknown} value */
	const walk = (key, value) => {
		if (value === null || value === undefined) return;
		if (typeof value === 'object') {
			for (const [childKey, child] of Object.entries(value)) walk(key ? `${key}[${childKey}]` : childKey, child);
			return;
		}
		const text = value === true ? '1' : value === false ? '0' : String(value);
		pairs.push(`${phpUrlEncode(key)}=${phpUrlEncode(text)}`);
	};
	walk('', payload);
	return pairs.join('&');
}

/** @param {Item} item */
const keyOf = (item) => `${item.type}-${item.id}`;
const unix = (/** @type {Date} */ d) => String(Math.floor(d.getTime() / 1000));
const iso = (/** @type {Date} */ d) => d.toISOString().replace(/\.\d{3}Z$/, '+00:00');
/** ThriveCart's `Y-m-d H:i:s`. */
const sqlDate = (/** @type {Date} */ d) => d.toISOString().slice(0, 19).replace('T', ' ');
const nameOf = (/** @type {Item} */ item) => item.name ?? `${item.type} ${item.id}`;
const amountOf = (/** @type {Item} */ item) => item.amount ?? 1000;

/** The fields every delivery starts with. @param {string} event @param {{ mode?: 'live'|'test', secret?: string }} o */
function envelope(event, o) {
	const mode = o.mode ?? 'live';
	return {
		event,
		mode,
		mode_int: mode === 'test' ? '1' : '2',
		thrivecart_account: 'sandboxacademy',
		thrivecart_secret: o.secret ?? 'test-secret-word',
	};
}

/** Refunds and subscription events carry the date three ways and a bare customer. @param {Date} now @param {string} email */
function eventFacts(now, email) {
	return {
		currency: 'USD',
		customer_id: '5550001',
		customer: { id: '5550001', email, name: ' ', first_name: '', last_name: '' },
		date: sqlDate(now),
		date_iso8601: iso(now),
		date_unix: unix(now),
	};
}

/**
 * @param {{ email: string, firstName?: string, lastName?: string, orderId: number|string,
 *   invoiceId?: string, mode?: 'live'|'test', items: Item[], secret?: string, customerId?: string,
 *   currency?: string }} o
 */
function orderSuccess(o) {
	const base = o.items.find((i) => i.type === 'product') ?? o.items[0];
	/** @type {Record<string, unknown>[]} */
	const charges = [];
	for (const item of o.items) {
		const row = {
			name: nameOf(item),
			reference: String(item.id),
			item_type: item.type,
			item_identifier: keyOf(item),
			amount: String(amountOf(item)),
			amount_str: (amountOf(item) / 100).toFixed(2),
			type: 'single',
			quantity: '1',
			...(item.paymentPlanId ? { payment_plan_id: String(item.paymentPlanId), payment_plan_name: item.paymentPlanName ?? 'Pricing option' } : {}),
		};
		charges.push(row);
		if (item.recurring) charges.push({ ...row, type: 'recurring', frequency: 'month' });
	}
	const total = o.items.reduce((sum, i) => sum + amountOf(i), 0);
	const now = new Date();
	return {
		...envelope('order.success', o),
		base_product: String(base.id),
		base_product_name: nameOf(base),
		...(base.paymentPlanId ? { base_payment_plan: String(base.paymentPlanId) } : {}),
		order_id: String(o.orderId),
		invoice_id: o.invoiceId ?? String(o.orderId).padStart(9, '0'),
		order_date: sqlDate(now),
		order_timestamp: unix(now),
		currency: o.currency ?? 'USD',
		customer_id: o.customerId ?? '5550001',
		customer_identifier: 'null',
		customer: {
			id: o.customerId ?? '5550001',
			email: o.email,
			name: [o.firstName, o.lastName].filter(Boolean).join(' ') || ' ',
			first_name: o.firstName ?? '',
			last_name: o.lastName ?? '',
			ip_address: '203.0.113.7',
			address: { country: 'US' },
			checkbox_confirmation: 'false',
		},
		order: {
			tax: 'null',
			processor: 'stripe',
			total: String(total),
			total_str: (total / 100).toFixed(2),
			charges,
			date: sqlDate(now),
			date_unix: unix(now),
		},
		transactions: Object.fromEntries(o.items.map((i) => [keyOf(i), `ch_${o.orderId}_${i.id}`])),
		subscriptions: Object.fromEntries(o.items.map((i) => [keyOf(i), i.recurring ? `sub_${o.orderId}_${i.id}` : 'false'])),
		purchases: o.items.map(nameOf),
		purchase_map: o.items.map(keyOf),
		purchase_map_flat: o.items.map(keyOf).join(', '),
	};
}

/**
 * @param {{ email: string, orderId: number|string, item: Item, refundAmount?: number, allItems?: Item[],
 *   mode?: 'live'|'test', secret?: string, eventId?: string }} o
 */
function refund(o) {
	const items = o.allItems ?? [o.item];
	const amount = o.refundAmount ?? amountOf(o.item);
	return {
		...envelope('order.refund', o),
		event_id: o.eventId ?? `ev_${o.orderId}_${keyOf(o.item)}_${amount}`,
		base_product: String(items[0].id),
		...eventFacts(new Date(), o.email),
		order_id: String(o.orderId),
		subscription_id: o.item.recurring ? `sub_${o.orderId}_${o.item.id}` : 'null',
		'pro-rata': 'false',
		order: {
			id: String(o.orderId),
			processor: 'stripe',
			total: String(items.reduce((s, i) => s + amountOf(i), 0)),
			charges: items.map((i) => ({ name: nameOf(i), reference: String(i.id), item_type: i.type, amount: String(amountOf(i)), type: 'single', quantity: '1' })),
		},
		refund: {
			type: o.item.type,
			id: String(o.item.id),
			product_id: String(o.item.id),
			name: nameOf(o.item),
			processor: 'stripe',
			currency: 'USD',
			amount: String(amount),
			amount_str: (amount / 100).toFixed(2),
		},
	};
}

/**
 * @param {'order.subscription_cancelled'|'order.rebill_failed'|'order.subscription_paused'|'order.subscription_resumed'} event
 * @param {{ email: string, orderId: number|string, item: Item, billingPeriodEnd?: Date, mode?: 'live'|'test', secret?: string, at?: Date }} o
 */
function subscriptionEvent(event, o) {
	const end = o.billingPeriodEnd ?? new Date(Date.now() + 30 * 86400_000);
	return {
		...envelope(event, o),
		base_product: String(o.item.id),
		// The event's date tells two pauses of one subscription apart (ThriveCart sends no event id for them).
		...eventFacts(o.at ?? new Date(), o.email),
		order_id: String(o.orderId),
		subscription_id: `sub_${o.orderId}_${o.item.id}`,
		order: { id: String(o.orderId), processor: 'stripe' },
		subscription: {
			type: o.item.type,
			id: String(o.item.id),
			product_id: String(o.item.id),
			name: nameOf(o.item),
			processor: 'stripe',
			currency: 'USD',
			amount: String(amountOf(o.item)),
			frequency: 'month',
			frequency_days: '30',
			remaining_rebills: 'null',
			billing_period_end: unix(end),
			billing_period_end_iso8601: iso(end),
		},
	};
}

module.exports = { encodeForm, phpUrlEncode, orderSuccess, refund, subscriptionEvent };
