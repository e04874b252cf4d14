/**
 * A stand-in for ThriveCart's REST API (https://thrivecart.com/api/external) on 127.0.0.1: the routes the
 * trigger uses (/ping, /products, /subscribe, /unsubscribe), the ones the ThriveCart node reads
 * (/transactions with paging, newest first; /customer; /products/{id}), the ones the Thrive Apprentice
 * node's item list reads (/products/{id}/pricing_options, /bumps, /upsells, /downsells; their fields
 * are not documented: the stand-in uses the ones the node reads), ThriveCart's error bodies, its
 * 60-requests-a-minute limit (429 without headers, as ThriveCart), and a record of every request so tests
 * can check headers and exact JSON bodies. It can be told to answer 401 or 429, or be stopped to play "down".
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import type { TransactionRow } from './thrivecartTransactions';

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingMessage['headers'];
	body: unknown;
	/** Past the rate limit and the auth check (a 429 or 401 leaves it unset). */
	answered?: boolean;
}

export interface StandInSubscription {
	id: number;
	event: string;
	target_url: string;
	trigger_fields: unknown;
}

export type Failure = 'auth' | 'rate-limit' | { status: number; body: unknown };

export const STAND_IN_API_KEY = 'tc-standin-api-key-0123456789';
const PREFIX = '/api/external';

export class ThriveCartStandIn {
	readonly requests: RecordedRequest[] = [];
	readonly subscriptions: StandInSubscription[] = [];
	products: Array<Record<string, unknown>> = [
		{ product_id: 12, name: 'Course Launchpad', label: 'Lifetime', status: 'live' },
		{ product_id: 2, name: 'Accelerator', label: 'Monthly', status: 'live' },
		{ product_id: 30, name: 'Beta cohort', status: 'test' },
	];
	/** GET /products/{id}/pricing_options by product id; a product without an entry answers 404. */
	pricingOptions: Record<string, Array<Record<string, unknown>>> = {
		'12': [
			{ pricing_option_id: 78572, name: 'One payment' },
			{ pricing_option_id: 78573, name: '3 monthly payments' },
		],
	};
	/** A bump carries the id of the product it is attached to. */
	bumps: Array<Record<string, unknown>> = [{ bump_id: 3, product_id: 12, name: 'Workbook' }];
	upsells: Array<Record<string, unknown>> = [{ upsell_id: 5, name: 'Coaching call' }];
	downsells: Array<Record<string, unknown>> = [{ downsell_id: 6, name: 'Coaching lite' }];
	/** Answer every request with this failure until cleared. */
	failure: Failure | undefined;
	/** Answer only the Nth /subscribe call (1-based) with this failure. */
	failSubscribeNumber: { n: number; failure: Failure } | undefined;
	/** Rows of GET /transactions, in any order (served newest first, like ThriveCart). */
	transactions: TransactionRow[] = [];
	/** ThriveCart's limit; `undefined` switches it off. */
	rateLimit: { requests: number; windowMs: number } | undefined = { requests: 60, windowMs: 60_000 };
	/** Answer the next N requests with 429 (Retry-After in seconds when set; ThriveCart itself sends none). */
	throttleNext: { count: number; retryAfterSeconds?: number } | undefined;
	/** Largest perPage accepted (the reference: at most 100). */
	maxPerPage = 100;
	private recentCalls: number[] = [];
	private server: Server | undefined;
	private nextId = 253485285;
	private subscribeCalls = 0;
	baseUrl = '';

	async start(): Promise<string> {
		this.server = createServer((request, response) => void this.handle(request, response));
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		const { port } = this.server.address() as AddressInfo;
		this.baseUrl = `http://127.0.0.1:${port}${PREFIX}`;
		return this.baseUrl;
	}

	async stop(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		if (!server) return;
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}

