/**
 * The one place that talks HTTP to the site: credential checks, the request itself (authenticated by
 * the credential's `authenticate`), JSON parsing and error mapping with secrets redacted.
 */
import {
	NodeApiError,
	NodeOperationError,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { CREDENTIAL_NAME, missingCredentialPart, readCredentials, secretsOf, type TaCredentials } from './credentials';
import { describeHttpFailure, describeNetworkFailure, describeNonJson, parseJson, type TaFailure, type TaResponse } from './errors';
import { redact } from './redact';
import { routeUrl, type Route, type RouteAuth } from './routes';

export type TaContext = IExecuteFunctions | ILoadOptionsFunctions;

const TIMEOUT_MS = 30_000;

export interface CallOptions {
	body?: unknown;
	itemIndex?: number;
}

export async function loadCredentials(this: TaContext, itemIndex = 0): Promise<TaCredentials> {
	const data = await (this as IExecuteFunctions).getCredentials(CREDENTIAL_NAME, itemIndex);
	return readCredentials(data);
}

/** Fails with a clear message when the credential lacks the part routes of this kind need. */
export function assertCredentialPart(this: TaContext, credentials: TaCredentials, auth: RouteAuth, itemIndex = 0): void {
	const missing = missingCredentialPart(credentials, auth);
	if (missing) throw new NodeOperationError(this.getNode(), missing, { itemIndex });
}

function toNodeApiError(context: TaContext, failure: TaFailure, credentials: TaCredentials, itemIndex: number, taMessage?: string): NodeApiError {
	const secrets = secretsOf(credentials);
	const message = redact(failure.message, secrets);
	const description = redact(failure.description, secrets);
	const cause: JsonObject = { message };
	if (failure.code) cause.code = failure.code;
	if (taMessage) cause.taMessage = redact(taMessage, secrets);
	if (failure.httpCode) cause.httpCode = failure.httpCode;
	if (failure.networkCode) cause.networkCode = failure.networkCode;
	return new NodeApiError(context.getNode(), cause, { message, description, httpCode: failure.httpCode, itemIndex });
}

/**
 * Sends one request and returns the HTTP status with the parsed JSON body, whatever the status.
 * Throws (NodeApiError) only when the site could not be reached or did not answer with JSON.
 */
export async function taSend(this: TaContext, route: Route, options: CallOptions = {}): Promise<TaResponse> {
	const itemIndex = options.itemIndex ?? 0;
	const credentials = await loadCredentials.call(this, itemIndex);
	assertCredentialPart.call(this, credentials, route.auth, itemIndex);

	const request: IHttpRequestOptions = {
		method: route.method,
		url: routeUrl(credentials.siteUrl, route),
		headers: { Accept: 'application/json' },
		encoding: 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: TIMEOUT_MS,
	};
	if (options.body !== undefined) {
		request.headers = { ...request.headers, 'Content-Type': 'application/json' };
		request.body = JSON.stringify(options.body);
	}

	let response: { statusCode: number; body: unknown };
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_NAME, request)) as {
			statusCode: number;
			body: unknown;
		};
	} catch (error) {
		throw toNodeApiError(this, describeNetworkFailure(credentials.siteUrl, error), credentials, itemIndex);
	}

	const text = typeof response.body === 'string' ? response.body : Buffer.isBuffer(response.body) ? response.body.toString('utf8') : response.body === undefined || response.body === null ? '' : JSON.stringify(response.body);
	const parsed = parseJson(text);
	if (!parsed.ok) {
		throw toNodeApiError(this, describeNonJson(route, credentials.siteUrl, response.statusCode, text), credentials, itemIndex);
	}
	return { status: response.statusCode, body: parsed.value };
}

/** Throws the seller-readable error for a failed response, optionally with a message of the caller's own. */
export async function taFail(
	this: TaContext,
	route: Route,
	response: TaResponse,
	itemIndex = 0,
	override?: { message: string; description?: string },
): Promise<never> {
	const credentials = await loadCredentials.call(this, itemIndex);
	const failure = describeHttpFailure(route, credentials.siteUrl, response);
	const taMessage = (response.body as { message?: unknown } | undefined)?.message;
	if (override) {
		failure.message = override.message;
		if (override.description) failure.description = override.description;
	}
	throw toNodeApiError(this, failure, credentials, itemIndex, typeof taMessage === 'string' ? taMessage : undefined);
}

export function isSuccess(response: TaResponse): boolean {
	return response.status >= 200 && response.status < 300;
}

/** Sends one request and returns the parsed body of a 2xx answer; anything else throws. */
export async function taRequest<T = unknown>(this: TaContext, route: Route, options: CallOptions = {}): Promise<T> {
	const response = await taSend.call(this, route, options);
	if (!isSuccess(response)) await taFail.call(this, route, response, options.itemIndex ?? 0);
	return response.body as T;
}
