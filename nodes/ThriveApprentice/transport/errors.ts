/**
 * Pure mapping from what the site answered to a message a seller understands. The transport turns the
 * result into a NodeApiError; nothing here sees a secret (callers redact the texts they pass in).
 */
import type { Route } from './routes';

export interface TaResponse {
	status: number;
	/** Parsed JSON, or undefined when the body was empty. */
	body: unknown;
	/** Response headers, names in lower case. */
	headers?: Record<string, string>;
	/** PHP notices the site printed around the JSON (the JSON was recovered; secrets redacted). */
	notices?: string[];
}

export interface TaFailure {
	message: string;
	description: string;
	/** TA's or WordPress's error code (`not_authorized`, `existing_user_email`, …) when there is one. */
	code?: string;
	/** HTTP status as text. */
	httpCode?: string;
	/** `ECONNREFUSED`, `ENOTFOUND`, … when the site could not be reached. */
	networkCode?: string;
}

interface WpErrorBody {
	code?: unknown;
	message?: unknown;
	data?: { status?: unknown; details?: Record<string, { code?: unknown; message?: unknown }> } | null;
}

/** TA's error code, with the specific code of a `rest_invalid_param` when WordPress nested one. */
export function errorCode(body: unknown): string | undefined {
	if (!body || typeof body !== 'object') return undefined;
	const code = (body as WpErrorBody).code;
	return typeof code === 'string' && code ? code : undefined;
}

export function errorMessage(body: unknown): string | undefined {
	if (!body || typeof body !== 'object') return undefined;
	const message = (body as WpErrorBody).message;
	return typeof message === 'string' && message ? message : undefined;
}

function detailCodes(body: unknown): string[] {
	const details = (body as WpErrorBody | undefined)?.data?.details;
	if (!details || typeof details !== 'object') return [];
	return Object.entries(details).map(([param, detail]) =>
		[param, typeof detail?.code === 'string' ? detail.code : undefined, typeof detail?.message === 'string' ? detail.message : undefined]
			.filter(Boolean)
			.join(': '),
	);
}

function label(status: number, code: string | undefined): string {
	return code ? `${status} ${code}` : String(status);
}

export function describeHttpFailure(route: Route, siteUrl: string, response: TaResponse): TaFailure {
	const { status, body } = response;
	const code = errorCode(body);
	const taMessage = errorMessage(body);
	const said = taMessage ? `Thrive Apprentice said: "${taMessage}"` : 'The site gave no further detail.';
	const where = `${route.method} /wp-json/${route.path.split('?')[0]}`;
	const failure = (message: string, description: string): TaFailure => ({
		message,
		description: `${description} (${where} on ${siteUrl})`,
		code,
		httpCode: String(status),
	});

	if (status === 401 || status === 403) {
		if (route.auth === 'apiKey') {
			if (status === 401) {
				return failure(
					`Thrive Apprentice received no API key (${label(status, code)})`,
					'The request reached the site without the API key. Check the API key in the credential; if it is filled in, a proxy, firewall or security plugin is probably removing the TVA header.',
				);
			}
			return failure(
				`Thrive Apprentice rejected the API key (${label(status, code)})`,
				'Check that the API key in the credential matches an enabled key under Thrive Apprentice > Settings > API keys (the key ThriveCart uses).',
			);
		}
		if (status === 401) {
			return failure(
				`WordPress did not accept the application password (${label(status, code)})`,
				'WordPress treats a wrong application password as "not logged in". Check the WordPress Username and Application Password in the credential (Users > Profile > Application Passwords). Application passwords only work over HTTPS unless the site is a local environment.',
			);
		}
		return failure(
			`The WordPress user in the credential is not allowed to do this (${label(status, code)})`,
			`Use an administrator's application password: Thrive Apprentice's routes need the capability tve-use-tva and WordPress's user routes need list_users and create_users. ${said}`,
		);
	}
	if (status === 404) {
		if (code === 'rest_no_route') {
			return failure(
				`The site has no route ${where} (404 rest_no_route)`,
				'Is Thrive Apprentice installed and active, and is the Site URL in the credential right? The WordPress REST API answered, but not with this route.',
			);
		}
		return failure(`Thrive Apprentice found nothing there (${label(status, code)})`, said);
	}
	if (status === 405) {
		return failure(`Thrive Apprentice refused the request (${label(status, code)})${taMessage ? `: ${taMessage}` : ''}`, said);
	}
	if (status === 400) {
		const details = detailCodes(body);
		return failure(
			`Thrive Apprentice rejected the request as invalid (${label(status, code)})`,
			`${said}${details.length ? ` Details: ${details.join('; ')}.` : ''}`,
		);
	}
	if (status === 500 && code === 'existing_user_email') {
		return failure(
			'A WordPress user with this email already exists (500 existing_user_email)',
			'Use "Get or Create" to reuse the existing user.',
		);
	}
	if (status === 500 && code === 'existing_user_login') {
		return failure(
			'The WordPress username made from this email already belongs to another user (500 existing_user_login)',
			'WordPress logins are the email with disallowed characters removed (henry+vip@… becomes henryvip@…), so two emails can clash. Create this member with a different email, or change the other user\'s login in WordPress.',
		);
	}
	if (status >= 500) {
		return failure(`The site failed to process the request (${label(status, code)})`, `${said} Check the site's PHP error log.`);
	}
	return failure(`Thrive Apprentice answered with an error (${label(status, code)})`, said);
}

