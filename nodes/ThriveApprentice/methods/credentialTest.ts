/**
 * The credential test: proves the site answers to each part that is filled in and, where it can, that a
 * course is published (ThriveCart refuses to save its Thrive Apprentice integration without one).
 * Credential tests only get the legacy `request` helper, so the credential's own `authenticate` is
 * applied here to send exactly what the node sends.
 */
import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IHttpRequestOptions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { ThriveApprenticeApi } from '../../../credentials/ThriveApprenticeApi.credentials';
import { hasApiKey, hasApplicationPassword, missingCredentialPart, readCredentials, secretsOf, type TaCredentials } from '../transport/credentials';
import { describeHttpFailure, describeNetworkFailure, describeNonJson, parseJson, type TaResponse } from '../transport/errors';
import { redact } from '../transport/redact';
import { routes, routeUrl, type Route } from '../transport/routes';

const NO_PUBLISHED_COURSE =
	'The site answers, but Thrive Apprentice has no published course. Publish a course in Thrive Apprentice (and put it in a product): ThriveCart refuses to save its Thrive Apprentice integration until there is one.';

class TestFailure extends Error {}

async function send(
	context: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
	credentials: TaCredentials,
	route: Route,
): Promise<TaResponse> {
	const options = await new ThriveApprenticeApi().authenticate(credential.data ?? {}, {
		method: route.method,
		url: routeUrl(credentials.siteUrl, route),
		headers: { Accept: 'application/json' },
	} as IHttpRequestOptions);
	let response: { statusCode: number; body: unknown } | undefined;
	let networkError: unknown;
	try {
		response = await context.helpers.request({
			method: options.method,
			uri: options.url,
			headers: options.headers,
			json: false,
			resolveWithFullResponse: true,
			simple: false,
			timeout: 20_000,
		});
	} catch (error) {
		networkError = error;
	}
	if (!response) throw new TestFailure(describeNetworkFailure(credentials.siteUrl, networkError).message);
	const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? '');
	const parsed = parseJson(text);
	if (!parsed.ok) throw new TestFailure(describeNonJson(route, credentials.siteUrl, response.statusCode, text).message);
	const result = { status: response.statusCode, body: parsed.value };
	if (result.status < 200 || result.status >= 300) {
		const failure = describeHttpFailure(route, credentials.siteUrl, result);
		throw new TestFailure(`${failure.message}. ${failure.description}`);
	}
	return result;
}

async function testApiKey(context: ICredentialTestFunctions, credential: ICredentialsDecrypted, credentials: TaCredentials): Promise<string> {
	const { body } = await send(context, credential, credentials, routes.getCourses());
	if (!Array.isArray(body)) throw new TestFailure('The API key route answered, but not with a list of products: is this a Thrive Apprentice site?');
	if (body.length === 0) throw new TestFailure(NO_PUBLISHED_COURSE);
	return `API key accepted (${body.length} product${body.length === 1 ? '' : 's'} offered to ThriveCart)`;
}

async function testApplicationPassword(context: ICredentialTestFunctions, credential: ICredentialsDecrypted, credentials: TaCredentials): Promise<string> {
	// A wrong application password counts as "not logged in": users/me with context=edit turns that into a 401.
	const me = (await send(context, credential, credentials, routes.me())).body as { name?: string; username?: string } | undefined;
	const { body } = await send(context, credential, credentials, routes.courses({ status: 'publish', limit: 1, offset: 0 }));
	const page = body as { items?: unknown[]; total?: unknown } | undefined;
	const total = Number(page?.total);
	if ((Array.isArray(page?.items) ? page.items.length : 0) === 0 && !(total > 0)) throw new TestFailure(NO_PUBLISHED_COURSE);
	return `application password accepted for ${me?.username ?? me?.name ?? 'the WordPress user'}`;
}

export async function thriveApprenticeApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const credentials = readCredentials(credential.data);
	const secrets = secretsOf(credentials);
	const error = (message: string): INodeCredentialTestResult => ({ status: 'Error', message: redact(message, secrets) });

	const useKey = hasApiKey(credentials);
	const usePassword = hasApplicationPassword(credentials);
	if (!useKey && !usePassword) {
		return error(
			'Fill in the API key (Thrive Apprentice > Settings > API keys), or the WordPress Username and Application Password, or both.',
		);
	}
	const siteProblem = missingCredentialPart(credentials, useKey ? 'apiKey' : 'applicationPassword');
	if (siteProblem) return error(siteProblem);
	if (!usePassword && (credentials.username || credentials.applicationPassword)) {
		return error(missingCredentialPart(credentials, 'applicationPassword') as string);
	}
	try {
		const results: string[] = [];
		if (useKey) results.push(await testApiKey(this, credential, credentials));
		if (usePassword) results.push(await testApplicationPassword(this, credential, credentials));
		return { status: 'OK', message: redact(`Connection successful: ${results.join('; ')}`, secrets) };
	} catch (failure) {
		return error(failure instanceof TestFailure ? failure.message : `The credential test failed: ${(failure as Error).message}`);
	}
}
