// @ts-check
'use strict';
/**
 * The HTTP server: `/wp-json/...` (and `?rest_route=`) goes to the WordPress REST dispatch, `/__sandbox/...`
 * to the control routes; everything else is a plain page. Logs REST calls and saves the state after
 * every request that may change it. The settings' redirect, plain permalinks, PHP notices and lost answers
 * act here, around the dispatch.
 */
const http = require('http');
const { readBody, parseBody, phpParams } = require('./body');
const { dispatch } = require('./rest');
const { classifyAuth } = require('./auth');
const { handleControl } = require('./control');
const { blockedPage, homePage, notFoundPage } = require('./html');
const { RequestLog } = require('./requestLog');
const { redirectLocation, movedPage, takeLostAnswer } = require('./quirks');
const { DEPRECATION_NOTICE } = require('./phpNotices');

const REST_PREFIX = '/wp-json';

/**
 * @param {http.ServerResponse} res
 * @param {number} status
 * @param {string} body
 * @param {Record<string, string>} headers
 */
function send(res, status, body, headers) {
	res.writeHead(status, { 'Content-Length': String(Buffer.byteLength(body)), ...headers });
	res.end(body);
}

/**
 * @param {http.ServerResponse} res
 * @param {import('./errors').Reply} r
 */
function sendJson(res, r) {
	send(res, r.status, (r.phpOutput || '') + JSON.stringify(r.body), { 'Content-Type': 'application/json; charset=UTF-8', ...(r.headers || {}) });
}

const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A lost answer left hanging is closed after this long (or at stop()). */
const HANG_MS = 120_000;

/**
 * The REST route a URL asks for, or null when it is not a REST request. `?rest_route=` works whatever
 * the permalinks; `/wp-json/` only with pretty ones.
 * @param {URL} url
 * @param {'pretty' | 'plain'} permalinks
 */
function restRoutePath(url, permalinks) {
	const p = url.pathname;
	if (permalinks === 'pretty' && (p === REST_PREFIX || p.startsWith(`${REST_PREFIX}/`))) return p.slice(REST_PREFIX.length).replace(/\/+$/, '') || '/';
	const viaQuery = url.searchParams.get('rest_route');
	if ((p === '/' || p === '/index.php') && viaQuery !== null) return viaQuery.replace(/\/+$/, '') || '/';
	return null;
}

/**
 * @param {import('./store').Store} store
 * @param {() => string} siteUrl
 */
function createServer(store, siteUrl) {
	const log = new RequestLog();
	let productCalls = 0;
	const nextCall = () => productCalls++;

	/**
	 * @param {http.IncomingMessage} req
	 * @param {http.ServerResponse} res
	 */
	async function handle(req, res) {
		const url = new URL(req.url || '/', 'http://sandbox.invalid');
		const method = (req.method || 'GET').toUpperCase();
		const raw = await readBody(req);
		if (url.pathname.startsWith('/__sandbox/') || url.pathname === '/__sandbox') {
			sendJson(res, handleControl({ store, log, req, method, url, raw }));
			return;
		}
		const settings = store.state.settings;
		const location = redirectLocation(settings.redirectTo, req.headers.host, req.url || '/');
		if (location) {
			log.add({ method, path: url.pathname, searchParams: url.searchParams, status: 301, auth: classifyAuth(store.state, req.headers, phpParams(url.searchParams)) });
			send(res, 301, movedPage(location), { 'Content-Type': 'text/html; charset=UTF-8', Location: location });
			return;
		}
		const routePath = restRoutePath(url, settings.permalinks);
		if (routePath === null) {
			const page = url.pathname === '/' ? { status: 200, body: homePage(store.state.siteName) } : { status: 404, body: notFoundPage };
			send(res, page.status, page.body, { 'Content-Type': 'text/html; charset=UTF-8' });
			return;
		}
		if (settings.latencyMs > 0) await sleep(settings.latencyMs);
		const query = phpParams(url.searchParams);
		const auth = classifyAuth(store.state, req.headers, query);
		const record = (/** @type {number} */ status) => log.add({ method, path: url.pathname, searchParams: url.searchParams, status, auth });
		if (settings.html) {
			const page = blockedPage(settings.html);
			record(page.status);
			send(res, page.status, page.body, { 'Content-Type': 'text/html; charset=UTF-8', ...page.headers });
			return;
		}
		delete query.rest_route;
		const body = parseBody(raw, req.headers['content-type']);
		const result = dispatch({ store, siteUrl: siteUrl(), method, routePath, query, body, headers: req.headers, nextCall });
		const lost = takeLostAnswer(settings, method, routePath);
		if (lost || (method !== 'GET' && method !== 'HEAD')) store.save();
		if (lost) {
			log.add({ method, path: url.pathname, searchParams: url.searchParams, status: result.status, auth, lost });
			loseAnswer(res, lost);
			return;
		}
		record(result.status);
		const notices = settings.phpNotices && result.status >= 200 && result.status < 300;
		sendJson(res, notices ? { ...result, phpOutput: DEPRECATION_NOTICE + (result.phpOutput || '') } : result);
	}

	/**
	 * The call was carried out; the client never hears about it.
	 * @param {http.ServerResponse} res
	 * @param {'reset' | 'hang'} mode
	 */
	function loseAnswer(res, mode) {
		const socket = res.socket;
		if (!socket) return;
		if (mode === 'reset') {
			socket.destroy();
			return;
		}
		const timer = setTimeout(() => socket.destroy(), HANG_MS);
		timer.unref();
		socket.once('close', () => clearTimeout(timer));
	}

	const server = http.createServer((req, res) => {
		handle(req, res).catch((error) => {
			process.stderr.write(`sandbox: ${error && error.stack ? error.stack : error}\n`);
			if (!res.headersSent) {
				sendJson(res, { status: 500, body: { code: 'internal_server_error', message: 'There has been a critical error on this website.', data: { status: 500 } } });
			} else res.end();
		});
	});
	return { server, log };
}

module.exports = { createServer };
