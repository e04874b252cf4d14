/**
 * The credential test: says what each filled-in part proved. The API key: ThriveCart's getCourses
 * answers, with how many products it offers (it lists every product, so it cannot prove a course is
 * published). The application password: who it logs in as (users/me with context=edit, since WordPress
 * treats a wrong password as anonymous), how many courses are published, and a warning when that user
 * cannot list or create WordPress users. Redirects and "Plain" permalinks are detected on the way.
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
import { describeHttpFailure, describeNetworkFailure, type TaResponse } from '../transport/errors';
import { bodyText, exchange, headerMap, interpret, type Sender } from '../transport/exchange';
import { redact } from '../transport/redact';
import { routes, type Route } from '../transport/routes';

const PUBLISH_A_COURSE =
	'Publish a course in Thrive Apprentice (and put it in a product): ThriveCart refuses to save its Thrive Apprentice integration until there is one.';

class TestFailure extends Error {}

interface Tester {
	context: ICredentialTestFunctions;
	credential: ICredentialsDecrypted;
	credentials: TaCredentials;
	/** Set when the site answered only through ?rest_route= ("Plain" permalinks). */
	plainPermalinks: boolean;
}

/** The answer whatever its HTTP status; throws for a site that cannot be reached, redirects or answers HTML. */
async function send(tester: Tester, route: Route): Promise<TaResponse> {
	const { context, credential, credentials } = tester;
	const sender: Sender = async (url) => {
		const options = await new ThriveApprenticeApi().authenticate(credential.data ?? {}, {
			method: route.method,
			url,
			headers: { Accept: 'application/json' },
		} as IHttpRequestOptions);
		let response: { statusCode: number; body: unknown; headers?: unknown } | undefined;
		let networkError: unknown;
		try {
			response = await context.helpers.request({
				method: options.method,
				uri: options.url,
				headers: options.headers,
				json: false,
				resolveWithFullResponse: true,
				simple: false,
				// A followed redirect would send the key or the password to another address.
				followRedirect: false,
				followAllRedirects: false,
				timeout: 20_000,
			});
		} catch (error) {
			networkError = error;
		}
		if (!response) throw new TestFailure(describeNetworkFailure(credentials.siteUrl, networkError).message);
		return { status: response.statusCode, headers: headerMap(response.headers), text: bodyText(response.body) };
	};
	const exchanged = await exchange(credentials.siteUrl, route, sender);
	const result = interpret(credentials.siteUrl, route, exchanged);
	if ('failure' in result) throw new TestFailure(result.failure.message);
	if (exchanged.permalinks === 'plain') tester.plainPermalinks = true;
	return result.response;
}

async function sendOk(tester: Tester, route: Route): Promise<TaResponse> {
	const response = await send(tester, route);
	if (response.status < 200 || response.status >= 300) {
		const failure = describeHttpFailure(route, tester.credentials.siteUrl, response);
		throw new TestFailure(`${failure.message}. ${failure.description}`);
	}
	return response;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

async function testApiKey(tester: Tester, alsoPassword: boolean): Promise<string> {
	const { body } = await sendOk(tester, routes.getCourses());
	if (!Array.isArray(body)) throw new TestFailure('The API key route answered, but not with a list of products: is this a Thrive Apprentice site?');
	if (body.length === 0) {
		throw new TestFailure(
			`The API key is accepted, but Thrive Apprentice has no product to offer ThriveCart. Create a product in Thrive Apprentice > Products and put a course in it. ${PUBLISH_A_COURSE}`,
		);
	}
	// getCourses lists every product, published course or not: say so instead of implying more.
	const caveat = alsoPassword
		? 'the API key cannot tell published courses from drafts'
		: 'the API key cannot tell published courses from drafts: add the application password to check, or look in Thrive Apprentice > Courses';
	const keyOnly = alsoPassword
		? ''
		: ". With the API key alone the node cannot read a member's access back: revoking access granted again for the same order (a resumed subscription, a paid rebill, an upsell in a later delivery) and repairing after a re-import need the application password (see the package README)";
	return `API key accepted: ${plural(body.length, 'product')} offered to ThriveCart (${caveat})${keyOnly}`;
}

interface WpMe {
	username?: string;
	name?: string;
	roles?: unknown;
	capabilities?: unknown;
}

/** Whether the user may list and create WordPress users, from its capabilities or, without them, a one-row probe. */
async function canManageUsers(tester: Tester, me: WpMe): Promise<boolean> {
	if (me.capabilities && typeof me.capabilities === 'object') {
		const caps = me.capabilities as Record<string, unknown>;
		return caps.list_users === true && caps.create_users === true;
	}
	const probe = await send(tester, routes.listUsersProbe());
	return probe.status >= 200 && probe.status < 300;
}

async function testApplicationPassword(tester: Tester): Promise<{ result: string; warning?: string }> {
	// A wrong application password counts as "not logged in": users/me with context=edit turns that into a 401.
	const me = ((await sendOk(tester, routes.me())).body ?? {}) as WpMe;
	const who = me.username || me.name || 'the WordPress user';
	const role = Array.isArray(me.roles) && typeof me.roles[0] === 'string' ? me.roles[0] : undefined;
	const { body } = await sendOk(tester, routes.courses({ status: 'publish', limit: 1, offset: 0 }));
	const page = body as { items?: unknown[]; total?: unknown } | undefined;
	const total = Number(page?.total);
	const published = Number.isFinite(total) && total > 0 ? total : Array.isArray(page?.items) ? page.items.length : 0;
	if (published === 0) {
		throw new TestFailure(`The site answers, but Thrive Apprentice has no published course. ${PUBLISH_A_COURSE}`);
	}
	const result = `application password accepted for ${who}${role ? ` (${role})` : ''}: ${plural(published, 'published course')}`;
	if (await canManageUsers(tester, me)) return { result };
	return {
		result,
		warning: `Warning: ${who} cannot list or create WordPress users, so user operations and granting or revoking with the application password will fail (403). Use an administrator's application password.`,
	};
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
	const tester: Tester = { context: this, credential, credentials, plainPermalinks: false };
	try {
		const results: string[] = [];
		const warnings: string[] = [];
		if (useKey) results.push(await testApiKey(tester, usePassword));
		if (usePassword) {
			const { result, warning } = await testApplicationPassword(tester);
			results.push(result);
			if (warning) warnings.push(warning);
		}
		if (tester.plainPermalinks) {
			results.push('the site uses "Plain" permalinks, so the node reaches its REST API through ?rest_route= (no change needed)');
		}
		const message = `Connection successful: ${results.join('; ')}.${warnings.length ? ` ${warnings.join(' ')}` : ''}`;
		return { status: 'OK', message: redact(message, secrets) };
	} catch (failure) {
		return error(failure instanceof TestFailure ? failure.message : `The credential test failed: ${(failure as Error).message}`);
	}
}
