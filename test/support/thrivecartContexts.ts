/**
 * Minimal n8n contexts for driving the ThriveCart Trigger's methods in tests. Requests are REAL HTTP:
 * `httpRequestWithAuthentication` applies the credential's own `authenticate` and sends with fetch,
 * and failures are wrapped the way n8n wraps them (NodeApiError around the HTTP client's error).
 */
import { parse as parseQuery } from 'querystring';
import {
	NodeApiError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IHookFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type INode,
	type IWebhookFunctions,
	type JsonObject,
} from 'n8n-workflow';
import { ThriveCartApi } from '../../credentials/ThriveCartApi.credentials';

export const TRIGGER_NODE: INode = {
	id: 'node-1',
	name: 'ThriveCart Trigger',
	type: 'n8n-nodes-thrivecart-apprentice.thriveCartTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
	webhookId: 'f2b1c3d4-0000-4000-8000-00000000abcd',
};

export interface Sent {
	url: string;
	method: string;
	headers: Record<string, string>;
}

function withQuery(url: string, qs: IDataObject | undefined): string {
	if (!qs || Object.keys(qs).length === 0) return url;
	const search = new URLSearchParams(Object.entries(qs).map(([key, value]): [string, string] => [key, String(value)]));
	return `${url}?${search.toString()}`;
}

/** An HTTP client error shaped like the one n8n's request helper wraps (status and body on `response`). */
function clientError(status: number | undefined, data: unknown, code?: string, message?: string): Error {
	const error = new Error(message ?? `Request failed with status code ${status}`) as Error & Record<string, unknown>;
	if (status !== undefined) error.response = { status, data };
	if (code) error.code = code;
	return error;
}

export async function sendRealRequest(credentials: ICredentialDataDecryptedObject, options: IHttpRequestOptions): Promise<{ status: number; data: unknown }> {
	const signed = await new ThriveCartApi().authenticate(credentials, options);
	const headers: Record<string, string> = { ...(signed.headers as Record<string, string>) };
	let body: string | undefined;
	if (signed.body !== undefined) {
		body = JSON.stringify(signed.body);
		headers['content-type'] = 'application/json';
	}
	let response: Response;
	try {
		response = await fetch(withQuery(signed.url, signed.qs), { method: signed.method ?? 'GET', headers, body });
	} catch (error) {
		const cause = (error as { cause?: { code?: string; message?: string } }).cause;
		throw clientError(undefined, undefined, cause?.code ?? 'ECONNREFUSED', cause?.message ?? (error as Error).message);
	}
	const text = await response.text();
	let data: unknown = text;
	try {
		data = text ? JSON.parse(text) : undefined;
	} catch {
		data = text;
	}
	if (response.status >= 400) throw clientError(response.status, data);
	return { status: response.status, data };
}

export interface HookContextOptions {
	credentials: ICredentialDataDecryptedObject;
	parameters: IDataObject;
	webhookUrl?: string;
	staticData?: IDataObject;
}

export interface HookHarness {
	context: IHookFunctions & ILoadOptionsFunctions;
	staticData: IDataObject;
	warnings: string[];
}

export function createHookContext(options: HookContextOptions): HookHarness {
	const staticData = options.staticData ?? {};
	const warnings: string[] = [];
	const context = {
		getNode: () => TRIGGER_NODE,
		getCredentials: async () => options.credentials,
		getNodeParameter: (name: string, fallback?: unknown) => (name in options.parameters ? options.parameters[name] : fallback),
		getNodeWebhookUrl: () => options.webhookUrl ?? `http://127.0.0.1:5678/webhook/${TRIGGER_NODE.webhookId}/webhook`,
		getWorkflowStaticData: () => staticData,
		logger: { warn: (message: string) => warnings.push(message), info: () => undefined, debug: () => undefined, error: () => undefined },
		helpers: {
			async httpRequestWithAuthentication(_credentialType: string, requestOptions: IHttpRequestOptions) {
				try {
					return (await sendRealRequest(options.credentials, requestOptions)).data;
				} catch (error) {
					throw new NodeApiError(TRIGGER_NODE, error as JsonObject);
				}
			},
		},
	};
	return { context: context as unknown as IHookFunctions & ILoadOptionsFunctions, staticData, warnings };
}

export interface WebhookRequestOptions {
	webhookName?: 'default' | 'setup';
	method?: string;
	contentType?: string;
	rawBody?: Buffer;
	/** What n8n would have parsed; by default derived from the raw body the way n8n 2.40 does. */
	parsedBody?: unknown;
	credentials: ICredentialDataDecryptedObject;
	parameters: IDataObject;
	/** The node's static data (shared across calls when the same object is passed). */
	staticData?: IDataObject;
	/** Counts `getCredentials()` calls, when given. */
	credentialReads?: { count: number };
}

export interface CapturedResponse {
	status?: number;
	body?: unknown;
	ended: boolean;
}

/** n8n 2.40's own parsing: JSON.parse, or querystring with maxKeys 1000 (flat keys). */
function parseLikeN8n(rawBody: Buffer | undefined, contentType: string | undefined): unknown {
	if (!rawBody || rawBody.length === 0) return {};
	const type = (contentType ?? '').split(';')[0].trim();
	if (type === 'application/json') return JSON.parse(rawBody.toString('utf8'));
	if (type === 'application/x-www-form-urlencoded') return { ...parseQuery(rawBody.toString('utf8'), undefined, undefined, { maxKeys: 1000 }) };
	return {};
}

export function createWebhookContext(options: WebhookRequestOptions): { context: IWebhookFunctions; response: CapturedResponse } {
	const captured: CapturedResponse = { ended: false };
	const response = {
		status(code: number) {
			captured.status = code;
			return response;
		},
		json(body: unknown) {
			captured.body = body;
			captured.ended = true;
			return response;
		},
		end() {
			captured.ended = true;
			return response;
		},
	};
	const headers: Record<string, string> = {};
	if (options.contentType) headers['content-type'] = options.contentType;
	const parsedBody = 'parsedBody' in options ? options.parsedBody : parseLikeN8n(options.rawBody, options.contentType);
	const staticData = options.staticData ?? {};
	const context = {
		getNode: () => TRIGGER_NODE,
		getWebhookName: () => options.webhookName ?? 'default',
		getRequestObject: () => ({ method: options.method ?? 'POST', headers, rawBody: options.rawBody, body: parsedBody }),
		getResponseObject: () => response,
		getBodyData: () => parsedBody as IDataObject,
		getCredentials: async () => {
			if (options.credentialReads) options.credentialReads.count++;
			return options.credentials;
		},
		getWorkflowStaticData: () => staticData,
		getNodeParameter: (name: string, fallback?: unknown) => (name in options.parameters ? options.parameters[name] : fallback),
		helpers: {
			returnJsonArray: (data: IDataObject | IDataObject[]) => (Array.isArray(data) ? data : [data]).map((json) => ({ json })),
		},
	};
	return { context: context as unknown as IWebhookFunctions, response: captured };
}
