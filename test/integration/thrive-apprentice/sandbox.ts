/** The Thrive Apprentice sandbox for these tests (started per file), its control routes, and the seeded credentials. */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import seed from '../../../sandbox/seed.json';
import type { LoggedRequest, Sandbox, SandboxEmail, SandboxSettings, SandboxState } from '../../../sandbox';
import { forgetProductLists } from '../../../nodes/ThriveApprentice/resources/product/exist';
import { deduplicator, runNode, type RunOptions, type RunResult } from '../../support/n8nEngine';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the sandbox is plain CommonJS
const { startSandbox } = require('../../../sandbox') as typeof import('../../../sandbox');

export const API_KEY = seed.site.apiKeys[0].key;
export const DISABLED_API_KEY = seed.site.apiKeys[1].key;
export const ADMIN = { username: seed.users[0].login, password: seed.users[0].applicationPasswords[0] };
export const EDITOR = { username: seed.users[1].login, password: seed.users[1].applicationPasswords[0] };

export class SandboxHandle {
	private running: Sandbox | undefined;

	get sandbox(): Sandbox {
		if (!this.running) throw new Error('The sandbox is not running: call useSandbox() at the top of the test file');
		return this.running;
	}

	async start(): Promise<void> {
		this.running = await startSandbox({ port: 0, reset: true });
	}

	get url(): string {
		return this.sandbox.url;
	}

	credentials(parts: { apiKey?: boolean | string; applicationPassword?: boolean | { username: string; password: string } } = { apiKey: true, applicationPassword: true }): ICredentialDataDecryptedObject {
		const key = parts.apiKey === true ? API_KEY : parts.apiKey || '';
		const login = parts.applicationPassword === true ? ADMIN : parts.applicationPassword || undefined;
		return { siteUrl: this.url, apiKey: key, username: login?.username ?? '', applicationPassword: login?.password ?? '' };
	}

	private async control<T>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.url}${path}`, {
			method,
			headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (!response.ok) throw new Error(`sandbox control ${method} ${path} → ${response.status}`);
		const text = await response.text();
		return (text ? JSON.parse(text) : undefined) as T;
	}

	reset(): Promise<void> {
		return this.sandbox.reset();
	}

	state(): Promise<SandboxState> {
		return this.control('GET', '/__sandbox/state');
	}

	emails(): Promise<SandboxEmail[]> {
		return this.control('GET', '/__sandbox/emails');
	}

	requests(): Promise<LoggedRequest[]> {
		return this.control('GET', '/__sandbox/requests');
	}

	clearRequests(): Promise<void> {
		return this.control('DELETE', '/__sandbox/requests');
	}

	settings(settings: Partial<SandboxSettings>): Promise<SandboxSettings> {
		return this.control('POST', '/__sandbox/settings', settings);
	}

	/** The REST calls the site received (pretty and plain-permalink form), without the sandbox's controls. */
	async restCalls(): Promise<LoggedRequest[]> {
		return (await this.requests()).filter((entry) => entry.path.startsWith('/wp-json/') || entry.query?.rest_route !== undefined);
	}

	/** The products a buyer holds through active items of completed orders, sorted. */
	async productsOf(email: string): Promise<number[]> {
		const state = await this.state();
		const user = state.users.find((candidate) => candidate.email.toLowerCase() === email.toLowerCase());
		if (!user) return [];
		return state.orders
			.filter((order) => order.userId === user.id && order.status === 1)
			.flatMap((order) => order.items.filter((orderItem) => orderItem.status === 1).map((orderItem) => orderItem.productId))
			.sort((a, b) => a - b);
	}

	/** Stores an order the way ThriveCart's built-in integration does (a seller switching to n8n). */
	builtInOrder(order: { email: string; gatewayOrderId: string; productIds: number[]; firstName?: string; lastName?: string }): Promise<unknown> {
		return this.control('POST', '/__sandbox/orders', order);
	}

	/** Runs the Thrive Apprentice node with both credential parts unless the test gives its own. */
	run(options: RunOptions): Promise<RunResult> {
		return runNode({ credentials: this.credentials(), ...options });
	}

	async stop(): Promise<void> {
		await this.running?.stop();
		this.running = undefined;
	}
}

/**
 * The sandbox of one test file: started before its tests and stopped after them. Before each test its
 * data is reset and n8n's processed-items store emptied, so no test sees another's grants as repeats.
 */
export function useSandbox(): SandboxHandle {
	const handle = new SandboxHandle();
	beforeAll(() => handle.start());
	afterAll(() => handle.stop());
	beforeEach(async () => {
		await handle.reset();
		deduplicator.clear();
		forgetProductLists();
	});
	return handle;
}
