// @ts-check
'use strict';
/**
 * WordPress's REST dispatch, in WordPress's order: match the route, check the JSON, required and
 * validated arguments, then the permission callback (TA's key check on the ThriveCart routes), then the
 * handler.
 */
const { reply, wpError, missingParams, noRoute } = require('./errors');
const { matchRoute, routeIndex } = require('./routes');
const { authenticateUser, checkApiKey } = require('./auth');

/**
 * @typedef {{
 *   store: import('./store').Store,
 *   siteUrl: string,
 *   method: string,
 *   routePath: string,
 *   query: Record<string, any>,
 *   body: { json: unknown, form: Record<string, any>, invalidJson?: string },
 *   headers: import('http').IncomingHttpHeaders,
 *   nextCall: () => number,
 * }} RestRequest
 */

/**
 * WordPress's parameter order: JSON body, then form body, then query string.
 * @param {RestRequest} req
 */
function mergedParams(req) {
	const json = req.body.json && typeof req.body.json === 'object' && !Array.isArray(req.body.json) ? req.body.json : {};
	return { ...req.query, ...req.body.form, ...json };
}

/**
 * @param {RestRequest} req
 * @returns {import('./errors').Reply}
 */
function dispatch(req) {
	const state = req.store.state;
	if (req.method === 'GET' && (req.routePath === '/' || req.routePath === '')) return index(req);
	const matched = matchRoute(req.method, req.routePath);
	if (!matched) return noRoute();
	const { route, urlParams } = matched;
	if (req.body.invalidJson !== undefined) {
		return wpError('rest_invalid_json', 'Invalid JSON body passed.', 400, { json_error_code: 4, json_error_message: 'Syntax error' });
	}
	const params = mergedParams(req);
	/** @type {import('./routes/types').Context} */
	const ctx = {
		store: req.store,
		state,
		siteUrl: req.siteUrl,
		method: req.method,
		params,
		query: req.query,
		urlParams,
		user: route.auth === 'user' ? authenticateUser(state, req.headers) : null,
		headers: req.headers,
		nextCall: req.nextCall,
	};
	const missing = (route.required || []).filter((name) => params[name] === undefined || params[name] === null);
	if (missing.length > 0) return missingParams(missing);
	const invalid = route.validate ? route.validate(ctx) : null;
	if (invalid) return invalid;
	const refused = route.auth === 'apiKey' ? checkApiKey(state, req.headers, req.query) : route.permission ? route.permission(ctx) : null;
	if (refused) return refused;
	return route.handle(ctx);
}

/**
 * The `/wp-json/` index, as a client's "is this a WordPress site" check sees it.
 * @param {RestRequest} req
 */
function index(req) {
	return reply(200, {
		name: req.store.state.siteName,
		description: '',
		url: req.siteUrl,
		home: req.siteUrl,
		gmt_offset: '0',
		timezone_string: '',
		namespaces: ['wp/v2', 'tva/v1', 'tva/v2'],
		authentication: {
			'application-passwords': { endpoints: { authorization: `${req.siteUrl}/wp-admin/authorize-application.php` } },
		},
		routes: routeIndex(),
	});
}

module.exports = { dispatch };
