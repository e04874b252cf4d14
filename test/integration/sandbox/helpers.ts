// Shared set-up for the sandbox's contract tests: one sandbox per test file, seed state before each test.
import { request } from 'http';
import { startSandbox, type Sandbox, type SandboxState, type LoggedRequest, type SandboxEmail } from '../../../sandbox';
import seed from '../../../sandbox/seed.json';

export const KEY = seed.site.apiKeys.find((k) => k.enabled)!.key;
export const DISABLED_KEY = seed.site.apiKeys.find((k) => !k.enabled)!.key;
export const ADMIN = { login: 'admin', email: 'admin@sandbox.test', password: seed.users[0].applicationPasswords[0] };
export const EDITOR = { login: 'editor', password: seed.users[1].applicationPasswords[0] };
export const MEMBER = { login: 'member', password: seed.users[2].applicationPasswords[0] };
export const VIP_USER_ID = 4;

export const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
export const adminAuth = basic(ADMIN.login, ADMIN.password);
export const editorAuth = basic(EDITOR.login, EDITOR.password);
export const memberAuth = basic(MEMBER.login, MEMBER.password);

export interface Answer {
	status: number;
	// Tests read many different answer shapes; each assertion states the shape it expects.
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	body: any;
	headers: Headers;
	text: string;
}

/** Starts one sandbox for the file and re-seeds it before each test. */
export function useSandbox(): { readonly url: string; readonly sandbox: Sandbox } {
	let sandbox: Sandbox | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox({ reset: true });
	});
	beforeEach(async () => {
		await sandbox!.reset();
	});
	afterAll(async () => {
		await sandbox?.stop();
	});
	return {
		get url() {
			return sandbox!.url;
		},
		get sandbox() {
			return sandbox!;
		},
	};
}

export async function call(url: string, init: RequestInit & { json?: unknown } = {}): Promise<Answer> {
	const headers = new Headers(init.headers);
	let body = init.body;
	if (init.json !== undefined) {
		headers.set('Content-Type', 'application/json');
		body = JSON.stringify(init.json);
	}
	const res = await fetch(url, { ...init, headers, body });
	const text = await res.text();
	let parsed: unknown = undefined;
	try {
		parsed = JSON.parse(text);
	} catch {
		parsed = undefined;
	}
	return { status: res.status, body: parsed, headers: res.headers, text };
}

/** A REST call: `rest(base, '/tva/v1/getCourses', {...})`. */
export const rest = (base: string, route: string, init: RequestInit & { json?: unknown } = {}) => call(`${base}/wp-json${route}`, init);

/** A call with the TA API key in the `TVA` header. */
export const withKey = (base: string, route: string, init: RequestInit & { json?: unknown } = {}) =>
	rest(base, route, { ...init, headers: { TVA: KEY, ...(init.headers as Record<string, string> | undefined) } });

/** A call with the administrator's application password. */
export const asAdmin = (base: string, route: string, init: RequestInit & { json?: unknown } = {}) =>
	rest(base, route, { ...init, headers: { Authorization: adminAuth, ...(init.headers as Record<string, string> | undefined) } });

export function newOrderBody(overrides: { email?: string; order?: Record<string, unknown>; charges?: unknown[]; [k: string]: unknown } = {}) {
	const { order, charges, ...top } = overrides;
	return {
		source: 'thrivecart',
		email: 'jane@example.test',
		first_name: 'Jane',
		last_name: 'Doe',
		customer_id: 123,
		...top,
		order: {
			order_id: 900001,
			total: 0,
			currency: 'USD',
			processor: 'none',
			charges: charges ?? [{ type: 'single', courses: [201], name: 'Course access', item_id: 1, amount: 0 }],
			...order,
		},
	};
}

/** A copy of `body` without `key`. */
export function without<T extends object>(body: T, key: keyof T): Partial<T> {
	const copy: Partial<T> = { ...body };
	delete copy[key];
	return copy;
}

export const newOrder = (base: string, body: unknown = newOrderBody()) => withKey(base, '/tva/v1/newOrder', { method: 'POST', json: body });
export const refundOrder = (base: string, body: unknown) => withKey(base, '/tva/v1/refundOrder', { method: 'POST', json: body });

export async function sandboxState(base: string): Promise<SandboxState> {
	return (await call(`${base}/__sandbox/state`)).body as SandboxState;
}
export async function sandboxEmails(base: string): Promise<SandboxEmail[]> {
	return (await call(`${base}/__sandbox/emails`)).body as SandboxEmail[];
}
export async function sandboxRequests(base: string): Promise<LoggedRequest[]> {
	return (await call(`${base}/__sandbox/requests`)).body as LoggedRequest[];
}
export const setSettings = (base: string, settings: Record<string, unknown>) => call(`${base}/__sandbox/settings`, { method: 'POST', json: settings });

/** Product ids the user has, from `customer/{id}/products`. */
export async function productIdsOf(base: string, userId: number): Promise<number[]> {
	const answer = await asAdmin(base, `/tva/v1/customer/${userId}/products`);
	return (answer.body as Array<{ id: number }>).map((p) => p.id).sort((a, b) => a - b);
}

export interface RawAnswer {
	status: number;
	headers: import('http').IncomingHttpHeaders;
	text: string;
}

/**
 * A request through Node's http module, to send any Host header and to see a connection that breaks:
 * it rejects with the socket error (ECONNRESET, "socket hang up") when no answer comes.
 */
export function rawRequest(
	port: number,
	options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<RawAnswer> {
	return new Promise((resolve, reject) => {
		const req = request({ host: '127.0.0.1', port, method: options.method || 'GET', path: options.path, headers: options.headers, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode || 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end(options.body);
	});
}