const HTML_SNIFF = /^\s*(<!doctype|<html|<head|<body|<br|<b>|<div|<p>|<\?xml|<)/i;

/** The site answered 2xx or not, but the body is not JSON: a firewall, security plugin or maintenance page. */
export function describeNonJson(route: Route, siteUrl: string, status: number, text: string): TaFailure {
	const where = `${route.method} /wp-json/${route.path.split('?')[0]}`;
	const title = /<title[^>]*>([^<]{1,120})<\/title>/i.exec(text)?.[1]?.trim();
	const isHtml = HTML_SNIFF.test(text);
	const what = isHtml ? 'an HTML page' : 'something that is not JSON';
	return {
		message: `The site answered with ${what} instead of JSON — a security plugin, firewall or maintenance mode is probably blocking the REST API`,
		description:
			`${where} on ${siteUrl} answered HTTP ${status} with ${what}${title ? ` titled "${title}"` : ''}. ` +
			'Allow requests to /wp-json/ from n8n in your security plugin or firewall, switch maintenance mode off, ' +
			'and make sure PHP warnings are not displayed (WP_DEBUG_DISPLAY off), then try again.',
		httpCode: String(status),
	};
}

const NETWORK_CODES: Record<string, string> = {
	ECONNREFUSED: 'nothing is listening at that address (connection refused)',
	ENOTFOUND: 'the domain name does not resolve',
	EAI_AGAIN: 'the domain name could not be resolved right now',
	ECONNRESET: 'the connection was closed by the site',
	ETIMEDOUT: 'the connection timed out',
	ECONNABORTED: 'the request timed out',
	ESOCKETTIMEDOUT: 'the request timed out',
	EHOSTUNREACH: 'the host is unreachable',
	ENETUNREACH: 'the network is unreachable',
	UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
	UND_ERR_HEADERS_TIMEOUT: 'the request timed out',
	UND_ERR_SOCKET: 'the connection was closed by the site',
	CERT_HAS_EXPIRED: "the site's TLS certificate has expired",
	DEPTH_ZERO_SELF_SIGNED_CERT: "the site's TLS certificate is self-signed",
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the site's TLS certificate could not be verified",
};

/** Finds a network error code anywhere in an error's cause chain (n8n wraps the HTTP client's error). */
export function networkCode(error: unknown): string | undefined {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const candidate = current as { code?: unknown; message?: unknown; cause?: unknown; name?: unknown };
		if (typeof candidate.code === 'string' && candidate.code in NETWORK_CODES) return candidate.code;
		if (typeof candidate.message === 'string') {
			const found = Object.keys(NETWORK_CODES).find((code) => (candidate.message as string).includes(code));
			if (found) return found;
			if (/timeout|timed out/i.test(candidate.message)) return 'ETIMEDOUT';
		}
		if (candidate.name === 'TimeoutError' || candidate.name === 'AbortError') return 'ETIMEDOUT';
		current = candidate.cause;
	}
	return undefined;
}

