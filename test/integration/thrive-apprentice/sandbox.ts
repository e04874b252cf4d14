/** Starting the Thrive Apprentice sandbox for these tests, its control routes, and the seeded credentials. */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import seed from '../../../sandbox/seed.json';
import type { LoggedRequest, Sandbox, SandboxEmail, SandboxSettings, SandboxState } from '../../../sandbox';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the sandbox is plain CommonJS
const { startSandbox } = require('../../../sandbox') as typeof import('../../../sandbox');

export const API_KEY = seed.site.apiKeys[0].key;
export const DISABLED_API_KEY = seed.site.apiKeys[1].key;
export const ADMIN = { username: seed.users[0].login, password: seed.users[0].applicationPasswords[0] };
export const EDITOR = { username: seed.users[1].login, password: seed.users[1].applicationPasswords[0] };

export class SandboxHandle {
	constructor(readonly sandbox: Sandbox) {}

	static async start(): Promise<SandboxHandle> {
		return new SandboxHandle(await startSandbox({ port: 0, reset: true }));
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

	stop(): Promise<void> {
		return this.sandbox.stop();
	}
}
