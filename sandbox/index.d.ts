/** The Thrive Apprentice sandbox's programmatic API (see sandbox/index.js). */

export interface SandboxOptions {
	/** 0 (default) picks a free port. */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** Folder for state.json; default a fresh temporary folder that stop() removes. */
	dataDir?: string;
	/** Re-seed from seed.json even when state.json exists. */
	reset?: boolean;
	/** Delay before every /wp-json answer. */
	latencyMs?: number;
	/**
	 * The starting state: 'default' (seed.json: ids 101–105 / 201–206, what the project's tests use) or
	 * 'recordings' (seed-recordings.json: the real site the recordings in test/integration/sandbox/recordings were made on).
	 */
	seed?: SandboxSeed;
}

export type SandboxSeed = 'default' | 'recordings';

export interface Sandbox {
	/** `http://127.0.0.1:PORT`; WordPress REST lives under `${url}/wp-json/...`. */
	url: string;
	port: number;
	dataDir: string;
	stop(): Promise<void>;
	/** Back to seed.json; also clears the request log. */
	reset(): Promise<void>;
}

export function startSandbox(options?: SandboxOptions): Promise<Sandbox>;

/** `GET /__sandbox/requests` entries. */
export interface LoggedRequest {
	method: string;
	/** Without the query string. */
	path: string;
	/** Parsed query; the `auth` value is redacted. */
	query: Record<string, string | string[]>;
	status: number;
	auth: 'apiKey' | 'applicationPassword' | 'none';
	/** ISO time. */
	at: string;
}

/** `GET /__sandbox/emails` entries. */
export interface SandboxEmail {
	id: number;
	to: string;
	subject: string;
	kind: 'new-account' | 'admin-new-user';
	body: string;
	/** `YYYY-MM-DD HH:MM:SS` (UTC). */
	at: string;
}

export interface SandboxSettings {
	thrivecartNewAccountEmail: boolean;
	wordpressNewAccountEmail: boolean;
	html: false | 'security-plugin' | 'maintenance';
	latencyMs: number;
	/** Default true: PHP warnings appear in answers (newOrder without order.processor), as on sites that display errors. */
	displayErrors: boolean;
}

export interface SandboxUser {
	id: number;
	login: string;
	email: string;
	displayName: string;
	firstName: string;
	lastName: string;
	roles: string[];
	registered: string;
}

export interface SandboxOrderItem {
	id: number;
	orderId: number;
	productId: number;
	/** The charge name sent to newOrder, or the product's name for manual grants. */
	name: string;
	/** 1 active, 0 disabled. */
	status: number;
	unitPrice: number;
	currency: string;
	gatewayOrderItemId: string;
	createdAt: string;
}

export interface SandboxOrder {
	id: number;
	userId: number;
	/** 1 completed, 0 disabled. */
	status: number;
	/** `ThriveCart` or `Added Manually`. */
	gateway: string;
	gatewayOrderId: string;
	buyerEmail: string;
	total: number;
	currency: string;
	createdAt: string;
	items: SandboxOrderItem[];
}

/** `GET /__sandbox/state`. */
export interface SandboxState {
	users: SandboxUser[];
	orders: SandboxOrder[];
	emails: SandboxEmail[];
	settings: SandboxSettings;
}