export function describeNetworkFailure(siteUrl: string, error: unknown): TaFailure {
	const code = networkCode(error);
	const reason = code ? NETWORK_CODES[code] : 'the request failed before the site answered';
	// The code stays out of the message: n8n replaces any message naming ECONNREFUSED & co. with a generic text.
	return {
		message: `Could not reach ${siteUrl}: ${reason}`,
		description: `${code ? `(${code}) ` : ''}Check the Site URL in the Thrive Apprentice credential and that the site is up and reachable from n8n, then try again.`,
		networkCode: code,
	};
}

/** Parses a response text; `ok: false` when it is not JSON. An empty body parses as undefined. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
	const trimmed = text.trim();
	if (trimmed === '') return { ok: true, value: undefined };
	try {
		return { ok: true, value: JSON.parse(trimmed) };
	} catch {
		return { ok: false };
	}
}

/** What PHP's error display prints: `<b>Warning</b>: …` with html_errors, `Warning: …` without, or Xdebug's table. */
const NOTICE_KINDS = '(?:PHP )?(?:Deprecated|Notice|Warning|Strict Standards|User Deprecated|User Notice|User Warning|Fatal error|Parse error|Catchable fatal error|Recoverable fatal error)';
const NOTICE_PATTERNS: RegExp[] = [
	/<font size=['"]?1['"]?>\s*<table class=['"]xdebug-error[\s\S]*?<\/table>\s*<\/font>/gi,
	new RegExp(`<b>${NOTICE_KINDS}<\\/b>:[\\s\\S]*? on line <b>\\d+<\\/b>`, 'gi'),
	new RegExp(`(?:^|\\n)[ \\t]*${NOTICE_KINDS}:[^\\n]*? on line \\d+[ \\t]*(?=\\n|$)`, 'gi'),
];
const LEFTOVER_MARKUP = /<br\s*\/?>/gi;

export interface RecoveredJson {
	value: unknown;
	/** The PHP notices printed around the JSON, as plain text, one per entry. */
	notices: string[];
}

