import type { IHttpRequestOptions } from 'n8n-workflow';

import { ThriveApprenticeApi } from '../../../credentials/ThriveApprenticeApi.credentials';
import { missingCredentialPart, readCredentials, secretsOf } from '../../../nodes/ThriveApprentice/transport/credentials';
import {
	describeHttpFailure,
	describeNetworkFailure,
	describeNonJson,
	networkCode,
	parseJson,
} from '../../../nodes/ThriveApprentice/transport/errors';
import { redact, redactDeep, REDACTED } from '../../../nodes/ThriveApprentice/transport/redact';
import { API_KEY_ROUTE_NAMES, authForUrl, normaliseSiteUrl, routes, routeUrl } from '../../../nodes/ThriveApprentice/transport/routes';

const KEY = 'ABCDEF-123456-GHIJKL-789012-MNOPQR';
const APP_PASSWORD = 'abcd EFGH ijkl MNOP qrst UVWX';
const SITE = 'https://academy.example.test';
const credentials = readCredentials({ siteUrl: `${SITE}/`, apiKey: KEY, username: 'admin', applicationPassword: APP_PASSWORD });

describe('route table', () => {
	test('exactly the three ThriveCart routes use the API key', () => {
		const byAuth = Object.entries(routes).map(([name, build]) => [name, (build as (...args: unknown[]) => { auth: string })(1, 2).auth]);
		expect(byAuth.filter(([, auth]) => auth === 'apiKey').map(([name]) => name)).toEqual([...API_KEY_ROUTE_NAMES]);
		expect(byAuth.filter(([, auth]) => auth !== 'apiKey' && auth !== 'applicationPassword')).toEqual([]);
	});

	test('paths, methods and encoded queries', () => {
		expect(routes.newOrder()).toEqual({ method: 'POST', path: 'tva/v1/newOrder', auth: 'apiKey' });
		expect(routes.searchUsers('henry+vip@example.test').path).toBe('wp/v2/users?search=henry%2Bvip%40example.test&context=edit&per_page=100');
		expect(routes.courses({ status: 'publish', limit: 100, offset: 200 }).path).toBe('tva/v2/courses?filter%5Bstatus%5D=publish&limit=100&offset=200');
		expect(routes.courses({ limit: 10, offset: 0 }).path).toBe('tva/v2/courses?limit=10&offset=0');
		expect(routes.disableItem(5, 77)).toEqual({ method: 'DELETE', path: 'tva/v1/customer/5/disable-item/77', auth: 'applicationPassword' });
		expect(routes.me().path).toBe('wp/v2/users/me?context=edit');
	});

	test('site URLs are normalised', () => {
		expect(normaliseSiteUrl(' https://x.test/blog/ ')).toBe('https://x.test/blog');
		expect(normaliseSiteUrl('https://x.test/wp-json/')).toBe('https://x.test');
		expect(routeUrl('https://x.test/blog/', routes.getCourses())).toBe('https://x.test/blog/wp-json/tva/v1/getCourses');
	});

	test.each([
		['https://x.test/wp-json/tva/v1/newOrder', 'apiKey'],
		['https://x.test/blog/wp-json/tva/v1/refundorder/', 'apiKey'],
		['https://x.test/wp-json/tva/v1/getCourses?x=1', 'apiKey'],
		['https://x.test/?rest_route=/tva/v1/newOrder', 'apiKey'],
		['https://x.test/wp-json/tva/v1/customer/1/products', 'applicationPassword'],
		['https://x.test/wp-json/wp/v2/users?search=newOrder', 'applicationPassword'],
		['https://x.test/wp-json/tva/v1/newOrderX', 'applicationPassword'],
	])('authForUrl(%p) = %p', (url, auth) => expect(authForUrl(url)).toBe(auth));
});

