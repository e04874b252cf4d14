/**
 * The one place that talks HTTP to the site: credential checks, the request itself (authenticated by
 * the credential's `authenticate`, redirects never followed), JSON parsing and error mapping with
 * secrets redacted.
 */
import {
	NodeApiError,
	NodeOperationError,
	type IExecuteFunctions,
	type IDataObject,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { CREDENTIAL_NAME, missingCredentialPart, readCredentials, secretsOf, type TaCredentials } from './credentials';
import { describeHttpFailure, describeNetworkFailure, type TaFailure, type TaResponse } from './errors';
import { bodyText, exchange, headerMap, interpret, type Sender } from './exchange';
import { redact } from './redact';
import type { Route, RouteAuth } from './routes';

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
 * Throws (NodeApiError) when the site could not be reached, redirected, or did not answer with JSON.
 * PHP notices printed around the JSON are removed and listed in `notices`.
 */
export async function taSend(this: TaContext, route: Route, options: CallOptions = {}): Promise<TaResponse> {
	const itemIndex = options.itemIndex ?? 0;
	const credentials = await loadCredentials.call(this, itemIndex);
	assertCredentialPart.call(this, credentials, route.auth, itemIndex);

	const send: Sender = async (url) => {
		const request: IHttpRequestOptions = {
			method: route.method,
			url,
			headers: { Accept: 'application/json' },
			encoding: 'text',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// Never follow: a followed 301/302 turns a POST into a GET and re-sends the TVA key or the
			// Basic header to wherever the site points.
			disableFollowRedirect: true,
			timeout: TIMEOUT_MS,
		};
		if (options.body !== undefined) {
			request.headers = { ...request.headers, 'Content-Type': 'application/json' };
			request.body = JSON.stringify(options.body);
		}
		let response: { statusCode: number; body: unknown; headers?: unknown };
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_NAME, request)) as typeof response;
		} catch (error) {
			throw toNodeApiError(this, describeNetworkFailure(credentials.siteUrl, error), credentials, itemIndex);
		}
		return { status: response.statusCode, headers: headerMap(response.headers), text: bodyText(response.body) };
	};

	const result = interpret(credentials.siteUrl, route, await exchange(credentials.siteUrl, route, send));
	if ('failure' in result) throw toNodeApiError(this, result.failure, credentials, itemIndex);
	const { response } = result;
	if (response.notices) response.notices = response.notices.map((notice) => redact(notice, secretsOf(credentials)));
	return response;
}

/**
 * What an output item may show about how the site answered (under a `diagnostics` key), or undefined
 * when there is nothing to say: PHP notices printed around the JSON.
 */
export function responseDiagnostics(...responses: Array<TaResponse | undefined>): IDataObject | undefined {
	const notices = responses.flatMap((response) => response?.notices ?? []);
	return notices.length ? { phpNotices: [...new Set(notices)] } : undefined;
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
