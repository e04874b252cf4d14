/** What real WordPress sites do: redirects, "Plain" permalinks, PHP notices around the JSON (pure parts). */
import {
	describeRedirect,
	isPlainPermalinkMiss,
	isRedirect,
	parseBody,
	recoverJsonFromNotices,
	siteUrlFromRedirect,
} from '../../../nodes/ThriveApprentice/transport/errors';
import { exchange, forgetPermalinks, interpret, permalinksOf, type RawAnswer } from '../../../nodes/ThriveApprentice/transport/exchange';
import { routes, routeUrl } from '../../../nodes/ThriveApprentice/transport/routes';

const SITE = 'https://academy.example.test';

// As PHP 8.2 prints them with display_errors on and html_errors on (the default for web requests).
const DEPRECATED =
	'<br />\n<b>Deprecated</b>:  Creation of dynamic property TVA_Customer::$products is deprecated in <b>/var/www/html/wp-content/plugins/thrive-apprentice/inc/classes/class-tva-customer.php</b> on line <b>42</b><br />\n';
const WARNING =
	'<br />\n<b>Warning</b>:  Undefined array key &quot;processor&quot; in <b>/var/www/html/wp-content/plugins/thrive-apprentice/inc/classes/class-tva-thrivecart.php</b> on line <b>214</b><br />\n';
// html_errors off (CLI-style display, some hosts).
const PLAIN_NOTICE = '\nNotice: Function wp_enqueue_script was called <strong>incorrectly</strong>. in /var/www/html/wp-includes/functions.php on line 6078\n';
// Xdebug's formatted notice.
const XDEBUG =
	"<br />\n<font size='1'><table class='xdebug-error xe-warning' dir='ltr' border='1' cellspacing='0' cellpadding='1'>\n<tr><th align='left' bgcolor='#f57900' colspan=\"5\"><span style='background-color: #cc0000; color: #fce94f; font-size: x-large;'>( ! )</span> Warning: Undefined variable $x in /var/www/html/wp-content/plugins/thrive-apprentice/x.php on line <i>12</i></th></tr>\n</table></font>\n";