function noticeText(markup: string): string {
	return markup
		.replace(/<br\s*\/?>/gi, ' ')
		.replace(/<[^>]+>/g, '')
		.replace(/&quot;/g, '"')
		.replace(/&#0?39;/g, "'")
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ')
		.trim()
		.slice(0, 300);
}

/**
 * A body that is JSON with PHP notices printed before or after it (hosts with display_errors on).
 * Only the notice markup PHP itself prints is removed and what is left must be one JSON value, so a
 * security plugin's HTML page is never mistaken for an answer. Undefined when nothing was recovered.
 */
export function recoverJsonFromNotices(text: string): RecoveredJson | undefined {
	const notices: string[] = [];
	let rest = text;
	for (const pattern of NOTICE_PATTERNS) {
		rest = rest.replace(pattern, (match) => {
			notices.push(noticeText(match));
			return '\n';
		});
	}
	if (notices.length === 0) return undefined;
	rest = rest.replace(LEFTOVER_MARKUP, '\n').trim();
	if (rest === '') return undefined;
	try {
		return { value: JSON.parse(rest), notices };
	} catch {
		return undefined;
	}
}

/** Parses a body: plain JSON, or JSON with PHP notices around it (`recovered` then lists them). */
export function parseBody(text: string): { ok: true; value: unknown; notices?: string[] } | { ok: false } {
	const plain = parseJson(text);
	if (plain.ok) return plain;
	const recovered = recoverJsonFromNotices(text);
	return recovered ? { ok: true, value: recovered.value, notices: recovered.notices } : { ok: false };
}

/** WordPress with "Plain" permalinks: `/wp-json/…` is an ordinary front-end URL and answers its HTML 404 page. */
export function isPlainPermalinkMiss(status: number, text: string): boolean {
	return status === 404 && !parseBody(text).ok;
}

export function isRedirect(status: number): boolean {
	return status >= 300 && status < 400 && status !== 304;
}

/**
 * The Site URL to put in the credential, read from where the site redirected a request: the redirect
 * target without the REST route part (`https://www.x.test/blog/wp-json/tva/v1/getCourses` →
 * `https://www.x.test/blog`). Undefined when the target is not the same route somewhere else (a login
 * page, a maintenance page), so no guess is made.
 */
export function siteUrlFromRedirect(requestUrl: string, location: string, restPath: string): string | undefined {
	let target: URL;
	try {
		target = new URL(location, requestUrl);
	} catch {
		return undefined;
	}
	const route = `/${restPath.split('?')[0]}`.replace(/\/+$/, '');
	const restRoute = target.searchParams.get('rest_route');
	if (restRoute !== null && restRoute.replace(/\/+$/, '').toLowerCase() === route.toLowerCase()) {
		return `${target.origin}${target.pathname.replace(/\/(index\.php)?$/i, '').replace(/\/+$/, '')}`;
	}
	const suffix = `/wp-json${route}`.toLowerCase();
	const pathname = target.pathname.replace(/\/+$/, '');
	if (pathname.toLowerCase().endsWith(suffix)) return `${target.origin}${pathname.slice(0, pathname.length - suffix.length)}`;
	return undefined;
}

/** Where the redirect went, for the message: origin and path, never a query (it could carry anything). */
function shortUrl(url: string, base: string): string {
	try {
		const parsed = new URL(url, base);
		return `${parsed.origin}${parsed.pathname}`;
	} catch {
		return url.split('?')[0];
	}
}

/**
 * A 3xx answer. Redirects are never followed: a client that follows them turns a POST into a GET
 * and sends the API key or application password to wherever the site points.
 */
export function describeRedirect(siteUrl: string, requestUrl: string, restPath: string, status: number, location: string | undefined): TaFailure {
	const suggested = location ? siteUrlFromRedirect(requestUrl, location, restPath) : undefined;
	const httpCode = String(status);
	if (suggested && suggested !== siteUrl) {
		return {
			message: `Your site redirects ${siteUrl} → ${suggested}: set the credential's Site URL to ${suggested}`,
			description: `The site answered HTTP ${status} with Location ${shortUrl(location as string, requestUrl)}. n8n does not follow redirects to Thrive Apprentice, because following one would drop the request's data and send the API key or application password to another address. Put the address WordPress redirects to in the Thrive Apprentice credential's Site URL.`,
			httpCode,
		};
	}
	const where = location ? shortUrl(location, requestUrl) : 'an address it did not give';
	return {
		message: `Your site redirects ${siteUrl} to ${where} instead of answering: set the credential's Site URL to the address WordPress is installed at`,
		description: `The site answered HTTP ${status} (Location ${where}). n8n does not follow redirects to Thrive Apprentice, because following one would drop the request's data and send the API key or application password to another address. Use the address of your WordPress site as it appears in WordPress > Settings > General > Site Address (including https:// and www. if the site uses them), and check that no security plugin redirects the REST API (/wp-json/) to a login page.`,
		httpCode,
	};
}

/** `/wp-json/…` and `/?rest_route=…` both answered with an HTML page: no REST API at this address. */
export function describeNoRestApi(route: Route, siteUrl: string, status: number, text: string): TaFailure {
	const failure = describeNonJson(route, siteUrl, status, text);
	return {
		...failure,
		message: `The site answered with an HTML page for both /wp-json/ and ?rest_route= — is the Site URL the address of the WordPress site?`,
		description: `${failure.description} Both ways into the WordPress REST API (/wp-json/ and, for sites with "Plain" permalinks, /?rest_route=) answered HTTP ${status} with a page instead of JSON. Check the Site URL in the Thrive Apprentice credential (WordPress > Settings > General > Site Address) and that no security plugin disables the REST API.`,
	};
}
