/** The Thrive Apprentice sandbox's programmatic API (see sandbox/index.js). */

/**
 * Start options. The settings given here (same names as `POST /__sandbox/settings`) are this sandbox's
 * defaults: `reset()` and `POST /__sandbox/reset` come back to them.
 */
export interface SandboxOptions extends Partial<SandboxSettings> {
	/** 0 (default) picks a free port. */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** Folder for state.json; default a fresh temporary folder that stop() removes. */
	dataDir?: string;
	/** Re-seed even when state.json exists. */
	reset?: boolean;
	/**
	 * The starting state: 'default' (seed.json: courses 101–105, products 201–206, what the project's tests
	 * use); 'recordings' (seed-recordings.json: the real site the recordings in
	 * test/integration/sandbox/recordings were made on: courses 13/14, demo courses 2–7, products 15/16);
	 * 'recordings-unseeded' (that site before its seeding calls: demo courses only, no product, no API key).
	 */
	seed?: SandboxSeed;
}

export type SandboxSeed = 'default' | 'recordings' | 'recordings-unseeded';

export interface Sandbox {
	/** `http://127.0.0.1:PORT`; WordPress REST lives under `${url}/wp-json/...`. */
	url: string;
	port: number;
	dataDir: string;
	stop(): Promise<void>;
	/** Back to the seed and the start options; also clears the request log. */
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
	/** Set when `loseAnswers` swallowed the answer (`status` is what the site would have answered). */
	lost?: 'reset' | 'hang';
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

/** `loseAnswers`: the next `count` calls of `route` are carried out in full, then left without an answer. */
export interface LoseAnswers {
	/** `"<METHOD> <rest route>"`, e.g. `"POST /tva/v1/newOrder"` (the route matches case-insensitively). */
	route: string;
	count: number;
	/** 'reset' destroys the connection; 'hang' keeps it open without answering (closed after 120 s or at stop()). */
	mode: 'reset' | 'hang';
}

export interface SandboxSettings {
	thrivecartNewAccountEmail: boolean;
	wordpressNewAccountEmail: boolean;
	html: false | 'security-plugin' | 'maintenance';
	/** Delay before every REST answer. */
	latencyMs: number;
	/**
	 * Default false. True: every 2xx JSON answer is preceded by PHP notice HTML (content type stays JSON), and
	 * newOrder without order.processor adds PHP's warning, as on hosts with display_errors on.
	 */
	phpNotices: boolean;
	/**
	 * Default null. An origin such as `http://localhost:PORT`: every request whose Host differs is answered
	 * 301 to `<redirectTo><path and query>` before auth and routing (the /__sandbox controls excepted).
	 */
	redirectTo: string | null;
	/** Default 'pretty'. 'plain': /wp-json/... answers WordPress's 404 page; /?rest_route=... works in both. */
	permalinks: 'pretty' | 'plain';
	/** Default null. */
	loseAnswers: LoseAnswers | null;
}

/** `POST /__sandbox/orders`: an order as ThriveCart's built-in integration stores it (no email sent). */
export interface BuiltInOrderRequest {
	email: string;
	firstName?: string;
	lastName?: string;
	gatewayOrderId: string | number;
	productIds: number[];
	/** Default: each product's name. */
	itemName?: string;
	/** Order status 0–4; default 1 (completed). */
	status?: number;
}

/** The answer of `POST /__sandbox/orders`. */
export interface BuiltInOrderAnswer {
	order: SandboxOrder;
	user: SandboxUser;
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
