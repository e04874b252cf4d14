/**
 * The ThriveCart credential's test: with an API key, `GET /ping` proves it and names the account;
 * without one there is nothing to call (the secret word is only ever checked against deliveries), so
 * the test says so rather than "tested successfully" (n8n shows only that for an OK result).
 */
import type { ICredentialTestFunctions, ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';
import { ThriveCartApi } from '../../../credentials/ThriveCartApi.credentials';
import { apiBaseUrl } from '../transport/api';
import { explainFailure, failureFacts } from '../transport/errors';

export async function thriveCartApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const secretWord = typeof data.secretWord === 'string' ? data.secretWord.trim() : '';
	const apiKey = typeof data.apiKey === 'string' ? data.apiKey.trim() : '';
	if (!secretWord) {
		return { status: 'Error', message: 'Enter the secret word (ThriveCart > Settings > API & Webhooks > ThriveCart order validation)' };
	}
	if (!apiKey) {
		return {
			status: 'Error',
			message:
				'Nothing was checked: the secret word is saved, but only a delivery from ThriveCart can prove it (send a test order and look for a 401 in ThriveCart\'s webhook log). Add an API key to check the connection here; it is also what Event Subscription and the product list need.',
		};
	}
	const signed = await new ThriveCartApi().authenticate(data, { url: `${apiBaseUrl(data)}/ping`, method: 'GET' });
	try {
		// Credential tests only get the `request` helper; the headers come from the credential's own authenticate.
		// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
		const response = (await this.helpers.request({ method: 'GET', uri: signed.url, headers: signed.headers, json: true })) as
			| { account_name?: unknown }
			| undefined;
		const account = typeof response?.account_name === 'string' ? response.account_name : 'your account';
		return {
			status: 'OK',
			message: `Connected to ThriveCart account "${account}" with the API key. The secret word is only checked against deliveries.`,
		};
	} catch (error) {
		const { message, description } = explainFailure(failureFacts(error), 'the connection test', [apiKey, secretWord]);
		return { status: 'Error', message: `${message}. ${description}` };
	}
}
