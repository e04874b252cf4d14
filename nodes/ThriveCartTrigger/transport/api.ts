/** The one place the trigger talks to ThriveCart's REST API (subscriptions, product list). */
import {
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
} from 'n8n-workflow';
import { thriveCartApiError } from './errors';

export const CREDENTIAL_NAME = 'thriveCartApi';
export const DEFAULT_BASE_URL = 'https://thrivecart.com/api/external';

export type ThriveCartApiContext = IHookFunctions | ILoadOptionsFunctions;

export function apiBaseUrl(credentials: IDataObject): string {
	const configured = typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
	return (configured || DEFAULT_BASE_URL).replace(/\/+$/, '');
}

export async function thriveCartApiRequest(
	this: ThriveCartApiContext,
	method: IHttpRequestMethods,
	path: string,
	action: string,
	body?: IDataObject,
	qs?: IDataObject,
): Promise<unknown> {
	const credentials = await this.getCredentials(CREDENTIAL_NAME);
	const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey.trim() : '';
	if (!apiKey) {
		throw new NodeOperationError(this.getNode(), `An API key is needed for ${action}`, {
			description:
				'Add the API key to the ThriveCart credential (ThriveCart > Settings > API & webhooks > API tokens), or use the Account Webhook delivery style, which needs only the secret word.',
		});
	}
	const options: IHttpRequestOptions = {
		method,
		url: `${apiBaseUrl(credentials)}${path}`,
		json: true,
		headers: { Accept: 'application/json' },
	};
	if (body) options.body = body;
	if (qs) options.qs = qs;
	try {
		return await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_NAME, options);
	} catch (error) {
		throw thriveCartApiError(this.getNode(), error, action, [apiKey]);
	}
}