describe('the credential authenticate function', () => {
	const type = new ThriveApprenticeApi();
	const data = { siteUrl: SITE, apiKey: KEY, username: 'admin', applicationPassword: APP_PASSWORD };
	const authenticate = type.authenticate as (c: typeof data, o: IHttpRequestOptions) => Promise<IHttpRequestOptions>;

	test('ThriveCart routes: TVA header and NO Authorization header, even if one was set', async () => {
		const options = await authenticate(data, { url: `${SITE}/wp-json/tva/v1/newOrder`, headers: { Authorization: 'Basic leftover', Accept: 'application/json' } });
		expect(options.headers).toEqual({ Accept: 'application/json', TVA: KEY });
	});

	test('admin routes: Basic application password and no TVA header', async () => {
		const options = await authenticate(data, { url: `${SITE}/wp-json/wp/v2/users/me?context=edit`, headers: { tva: 'leftover' } });
		expect(options.headers).toEqual({ Authorization: `Basic ${Buffer.from(`admin:${APP_PASSWORD}`).toString('base64')}` });
	});

	test('a missing part sends nothing rather than the other secret', async () => {
		const keyOnly = await authenticate({ ...data, username: '', applicationPassword: '' }, { url: `${SITE}/wp-json/tva/v1/products` });
		expect(keyOnly.headers).toEqual({});
		const passwordOnly = await authenticate({ ...data, apiKey: '' }, { url: `${SITE}/wp-json/tva/v1/getCourses` });
		expect(passwordOnly.headers).toEqual({});
	});
});

