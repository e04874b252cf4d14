/**
 * One request/answer exchange with the site, shared by the node and the credential test: picks
 * `/wp-json/` or `/?rest_route=` (remembered per site for sites with "Plain" permalinks), and turns
 * the raw answer into parsed JSON or a seller-readable failure. Never follows redirects: the callers'
 * HTTP clients are told not to, and a 3xx becomes a failure naming the address to use instead.
 */
import {
	describeNoRestApi,
	describeNonJson,
	describeRedirect,
	isPlainPermalinkMiss,
	isRedirect,
	parseBody,
	type TaFailure,
	type TaResponse,
} from './errors';
import { normaliseSiteUrl, routeUrl, type PermalinkMode, type Route } from './routes';

export interface RawAnswer {
	status: number;
	/** Lower-case header names. */
	headers: Record<string, string>;
	text: string;
}

export interface Exchanged {
	answer: RawAnswer;
	url: string;
	permalinks: PermalinkMode;
	/** Both /wp-json/ and ?rest_route= answered with a "no such page". */
	noRestApi?: boolean;
}

/** Sends one request to a full URL (no redirects followed). Throws only when the site could not be reached. */
export type Sender = (url: string) => Promise<RawAnswer>;

// Per site URL, in this process: sites answering only through ?rest_route=. Forgotten after a failure there,
// so a site whose permalinks are switched back is probed again.
const plainSites = new Map<string, true>();

export function permalinksOf(siteUrl: string): PermalinkMode {
	return plainSites.has(normaliseSiteUrl(siteUrl)) ? 'plain' : 'pretty';
}

/** For tests: forget what was learnt about every site. */
export function forgetPermalinks(): void {
	plainSites.clear();
}

function usable(answer: RawAnswer): boolean {
	return !isRedirect(answer.status) && parseBody(answer.text).ok;
}

export async function exchange(siteUrl: string, route: Route, send: Sender): Promise<Exchanged> {
	const site = normaliseSiteUrl(siteUrl);
	if (plainSites.has(site)) {
		const url = routeUrl(site, route, 'plain');
		let answer: RawAnswer | undefined;
		try {
			answer = await send(url);
		} finally {
			// Unreachable through ?rest_route=: probe both ways again next time.
			if (!answer) plainSites.delete(site);
		}
		if (usable(answer)) return { answer, url, permalinks: 'plain' };
		plainSites.delete(site);
		// Only a "no such page" is worth trying the other way; anything else is the site's real answer.
		if (!isPlainPermalinkMiss(answer.status, answer.text)) return { answer, url, permalinks: 'plain' };
	}
	const url = routeUrl(site, route, 'pretty');
	const answer = await send(url);
	if (!isPlainPermalinkMiss(answer.status, answer.text)) return { answer, url, permalinks: 'pretty' };
	// A WordPress 404 page for /wp-json/: the site has "Plain" permalinks, where only ?rest_route= reaches the
	// REST API. (A JSON rest_no_route 404 is a real "route missing" and never gets here.) The first request got
	// the HTML page without reaching WordPress's REST API, so sending it again is safe, POSTs included.
	const plainUrl = routeUrl(site, route, 'plain');
	const plain = await send(plainUrl);
	if (usable(plain)) {
		plainSites.set(site, true);
		return { answer: plain, url: plainUrl, permalinks: 'plain' };
	}
	if (isPlainPermalinkMiss(plain.status, plain.text)) {
		return { answer, url, permalinks: 'pretty', noRestApi: true };
	}
	return { answer: plain, url: plainUrl, permalinks: 'plain' };
}

/** The parsed answer (any HTTP status), or the failure to report: a redirect, or a body that is not JSON. */
export function interpret(siteUrl: string, route: Route, exchanged: Exchanged): { response: TaResponse } | { failure: TaFailure } {
	const { answer, url } = exchanged;
	if (isRedirect(answer.status)) {
		return { failure: describeRedirect(normaliseSiteUrl(siteUrl), url, route.path, answer.status, answer.headers.location) };
	}
	const parsed = parseBody(answer.text);
	if (!parsed.ok) {
		const describe = exchanged.noRestApi ? describeNoRestApi : describeNonJson;
		return { failure: describe(route, normaliseSiteUrl(siteUrl), answer.status, answer.text) };
	}
	const response: TaResponse = { status: answer.status, body: parsed.value, headers: answer.headers };
	if (parsed.notices) response.notices = parsed.notices;
	return { response };
}

/** Lower-cases header names and joins repeated values (both n8n's clients answer with plain objects). */
export function headerMap(headers: unknown): Record<string, string> {
	const result: Record<string, string> = {};
	if (!headers || typeof headers !== 'object') return result;
	for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
		if (value === undefined || value === null) continue;
		result[name.toLowerCase()] = Array.isArray(value) ? value.map(String).join(', ') : String(value);
	}
	return result;
}

export function bodyText(body: unknown): string {
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	if (body === undefined || body === null) return '';
	return JSON.stringify(body);
}
