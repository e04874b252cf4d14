// @ts-check
'use strict';
/** Every WordPress REST route the sandbox serves, matched like WordPress (case-insensitive, anchored). */

/** @type {import('./types').Route[]} */
const routes = [
	...require('./thrivecart').routes,
	...require('./users').routes,
	...require('./courses').routes,
	...require('./products').routes,
	...require('./customers').routes,
	...require('./apiKeys').routes,
	...require('./emailTemplates').routes,
	...require('./authoring').routes,
];

const compiled = routes.map((route) => ({ route, pattern: new RegExp(`^${route.path}$`, 'i') }));

/**
 * @param {string} method
 * @param {string} routePath e.g. `/tva/v1/newOrder`
 * @returns {{ route: import('./types').Route, urlParams: Record<string, string> } | null}
 */
function matchRoute(method, routePath) {
	for (const { route, pattern } of compiled) {
		if (route.method !== method) continue;
		const m = pattern.exec(routePath);
		if (m) return { route, urlParams: { ...(m.groups || {}) } };
	}
	return null;
}

/** Route patterns per namespace, for the `/wp-json/` index. */
function routeIndex() {
	/** @type {Record<string, { namespace: string, methods: string[] }>} */
	const index = {};
	for (const r of routes) {
		const namespace = r.path.split('/').slice(1, 3).join('/');
		const entry = (index[r.path] = index[r.path] || { namespace, methods: [] });
		entry.methods.push(r.method);
	}
	return index;
}

module.exports = { matchRoute, routeIndex };
