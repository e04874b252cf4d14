/**
 * The ThriveCart node's calls to ThriveCart's REST API: the trigger's base URL, credential and error
 * wording (imported, one source), plus what a node that lists in bulk needs: the 60-a-minute window and
 * bounded retries after a 429.
 */
import { createHash } from 'crypto';
import {
	NodeOperationError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
} from 'n8n-workflow';
import { apiBaseUrl, CREDENTIAL_NAME } from '../../ThriveCartTrigger/transport/api';
import { thriveCartApiError } from '../../ThriveCartTrigger/transport/errors';
import { backoffMs, MAX_RATE_LIMIT_RETRIES, retryAfterMs, windowFor } from './rateLimit';

interface FullResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

export interface RequestStats {
	calls: number;
	rateLimited: number;
	waitedMs: number;
}

export function newStats(): RequestStats {
	return { calls: 0, rateLimited: 0, waitedMs: 0 };
}

export async function thriveCartRequest(
	this: IExecuteFunctions,
	method: IHttpRequestMethods,
	path: string,
	action: string,
	itemIndex: number,
	{ body, qs, stats = newStats() }: { body?: IDataObject; qs?: IDataObject; stats?: RequestStats } = {},
): Promise<unknown> {
	const credentials = await this.getCredentials(CREDENTIAL_NAME, itemIndex);
	const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey.trim() : '';
	if (!apiKey) {
		throw new NodeOperationError(this.getNode(), `An API key is needed for ${action}`, {
			itemIndex,
			description: 'Add the API key to the ThriveCart credential (ThriveCart > Settings > API & webhooks > API tokens).',
		});
	}
	const window = windowFor(createHash('sha256').update(apiKey).digest('hex'));
	const options: IHttpRequestOptions = {
		method,
		url: `${apiBaseUrl(credentials)}${path}`,
		json: true,
		headers: { Accept: 'application/json' },
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	if (body) options.body = body;
	if (qs) options.qs = qs;

	for (let attempt = 1; ; attempt++) {
		const wait = window.reserve(Date.now());
		if (wait > 0) {
			stats.waitedMs += wait;
			await sleep(wait);
		}
		let response: FullResponse;
		try {
			stats.calls++;
			response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_NAME, options)) as FullResponse;
		} catch (error) {
			throw thriveCartApiError(this.getNode(), error, action, [apiKey]);
		}
		if (response.statusCode >= 200 && response.statusCode < 300) return response.body;
		if (response.statusCode === 429 && attempt <= MAX_RATE_LIMIT_RETRIES) {
			stats.rateLimited++;
			const pause = backoffMs(attempt, retryAfterMs(response.headers?.['retry-after'], Date.now()));
			stats.waitedMs += pause;
			await sleep(pause);
			continue;
		}
		// Shaped like the HTTP client error that failureFacts() reads: status and ThriveCart's body.
		throw thriveCartApiError(this.getNode(), { statusCode: response.statusCode, error: response.body }, action, [apiKey]);
	}
}