describe('PHP notices around the JSON', () => {
	test.each([
		['a deprecation before an object', `${DEPRECATED}{"order_id":57,"user_id":9}`, { order_id: 57, user_id: 9 }],
		['two notices before an array', `${DEPRECATED}${WARNING}[{"id":15,"title":"Acceptance Product 1"}]`, [{ id: 15, title: 'Acceptance Product 1' }]],
		['a bare number (refundOrder)', `${WARNING}900001`, 900001],
		['true (disable-item)', `${DEPRECATED}true`, true],
		['a notice after the JSON', `{"total":2,"items":[]}${WARNING}`, { total: 2, items: [] }],
		['notices on both sides', `${DEPRECATED}{"a":"<b>x</b> on line 3"}${WARNING}`, { a: '<b>x</b> on line 3' }],
		['html_errors off', `${PLAIN_NOTICE}{"id":1}`, { id: 1 }],
		['Xdebug', `${XDEBUG}{"id":2}`, { id: 2 }],
	])('%s', (_name, text, value) => {
		expect(parseBody(text)).toEqual({ ok: true, value, notices: expect.any(Array) });
		const recovered = recoverJsonFromNotices(text);
		expect(recovered?.value).toEqual(value);
		expect(recovered?.notices.length).toBeGreaterThan(0);
	});

	test('the notices are kept as plain text', () => {
		expect(recoverJsonFromNotices(`${WARNING}1`)?.notices).toEqual([
			'Warning: Undefined array key "processor" in /var/www/html/wp-content/plugins/thrive-apprentice/inc/classes/class-tva-thrivecart.php on line 214',
		]);
	});

	test('plain JSON is not a recovery', () => {
		expect(parseBody('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
		expect(recoverJsonFromNotices('{"a":1}')).toBeUndefined();
	});

	test('an HTML page with JSON inside it is not mistaken for an answer', () => {
		const page = '<!DOCTYPE html><html><head><title>Access denied</title><script>var cfg = {"blocked":true};</script></head><body>Blocked</body></html>';
		expect(parseBody(page)).toEqual({ ok: false });
		expect(parseBody(`${WARNING}<html><body>Error establishing a database connection</body></html>`)).toEqual({ ok: false });
		expect(parseBody(`${WARNING}`)).toEqual({ ok: false });
		expect(parseBody('<b>Fatal error</b>: Uncaught Error in <b>/x.php</b> on line <b>3</b>')).toEqual({ ok: false });
	});
});

describe('redirects', () => {
	test('3xx but 304', () => {
		expect([301, 302, 303, 307, 308].every(isRedirect)).toBe(true);
		expect([200, 304, 404].some(isRedirect)).toBe(false);
	});

	test.each([
		['bare → www', 'https://example.com/wp-json/tva/v1/getCourses', 'https://www.example.com/wp-json/tva/v1/getCourses', 'https://www.example.com'],
		['http → https with a path prefix', 'http://x.test/blog/wp-json/tva/v1/newOrder', 'https://x.test/blog/wp-json/tva/v1/newOrder', 'https://x.test/blog'],
		['a relative Location', 'https://x.test/wp-json/wp/v2/users?search=a', '/school/wp-json/wp/v2/users?search=a', 'https://x.test/school'],
		['a trailing slash added', 'https://x.test/wp-json/tva/v1/products', 'https://www.x.test/wp-json/tva/v1/products/', 'https://www.x.test'],
		['plain permalinks', 'https://x.test/?rest_route=%2Ftva%2Fv1%2FgetCourses', 'https://www.x.test/?rest_route=%2Ftva%2Fv1%2FgetCourses', 'https://www.x.test'],
		['a login page', 'https://x.test/wp-json/tva/v1/products', 'https://x.test/wp-login.php?redirect_to=%2Fwp-json%2F', undefined],
	])('%s', (_name, requestUrl, location, suggested) => {
		const path = new URL(requestUrl).searchParams.get('rest_route')?.slice(1) ?? new URL(requestUrl).pathname.replace(/^.*\/wp-json\//, '');
		expect(siteUrlFromRedirect(requestUrl, location, path)).toBe(suggested);
	});

	test('the message names both addresses and what to set; no query string of the Location', () => {
		const failure = describeRedirect('https://example.com', 'https://example.com/wp-json/tva/v1/getCourses', 'tva/v1/getCourses', 301, 'https://www.example.com/wp-json/tva/v1/getCourses?auth=c2VjcmV0');
		expect(failure.message).toBe("Your site redirects https://example.com → https://www.example.com: set the credential's Site URL to https://www.example.com");
		expect(failure.description).toContain('Location https://www.example.com/wp-json/tva/v1/getCourses.');
		expect(JSON.stringify(failure)).not.toContain('c2VjcmV0');
		expect(failure.httpCode).toBe('301');
		const unknown = describeRedirect('https://x.test', 'https://x.test/wp-json/tva/v1/products', 'tva/v1/products', 302, undefined);
		expect(unknown.message).toBe("Your site redirects https://x.test to an address it did not give instead of answering: set the credential's Site URL to the address WordPress is installed at");
	});
});

describe('plain permalinks', () => {
	const page = '<!DOCTYPE html><html><head><title>Page not found &#8211; Academy</title></head><body class="error404"></body></html>';
	const answer = (status: number, text: string): RawAnswer => ({ status, headers: {}, text });

	beforeEach(() => forgetPermalinks());

	test('the ?rest_route= form keeps the route\'s own query beside it, encoded', () => {
		expect(routeUrl(`${SITE}/blog/`, routes.getCourses(), 'plain')).toBe(`${SITE}/blog/?rest_route=%2Ftva%2Fv1%2FgetCourses`);
		expect(routeUrl(SITE, routes.searchUsers('a+b@x.test', 2), 'plain')).toBe(`${SITE}/?rest_route=%2Fwp%2Fv2%2Fusers&search=a%2Bb%40x.test&context=edit&per_page=100&page=2`);
		expect(routeUrl(SITE, routes.courses({ status: 'private', limit: 5, offset: 0 }), 'plain')).toBe(`${SITE}/?rest_route=%2Ftva%2Fv2%2Fcourses&filter%5Bstatus%5D=private&limit=5&offset=0`);
	});

	test('only an HTML 404 is a permalink miss; rest_no_route is a real answer', () => {
		expect(isPlainPermalinkMiss(404, page)).toBe(true);
		expect(isPlainPermalinkMiss(404, '{"code":"rest_no_route","message":"No route was found matching the URL and request method.","data":{"status":404}}')).toBe(false);
		expect(isPlainPermalinkMiss(200, page)).toBe(false);
	});

	test('falls back to ?rest_route= and remembers it per site; forgets it after a failure there', async () => {
		const sent: string[] = [];
		let plainWorks = true;
		const send = async (url: string) => {
			sent.push(url.replace(SITE, ''));
			if (url.includes('/wp-json/')) return answer(404, page);
			return plainWorks ? answer(200, '[{"id":15,"title":"P"}]') : answer(404, page);
		};
		const first = await exchange(SITE, routes.getCourses(), send);
		expect(first.permalinks).toBe('plain');
		expect(interpret(SITE, routes.getCourses(), first)).toEqual({ response: { status: 200, body: [{ id: 15, title: 'P' }], headers: {} } });
		expect(permalinksOf(`${SITE}/`)).toBe('plain');
		expect(permalinksOf('https://other.test')).toBe('pretty');
		await exchange(SITE, routes.products(), send);
		expect(sent).toEqual(['/wp-json/tva/v1/getCourses', '/?rest_route=%2Ftva%2Fv1%2FgetCourses', '/?rest_route=%2Ftva%2Fv1%2Fproducts']);

		sent.length = 0;
		plainWorks = false;
		const failed = await exchange(SITE, routes.products(), send);
		expect(sent).toEqual(['/?rest_route=%2Ftva%2Fv1%2Fproducts', '/wp-json/tva/v1/products', '/?rest_route=%2Ftva%2Fv1%2Fproducts']);
		expect(permalinksOf(SITE)).toBe('pretty');
		const result = interpret(SITE, routes.products(), failed);
		expect('failure' in result && result.failure.message).toBe('The site answered with an HTML page for both /wp-json/ and ?rest_route= — is the Site URL the address of the WordPress site?');
	});

	test('a network failure through ?rest_route= forgets the choice', async () => {
		await exchange(SITE, routes.getCourses(), async (url) => (url.includes('/wp-json/') ? answer(404, page) : answer(200, '[]')));
		expect(permalinksOf(SITE)).toBe('plain');
		await expect(exchange(SITE, routes.getCourses(), async () => Promise.reject(new Error('ECONNRESET')))).rejects.toThrow('ECONNRESET');
		expect(permalinksOf(SITE)).toBe('pretty');
	});

	test('a pretty-permalink site is asked once, and a JSON 404 is not retried', async () => {
		const sent: string[] = [];
		const missing = await exchange(SITE, routes.products(), async (url) => {
			sent.push(url);
			return answer(404, '{"code":"rest_no_route","message":"No route","data":{"status":404}}');
		});
		expect(sent).toEqual([`${SITE}/wp-json/tva/v1/products`]);
		expect(missing.permalinks).toBe('pretty');
	});

	test('a redirect is reported, not followed, whichever way the site was reached', async () => {
		const exchanged = await exchange(SITE, routes.newOrder(), async (url) => ({ status: 301, headers: { location: url.replace('academy.', 'www.academy.') }, text: '<html>Moved</html>' }));
		const result = interpret(SITE, routes.newOrder(), exchanged);
		expect('failure' in result && result.failure.message).toBe(
			"Your site redirects https://academy.example.test → https://www.academy.example.test: set the credential's Site URL to https://www.academy.example.test",
		);
	});
});
