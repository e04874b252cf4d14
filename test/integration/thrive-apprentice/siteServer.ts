/**
 * Tiny HTTP servers on 127.0.0.1 that reproduce what real WordPress sites do and a loopback sandbox does
 * not (thrive-apprentice.md, "What real WordPress sites do"): a redirecting site, a site with "Plain"
 * permalinks, a host that displays PHP notices, real product rows. Each one forwards to the sandbox for
 * everything it does not change, so the rest of the answers stay Thrive Apprentice's.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';

export interface Received {
	method: string;
	url: string;
	headers: IncomingMessage['headers'];
	body: string;
}

export interface SiteServer {
	url: string;
	received: Received[];
	stop(): Promise<void>;
}

type Handler = (request: Received, response: ServerResponse) => void | Promise<void>;

async function readBody(request: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

export async function startSiteServer(handler: Handler): Promise<SiteServer> {
	const received: Received[] = [];
	const server: Server = createServer((request, response) => {
		void (async () => {
			const entry = { method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers, body: await readBody(request) };
			received.push(entry);
			try {
				await handler(entry, response);
			} catch (error) {
				response.writeHead(502, { 'Content-Type': 'text/plain' });
				response.end(`test server: ${(error as Error).message}`);
			}
		})();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		url: `http://127.0.0.1:${port}`,
		received,
		stop: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

export interface Forwarded {
	status: number;
	headers: Record<string, string>;
	body: string;
}

/** Sends a received request on to `target` (the sandbox) with the path given, headers and body as they came. */
export async function forward(target: string, request: Received, path = request.url): Promise<Forwarded> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(request.headers)) {
		if (value === undefined || ['host', 'content-length', 'connection'].includes(name)) continue;
		headers[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	const answer = await fetch(`${target}${path}`, {
		method: request.method,
		headers,
		body: ['GET', 'HEAD'].includes(request.method) ? undefined : request.body,
		redirect: 'manual',
	});
	const out: Record<string, string> = {};
	answer.headers.forEach((value, name) => {
		if (!['content-length', 'connection', 'transfer-encoding', 'keep-alive', 'content-encoding'].includes(name)) out[name] = value;
	});
	return { status: answer.status, headers: out, body: await answer.text() };
}

export function send(response: ServerResponse, answer: Forwarded): void {
	response.writeHead(answer.status, answer.headers);
	response.end(answer.body);
}

/** WordPress's front-end 404 page, as a site with "Plain" permalinks answers any /wp-json/ URL. */
export const WORDPRESS_404_PAGE =
	'<!DOCTYPE html>\n<html lang="en-US">\n<head>\n<meta charset="UTF-8" />\n<title>Page not found &#8211; Academy</title>\n</head>\n<body class="error404">\n<main><h1 class="page-title">Oops! That page can&rsquo;t be found.</h1></main>\n</body>\n</html>\n';

/** What a host with display_errors on prints before the answer (PHP 8.2 with html_errors). */
export const PHP_NOTICES =
	'<br />\n<b>Deprecated</b>:  Creation of dynamic property TVA_Product::$sets is deprecated in <b>/var/www/html/wp-content/plugins/thrive-apprentice/inc/classes/class-tva-product.php</b> on line <b>42</b><br />\n' +
	'<br />\n<b>Warning</b>:  Undefined array key &quot;order&quot; in <b>/var/www/html/wp-content/plugins/thrive-apprentice/inc/classes/class-tva-product.php</b> on line <b>318</b><br />\n';

/**
 * A site with "Plain" permalinks in front of the sandbox: `/wp-json/…` answers WordPress's HTML 404 page,
 * `/?rest_route=/…&…` reaches the REST API (forwarded to the sandbox's /wp-json/…).
 */
export async function startPlainPermalinkSite(sandboxUrl: string): Promise<SiteServer> {
	return await startSiteServer(async (request, response) => {
		const url = new URL(request.url, 'http://site.test');
		if (url.pathname.startsWith('/wp-json')) {
			response.writeHead(404, { 'Content-Type': 'text/html; charset=UTF-8' });
			response.end(WORDPRESS_404_PAGE);
			return;
		}
		const route = url.searchParams.get('rest_route');
		if (url.pathname === '/' && route) {
			url.searchParams.delete('rest_route');
			const query = url.searchParams.toString();
			send(response, await forward(sandboxUrl, request, `/wp-json${route}${query ? `?${query}` : ''}`));
			return;
		}
		response.writeHead(200, { 'Content-Type': 'text/html' });
		response.end('<!DOCTYPE html><html><body>home</body></html>');
	});
}

/** A host that displays PHP notices: every 2xx answer of the sandbox gets notice HTML before its JSON. */
export async function startNoticeSite(sandboxUrl: string, notices = PHP_NOTICES, where: 'before' | 'after' = 'before'): Promise<SiteServer> {
	return await startSiteServer(async (request, response) => {
		const answer = await forward(sandboxUrl, request);
		if (answer.status >= 200 && answer.status < 300 && !request.url.startsWith('/__sandbox')) {
			answer.body = where === 'before' ? `${notices}${answer.body}` : `${answer.body}${notices}`;
		}
		send(response, answer);
	});
}

/** Redirects every request to `target` + the same path and query, like http→https or bare→www. */
export async function startRedirectingSite(target: string, status = 301): Promise<SiteServer> {
	return await startSiteServer((request, response) => {
		response.writeHead(status, { Location: `${target}${request.url}`, 'Content-Type': 'text/html; charset=iso-8859-1' });
		response.end(`<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>${status} Moved Permanently</title>\n</head><body>\n<h1>Moved Permanently</h1>\n<p>The document has moved <a href="${target}${request.url}">here</a>.</p>\n</body></html>\n`);
	});
}

export interface SandboxCatalog {
	courses: Array<{ id: number; name: string; status: string }>;
	products: Array<{ id: number; name: string; courseIds: number[] }>;
}

/** A product row exactly as the real site answers it (F7/F8 of ta-recordings): sets, no course count. */
export function realProductRow(product: SandboxCatalog['products'][number], catalog: SandboxCatalog, customersCount: unknown): Record<string, unknown> {
	const text = (courseId: number) => {
		const course = catalog.courses.find((entry) => entry.id === courseId);
		return `${course?.name ?? ''}${course?.status === 'draft' ? ' [draft]' : ''}`;
	};
	return {
		id: product.id,
		name: product.name,
		customers_count: customersCount ?? 0,
		sets: [
			{
				ID: 1000 + product.id,
				post_title: `${product.name} set`,
				post_content: [
					{
						content_type: 'term',
						content: 'tva_courses',
						field: 'title',
						operator: '===',
						value: product.courseIds.map((id) => ({ id, text: text(id) })),
						content_label: { singular: 'Course', plural: 'Courses' },
					},
				],
			},
		],
		order: 0,
		access_expiry: [],
	};
}

/**
 * The sandbox's catalogue (`catalog`: its seed or saved state) as the real site answers it: product rows
 * with `sets` and no `courses_count`, and `tva/v2/courses` without a status filter listing published and
 * draft courses only.
 */
export async function startRealCatalogSite(sandboxUrl: string, catalog: SandboxCatalog): Promise<SiteServer> {
	return await startSiteServer(async (request, response) => {
		const url = new URL(request.url, 'http://site.test');
		const path = url.pathname;
		const toReal = (row: { id: number; customers_count?: unknown }) => {
			const product = catalog.products.find((entry) => entry.id === Number(row.id));
			return product ? realProductRow(product, catalog, row.customers_count) : row;
		};
		if (path === '/wp-json/tva/v2/courses' && !url.searchParams.has('filter[status]')) {
			const limit = Number(url.searchParams.get('limit') ?? 10);
			const offset = Number(url.searchParams.get('offset') ?? 0);
			const answer = await forward(sandboxUrl, request, '/wp-json/tva/v2/courses?limit=1000&offset=0');
			if (answer.status !== 200) return send(response, answer);
			const items = (JSON.parse(answer.body) as { items: Array<{ status: string }> }).items.filter((course) => ['publish', 'draft'].includes(course.status));
			return send(response, { ...answer, body: JSON.stringify({ items: items.slice(offset, offset + limit), total: items.length }) });
		}
		const answer = await forward(sandboxUrl, request);
		if (answer.status === 200 && (path === '/wp-json/tva/v1/products' || /^\/wp-json\/tva\/v2\/courses\/\d+\/products$/.test(path))) {
			const body = JSON.parse(answer.body) as { items?: Array<{ id: number }> } | Array<{ id: number }>;
			answer.body = JSON.stringify(Array.isArray(body) ? body.map(toReal) : { ...body, items: (body.items ?? []).map(toReal) });
		}
		send(response, answer);
	});
}