	requestsTo(path: string): RecordedRequest[] {
		return this.requests.filter((request) => request.path === path);
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const text = Buffer.concat(chunks).toString('utf8');
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		let body: unknown;
		try {
			body = text ? JSON.parse(text) : undefined;
		} catch {
			body = text;
		}
		const path = url.pathname.startsWith(PREFIX) ? url.pathname.slice(PREFIX.length) : url.pathname;
		const recorded: RecordedRequest = { method: request.method ?? '', path, query: Object.fromEntries(url.searchParams), headers: request.headers, body };
		this.requests.push(recorded);
		const send = (status: number, payload: unknown) => {
			response.writeHead(status, { 'content-type': 'application/json' });
			response.end(JSON.stringify(payload));
		};
		const fail = (failure: Failure) => {
			if (failure === 'auth') send(401, { error: 'auth.missing' });
			else if (failure === 'rate-limit') send(429, { error: 'Too Many Requests' });
			else send(failure.status, failure.body);
		};

		if (this.failure) return fail(this.failure);
		if (request.headers.authorization !== `Bearer ${STAND_IN_API_KEY}`) return send(401, { error: 'auth.missing' });
		if (this.throttleNext && this.throttleNext.count > 0) {
			this.throttleNext.count--;
			const headers: Record<string, string> = { 'content-type': 'application/json' };
			if (this.throttleNext.retryAfterSeconds !== undefined) headers['retry-after'] = String(this.throttleNext.retryAfterSeconds);
			response.writeHead(429, headers);
			response.end(JSON.stringify({ error: 'Too Many Requests' }));
			return;
		}
		if (this.rateLimit) {
			const now = Date.now();
			this.recentCalls = this.recentCalls.filter((at) => at > now - this.rateLimit!.windowMs);
			if (this.recentCalls.length >= this.rateLimit.requests) return send(429, { error: 'Too Many Requests' });
			this.recentCalls.push(now);
		}
		recorded.answered = true;

		if (request.method === 'GET' && path === '/transactions') return this.transactionsPage(url.searchParams, send);
		if (request.method === 'POST' && path === '/customer') return this.customer(body, send);
		const optionsMatch = /^\/products\/(\d+)\/pricing_options$/.exec(path);
		if (request.method === 'GET' && optionsMatch) {
			const options = this.pricingOptions[optionsMatch[1]];
			return options ? send(200, options) : send(404, { error: 'product.not_found' });
		}
		if (request.method === 'GET' && path === '/bumps') return send(200, this.bumps);
		if (request.method === 'GET' && path === '/upsells') return send(200, this.upsells);
		if (request.method === 'GET' && path === '/downsells') return send(200, this.downsells);
		const productMatch = /^\/products\/(\d+)$/.exec(path);
		if (request.method === 'GET' && productMatch) {
			const product = this.products.find((p) => String(p.product_id) === productMatch[1]);
			return product ? send(200, product) : send(404, { error: 'product.not_found' });
		}

		if (request.method === 'GET' && path === '/ping') {
			return send(200, { account_name: 'Sandbox Academy', account_id: 1001, account_url: 'sandboxacademy', user_id: 7 });
		}
		if (request.method === 'GET' && path === '/products') {
			const mode = request.headers['x-tc-mode'];
			return send(200, this.products.filter((product) => mode !== 'live' || product.status === 'live'));
		}
		if (request.method === 'POST' && path === '/subscribe') {
			this.subscribeCalls++;
			if (this.failSubscribeNumber?.n === this.subscribeCalls) return fail(this.failSubscribeNumber.failure);
			const { event, target_url, trigger_fields } = (body ?? {}) as Record<string, unknown>;
			if (typeof event !== 'string' || typeof target_url !== 'string') return send(400, { error: 'missing.fields' });
			const subscription = { id: this.nextId++, event, target_url, trigger_fields };
			this.subscriptions.push(subscription);
			return send(201, { subscription_id: subscription.id });
		}
		if (request.method === 'POST' && path === '/unsubscribe') {
			const target = ((body ?? {}) as Record<string, unknown>).url;
			const before = this.subscriptions.length;
			for (let i = this.subscriptions.length - 1; i >= 0; i--) {
				if (this.subscriptions[i].target_url === target) this.subscriptions.splice(i, 1);
			}
			if (this.subscriptions.length === before) return send(404, { error: 'subscription.not_found' });
			return send(200, []);
		}
		send(404, { error: 'not_found' });
	}

	private transactionsPage(query: URLSearchParams, send: (status: number, payload: unknown) => void): void {
		const page = Number(query.get('page') ?? '1');
		const perPage = Number(query.get('perPage') ?? '25');
		const type = query.get('transactionType') ?? 'any';
		if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1 || perPage > this.maxPerPage) {
			return send(400, { error: 'invalid.paging' });
		}
		if (!['any', 'charge', 'rebill', 'refund', 'cancel'].includes(type)) return send(400, { error: 'invalid.transactionType' });
		const search = query.get('query')?.toLowerCase();
		const rows = this.transactions
			.map((row, index) => ({ row, index }))
			.filter(({ row }) => type === 'any' || row.transaction_type === type)
			.filter(({ row }) => !search || JSON.stringify([(row.customer as { email?: string })?.email, row.order_id, row.invoice_id]).toLowerCase().includes(search))
			// Newest first; of two in the same second, the one added later first.
			.sort((a, b) => Number(b.row.timestamp) - Number(a.row.timestamp) || b.index - a.index)
			.map(({ row }) => row);
		const slice = rows.slice((page - 1) * perPage, page * perPage);
		send(200, { transactions: slice, meta: { total: rows.length, results: slice.length, page, perPage } });
	}

	/** POST /customer: the buyer's charges as purchases, and their subscriptions with a status. */
	private customer(body: unknown, send: (status: number, payload: unknown) => void): void {
		const email = typeof (body as { email?: unknown })?.email === 'string' ? ((body as { email: string }).email).trim().toLowerCase() : '';
		if (!email) return send(400, { error: 'missing.email' });
		const rows = this.transactions
			.filter((row) => (row.customer as { email?: string })?.email?.toLowerCase() === email)
			.sort((a, b) => Number(a.timestamp) - Number(b.timestamp));
		if (rows.length === 0) return send(404, { error: 'customer.not_found' });
		const pick = (row: TransactionRow) => ({
			order_id: row.order_id,
			item_type: row.item_type,
			item_id: row.item_id,
			item_name: row.item_name,
			item_pricing_option_id: row.item_pricing_option_id,
			amount: row.amount,
			date: row.date,
			timestamp: row.timestamp,
		});
		const purchases = rows.filter((row) => row.transaction_type === 'charge').map((row) => {
			const refunded = rows.some((r) => r.transaction_type === 'refund' && r.order_id === row.order_id && r.item_type === row.item_type && r.item_id === row.item_id);
			return { ...pick(row), status: refunded ? 'refunded' : 'paid' };
		});
		const subscriptions = new Map<string, Record<string, unknown>>();
		for (const row of rows) {
			if (typeof row.subscription_id !== 'string') continue;
			const status = row.transaction_type === 'cancel' ? 'cancelled' : row.transaction_type === 'refund' ? 'refunded' : 'active';
			subscriptions.set(row.subscription_id, { subscription_id: row.subscription_id, ...pick(row), status });
		}
		const named = rows.map((row) => row.customer as { name?: string }).find((customer) => customer?.name?.trim());
		send(200, { customer: { email, name: named?.name ?? '' }, purchases, subscriptions: [...subscriptions.values()] });
	}
}
