// @ts-check
'use strict';
/** The real-site behaviours the settings switch on that act before or after the REST dispatch. */

/**
 * The `Location` for a request that arrives under another host than `redirectTo` (http→https,
 * bare→www on real WordPress), or null when it is served here.
 * @param {string | null} redirectTo an origin
 * @param {string | undefined} hostHeader
 * @param {string} pathAndQuery the request line's target
 */
function redirectLocation(redirectTo, hostHeader, pathAndQuery) {
	if (!redirectTo) return null;
	const wanted = new URL(redirectTo);
	const sameHost = (hostHeader || '').toLowerCase() === wanted.host.toLowerCase();
	return sameHost ? null : `${wanted.origin}${pathAndQuery}`;
}

/**
 * @param {string} location
 * @returns {string}
 */
const movedPage = (location) =>
	`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>301 Moved Permanently</title></head><body><h1>Moved Permanently</h1><p>The document has moved <a href="${location.replace(/"/g, '&quot;')}">here</a>.</p></body></html>`;

/**
 * Whether this call's answer is to be lost, counting it down. WordPress routes match case-insensitively.
 * @param {import('./settings').Settings} settings
 * @param {string} method
 * @param {string} routePath
 * @returns {'reset' | 'hang' | null}
 */
function takeLostAnswer(settings, method, routePath) {
	const lose = settings.loseAnswers;
	if (!lose || lose.count <= 0) return null;
	const [wantedMethod, wantedPath] = lose.route.split(' ');
	const trim = (/** @type {string} */ p) => p.replace(/\/+$/, '').toLowerCase();
	if (wantedMethod !== method || trim(wantedPath) !== trim(routePath)) return null;
	const mode = lose.mode;
	settings.loseAnswers = lose.count > 1 ? { ...lose, count: lose.count - 1 } : null;
	return mode;
}

module.exports = { redirectLocation, movedPage, takeLostAnswer };
