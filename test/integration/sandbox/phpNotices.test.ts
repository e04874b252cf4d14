// phpNotices: a host with display_errors on prints PHP notices as HTML before the JSON of every 2xx answer.
import { asAdmin, newOrder, newOrderBody, rest, setSettings, useSandbox, withKey } from './helpers';

const ctx = useSandbox();
const NOTICE = /^<br \/>\n<b>Deprecated<\/b>: {2}Creation of dynamic property .* in <b>\/var\/www\/html\/wp-content\/plugins\/thrive-apprentice\/.*\.php<\/b> on line <b>\d+<\/b><br \/>\n/;

describe('phpNotices', () => {
	it('is off by default: answers are plain JSON', async () => {
		const answer = await withKey(ctx.url, '/tva/v1/getCourses');
		expect(answer.text.startsWith('[')).toBe(true);
	});

	describe('when on', () => {
		beforeEach(async () => {
			await setSettings(ctx.url, { phpNotices: true });
		});

		it('puts the notice before the JSON of a 2xx answer and keeps the JSON content type', async () => {
			for (const answer of [await withKey(ctx.url, '/tva/v1/getCourses'), await asAdmin(ctx.url, '/tva/v1/products/999')]) {
				expect(answer.status).toBe(200);
				expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
				expect(answer.body).toBeUndefined();
				expect(answer.text).toMatch(NOTICE);
				expect(() => JSON.parse(answer.text.replace(NOTICE, ''))).not.toThrow();
			}
		});

		it('adds the processor warning too when newOrder lacks order.processor', async () => {
			const body = newOrderBody();
			delete (body.order as Record<string, unknown>).processor;
			const answer = await newOrder(ctx.url, body);
			expect(answer.text.replace(NOTICE, '')).toMatch(/^<br \/>\n<b>Warning<\/b>: .*processor.*\{"order_id":1,"user_id":5\}$/s);
		});

		it('leaves error answers alone', async () => {
			const answer = await rest(ctx.url, '/tva/v1/getCourses');
			expect(answer.status).toBe(401);
			expect(answer.body.code).toBe('authentication_failure');
		});
	});
});