describe('missing credential parts', () => {
	test('names the missing field', () => {
		expect(missingCredentialPart({ ...credentials, apiKey: '' }, 'apiKey')).toMatch(/^This operation needs the Thrive Apprentice API key: add it to the credential/);
		expect(missingCredentialPart({ ...credentials, applicationPassword: '' }, 'applicationPassword')).toMatch(/add the Application Password to the Thrive Apprentice credential/);
		expect(missingCredentialPart({ ...credentials, username: '', applicationPassword: '' }, 'applicationPassword')).toMatch(/WordPress Username and Application Password/);
		expect(missingCredentialPart({ ...credentials, siteUrl: '' }, 'apiKey')).toMatch(/no Site URL/);
		expect(missingCredentialPart({ ...credentials, siteUrl: 'academy.example.test' }, 'apiKey')).toMatch(/must start with https:\/\//);
		expect(missingCredentialPart(credentials, 'apiKey')).toBeUndefined();
		expect(missingCredentialPart(credentials, 'applicationPassword')).toBeUndefined();
	});
});

describe('error mapping', () => {
	const key = routes.newOrder();
	const admin = routes.addAccess(5);

	test('API key 403 and 401', () => {
		const rejected = describeHttpFailure(key, SITE, { status: 403, body: { code: 'not_authorized', message: 'Authorization failed due to insufficient permissions.' } });
		expect(rejected).toMatchObject({ message: 'Thrive Apprentice rejected the API key (403 not_authorized)', code: 'not_authorized', httpCode: '403' });
		expect(rejected.description).toMatch(/Settings > API keys/);
		expect(describeHttpFailure(key, SITE, { status: 401, body: { code: 'authentication_failure' } }).message).toBe('Thrive Apprentice received no API key (401 authentication_failure)');
	});

	test('application password 401 and 403', () => {
		expect(describeHttpFailure(admin, SITE, { status: 401, body: { code: 'rest_forbidden' } }).message).toBe('WordPress did not accept the application password (401 rest_forbidden)');
		const forbidden = describeHttpFailure(routes.createUser(), SITE, { status: 403, body: { code: 'rest_cannot_create_user', message: 'Sorry' } });
		expect(forbidden.message).toBe('The WordPress user in the credential is not allowed to do this (403 rest_cannot_create_user)');
		expect(forbidden.description).toMatch(/administrator/);
	});

	test('404, 405, 400 with TA detail codes, 500 existing user', () => {
		expect(describeHttpFailure(admin, SITE, { status: 404, body: { code: 'rest_no_route' } }).message).toMatch(/has no route POST \/wp-json\/tva\/v1\/customer\/5\/add-access/);
		expect(describeHttpFailure(admin, SITE, { status: 405, body: { message: 'The member already exists' } }).message).toBe(
			'Thrive Apprentice refused the request (405): The member already exists',
		);
		const invalid = describeHttpFailure(key, SITE, {
			status: 400,
			body: { code: 'rest_invalid_param', message: 'Invalid parameter(s): order', data: { status: 400, details: { order: { code: 'invalid_order_charges', message: 'Charges missing' } } } },
		});
		expect(invalid.description).toMatch(/order: invalid_order_charges: Charges missing/);
		expect(describeHttpFailure(routes.createUser(), SITE, { status: 500, body: { code: 'existing_user_email', data: null } }).message).toMatch(/already exists \(500 existing_user_email\)/);
		expect(describeHttpFailure(routes.createUser(), SITE, { status: 500, body: { code: 'existing_user_login', data: null } }).description).toMatch(/henryvip/);
	});

	test('non-JSON answers: HTML pages are named as blocking', () => {
		const html = describeNonJson(key, SITE, 403, '<!DOCTYPE html><html><head><title>403 Forbidden</title></head></html>');
		expect(html.message).toBe('The site answered with an HTML page instead of JSON — a security plugin, firewall or maintenance mode is probably blocking the REST API');
		expect(html.description).toMatch(/HTTP 403 with an HTML page titled "403 Forbidden"/);
		expect(describeNonJson(key, SITE, 200, 'OK?').message).toMatch(/something that is not JSON/);
	});

	test('network failures name the site and the cause, found anywhere in the cause chain', () => {
		const wrapped = { message: 'wrapped', cause: { message: 'x', cause: { code: 'ECONNREFUSED' } } };
		expect(networkCode(wrapped)).toBe('ECONNREFUSED');
		expect(describeNetworkFailure(SITE, wrapped)).toEqual({
			message: `Could not reach ${SITE}: nothing is listening at that address (connection refused)`,
			description: expect.stringMatching(/^\(ECONNREFUSED\) Check the Site URL/),
			networkCode: 'ECONNREFUSED',
		});
		expect(describeNetworkFailure(SITE, new Error('getaddrinfo ENOTFOUND academy.example.test'))).toMatchObject({ message: expect.stringMatching(/does not resolve$/), networkCode: 'ENOTFOUND' });
		expect(describeNetworkFailure(SITE, { message: 'timeout of 30000ms exceeded' }).message).toMatch(/timed out/);
		expect(describeNetworkFailure(SITE, new Error('boom')).message).toBe(`Could not reach ${SITE}: the request failed before the site answered`);
	});

	test('parseJson', () => {
		expect(parseJson('')).toEqual({ ok: true, value: undefined });
		expect(parseJson('123')).toEqual({ ok: true, value: 123 });
		expect(parseJson('<br />{"a":1}')).toEqual({ ok: false });
	});
});

describe('secret redaction', () => {
	const secrets = secretsOf(credentials);

	test('knows every form of the secrets', () => {
		expect(secrets).toEqual(
			expect.arrayContaining([KEY, APP_PASSWORD, APP_PASSWORD.replace(/\s/g, ''), Buffer.from(`admin:${APP_PASSWORD}`).toString('base64')]),
		);
	});

	test('removes secrets and auth headers from text', () => {
		const text = `key ${KEY} pw ${APP_PASSWORD} compact ${APP_PASSWORD.replace(/\s/g, '')} header TVA: OTHER-KEY-123 and Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==`;
		const clean = redact(text, secrets);
		for (const secret of [...secrets, 'OTHER-KEY-123', 'QWxhZGRpbjpvcGVuIHNlc2FtZQ==']) expect(clean).not.toContain(secret);
		expect(clean).toContain(REDACTED);
	});

	test('leaves ordinary words alone', () => {
		const text = 'Course "Basic Photography" (TVA: Intro) is a draft';
		expect(redact(text, secrets)).toBe(text);
	});

	test('redacts deep inside output data and leaves other values alone', () => {
		expect(redactDeep({ a: [`x ${KEY}`], b: { c: APP_PASSWORD }, n: 3, ok: 'fine' }, secrets)).toEqual({ a: [`x ${REDACTED}`], b: { c: REDACTED }, n: 3, ok: 'fine' });
	});
});
