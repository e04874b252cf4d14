// @ts-check
'use strict';
/** The calls made to the site's REST API, for tests and benchmarks (in memory, not persisted). */

/**
 * @typedef {{ method: string, path: string, query: Record<string, string | string[]>, status: number,
 *   auth: 'apiKey' | 'applicationPassword' | 'none', at: string, lost?: 'reset' | 'hang' }} LoggedRequest
 * `status`: what the site answered, or would have (`lost`: the client got no answer).
 */

/** Query values that carry a secret. */
const SECRET_PARAMS = new Set(['auth']);

class RequestLog {
	constructor() {
		/** @type {LoggedRequest[]} */
		this.entries = [];
	}

	/**
	 * @param {{ method: string, path: string, searchParams: URLSearchParams, status: number,
	 *   auth: LoggedRequest['auth'], lost?: 'reset' | 'hang' }} entry
	 */
	add(entry) {
		/** @type {Record<string, string | string[]>} */
		const query = {};
		for (const [name, raw] of entry.searchParams) {
			const value = SECRET_PARAMS.has(name) ? '[redacted]' : raw;
			const prev = query[name];
			query[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
		}
		this.entries.push({
			method: entry.method,
			path: entry.path,
			query,
			status: entry.status,
			auth: entry.auth,
			at: new Date().toISOString(),
			...(entry.lost ? { lost: entry.lost } : {}),
		});
	}

	clear() {
		this.entries = [];
	}
}

module.exports = { RequestLog };
