/**
 * Every Thrive Apprentice and WordPress REST route the node calls: the one home of paths, methods and
 * which part of the credential each route needs. The credential's `authenticate` reads it too, so the
 * API key can never be sent to an admin route nor an application password to a ThriveCart route.
 */
export type RouteAuth = 'apiKey' | 'applicationPassword';
export type HttpMethod = 'GET' | 'POST' | 'DELETE';

export interface Route {
	method: HttpMethod;
	/** Path below `/wp-json/`, query string included (already encoded). */
	path: string;
	auth: RouteAuth;
}

/** The three routes ThriveCart itself calls; TA accepts the API key only on these. */
export const API_KEY_ROUTE_NAMES = ['getCourses', 'newOrder', 'refundOrder'] as const;

const API_KEY_PATH = /\/tva\/v1\/(getcourses|neworder|refundorder)\/?$/i;

function query(params: Record<string, string | number | undefined>): string {
	const parts = Object.entries(params)
		.filter(([, value]) => value !== undefined && value !== '')
		.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
	return parts.length ? `?${parts.join('&')}` : '';
}

function id(value: number | string): string {
	return encodeURIComponent(String(value));
}

const apiKey = (method: HttpMethod, path: string): Route => ({ method, path, auth: 'apiKey' });
const admin = (method: HttpMethod, path: string): Route => ({ method, path, auth: 'applicationPassword' });

export const routes = {
	// ThriveCart routes (API key, header TVA)
	getCourses: () => apiKey('GET', 'tva/v1/getCourses'),
	newOrder: () => apiKey('POST', 'tva/v1/newOrder'),
	refundOrder: () => apiKey('POST', 'tva/v1/refundOrder'),

	// WordPress users (application password; `context=edit` is what exposes emails and makes a wrong
	// password answer 401 instead of an empty list)
	me: () => admin('GET', `wp/v2/users/me${query({ context: 'edit' })}`),
	searchUsers: (search: string, page = 1) =>
		admin('GET', `wp/v2/users${query({ search, context: 'edit', per_page: 100, page: page > 1 ? page : undefined })}`),
	// One row is enough to learn whether this user may list users (an editor gets 403).
	listUsersProbe: () => admin('GET', `wp/v2/users${query({ context: 'edit', per_page: 1 })}`),
	// `include` (a core collection filter) rather than `users/{id}`: callers still match the id exactly.
	getUser: (userId: number | string) =>
		admin('GET', `wp/v2/users${query({ include: userId, context: 'edit', per_page: 100 })}`),
	createUser: () => admin('POST', 'wp/v2/users'),

	// Thrive Apprentice courses and products
	courses: (options: { status?: string; limit: number; offset: number }) =>
		admin(
			'GET',
			`tva/v2/courses${query({ 'filter[status]': options.status, limit: options.limit, offset: options.offset })}`,
		),
	courseProducts: (courseId: number | string) => admin('GET', `tva/v2/courses/${id(courseId)}/products`),
	products: () => admin('GET', 'tva/v1/products'),
	product: (productId: number | string) => admin('GET', `tva/v1/products/${id(productId)}`),
	productCourses: (productId: number | string) => admin('GET', `tva/v1/products/${id(productId)}/courses`),

	// Thrive Apprentice members and their access
	createCustomer: () => admin('POST', 'tva/v1/customer'),
	addAccess: (userId: number | string) => admin('POST', `tva/v1/customer/${id(userId)}/add-access`),
	customerProducts: (userId: number | string) => admin('GET', `tva/v1/customer/${id(userId)}/products`),
	purchasedItems: (userId: number | string) => admin('GET', `tva/v1/customer/${id(userId)}/purchased-items`),
	disableItem: (userId: number | string, orderItemId: number | string) =>
		admin('DELETE', `tva/v1/customer/${id(userId)}/disable-item/${id(orderItemId)}`),
} satisfies Record<string, (...args: never[]) => Route>;

export type RouteName = keyof typeof routes;

/** How the site's REST API is reached: `/wp-json/<route>` ("pretty" permalinks) or `/?rest_route=/<route>` ("Plain"). */
export type PermalinkMode = 'pretty' | 'plain';

/**
 * `https://site.test/blog` + route → `https://site.test/blog/wp-json/<path>`, or with plain permalinks
 * `https://site.test/blog/?rest_route=%2F<path>&<the route's own query>`.
 */
export function routeUrl(siteUrl: string, route: Route, permalinks: PermalinkMode = 'pretty'): string {
	const base = normaliseSiteUrl(siteUrl);
	if (permalinks === 'pretty') return `${base}/wp-json/${route.path}`;
	const [path, queryString] = route.path.split('?', 2);
	return `${base}/?rest_route=${encodeURIComponent(`/${path}`)}${queryString ? `&${queryString}` : ''}`;
}

export function normaliseSiteUrl(siteUrl: string): string {
	return siteUrl.trim().replace(/\/+$/, '').replace(/\/wp-json$/i, '');
}

/**
 * Which credential part a request URL needs. Used by the credential's `authenticate`, which only sees
 * the URL. Also understands sites without pretty permalinks (`?rest_route=/tva/v1/newOrder`).
 */
export function authForUrl(url: string): RouteAuth {
	let pathname = url;
	let restRoute: string | null = null;
	try {
		const parsed = new URL(url);
		pathname = parsed.pathname;
		restRoute = parsed.searchParams.get('rest_route');
	} catch {
		pathname = url.split('?')[0];
	}
	if (API_KEY_PATH.test(pathname) || (restRoute !== null && API_KEY_PATH.test(restRoute))) return 'apiKey';
	return 'applicationPassword';
}
