/**
 * A stand-in for ThriveCart's REST API (https://thrivecart.com/api/external) on 127.0.0.1: the routes the
 * trigger uses (/ping, /products, /subscribe, /unsubscribe), ThriveCart's error bodies, and a record of
 * every request so tests can check headers and exact JSON bodies. It can be told to answer 401 or 429,
 * or be stopped to play "down".
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingMessage['headers'];
	body: unknown;
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
	/** Answer every request with this failure until cleared. */
	failure: Failure | undefined;
	/** Answer only the Nth /subscribe call (1-based) with this failure. */
	failSubscribeNumber: { n: number; failure: Failure } | undefined;
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
}
