// @ts-check
'use strict';
/** HTML pages a WordPress site answers with when something stands in front of the REST API. */

const PAGES = {
	'security-plugin': {
		status: 403,
		body: '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>403 Forbidden</title></head><body><h1>Access denied</h1><p>Your request was blocked by this site\'s security firewall.</p></body></html>',
		headers: {},
	},
	maintenance: {
		status: 503,
		body: '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Maintenance</title></head><body><h1>Briefly unavailable for scheduled maintenance. Check back in a minute.</h1></body></html>',
		headers: { 'Retry-After': '600' },
	},
};

/**
 * @param {'security-plugin' | 'maintenance'} kind
 * @returns {{ status: number, body: string, headers: Record<string, string> }}
 */
function blockedPage(kind) {
	return PAGES[kind];
}

/** @param {string} siteName */
function homePage(siteName) {
	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${siteName}</title><link rel="https://api.w.org/" href="/wp-json/"></head><body><h1>${siteName}</h1><p>A Thrive Apprentice sandbox.</p></body></html>`;
}

const notFoundPage = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Page not found</title></head><body><h1>Oops! That page can&rsquo;t be found.</h1></body></html>';

module.exports = { blockedPage, homePage, notFoundPage };
