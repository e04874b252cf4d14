// loseAnswers: the call is carried out in full, then the client gets no answer (connection reset, or held
// open until stop()).
import { startSandbox } from '../../../sandbox';
import { KEY, newOrderBody, rawRequest, sandboxEmails, sandboxRequests, sandboxState, setSettings, useSandbox, newOrder } from './helpers';

const ctx = useSandbox();
const newOrderRequest = () => ({
	method: 'POST',
	path: '/wp-json/tva/v1/newOrder',
	headers: { TVA: KEY, 'Content-Type': 'application/json' },
	body: JSON.stringify(newOrderBody()),
});

describe("loseAnswers mode 'reset'", () => {
	it('stores the order and sends the emails, then resets the connection, for the next `count` matching calls only', async () => {
		await setSettings(ctx.url, { loseAnswers: { route: 'POST /tva/v1/newOrder', count: 2, mode: 'reset' } });
		await expect(rawRequest(ctx.sandbox.port, newOrderRequest())).rejects.toMatchObject({ code: 'ECONNRESET' });
		expect((await sandboxState(ctx.url)).orders).toHaveLength(1);
		expect((await sandboxEmails(ctx.url)).map((e) => e.kind)).toEqual(['new-account', 'admin-new-user']);
		expect((await sandboxState(ctx.url)).settings.loseAnswers).toEqual({ route: 'POST /tva/v1/newOrder', count: 1, mode: 'reset' });
		await expect(rawRequest(ctx.sandbox.port, newOrderRequest())).rejects.toMatchObject({ code: 'ECONNRESET' });
		const third = await newOrder(ctx.url);
		expect(third.status).toBe(200);
		expect(third.body.order_id).toBe(3);
		const state = await sandboxState(ctx.url);
		expect(state.orders).toHaveLength(3);
		expect(state.settings.loseAnswers).toBeNull();
		expect((await sandboxRequests(ctx.url)).map((r) => [r.status, r.lost])).toEqual([
			[200, 'reset'],
			[200, 'reset'],
			[200, undefined],
		]);
	});

	it('leaves other routes and methods alone, and matches routes case-insensitively and via ?rest_route=', async () => {
		await setSettings(ctx.url, { loseAnswers: { route: 'POST /tva/v1/neworder', count: 1, mode: 'reset' } });
		expect((await rawRequest(ctx.sandbox.port, { path: '/wp-json/tva/v1/getCourses', headers: { TVA: KEY } })).status).toBe(200);
		const viaQuery = { ...newOrderRequest(), path: '/?rest_route=/tva/v1/newOrder' };
		await expect(rawRequest(ctx.sandbox.port, viaQuery)).rejects.toMatchObject({ code: 'ECONNRESET' });
		expect((await sandboxState(ctx.url)).orders).toHaveLength(1);
	});

	it('refuses a malformed value', async () => {
		expect((await setSettings(ctx.url, { loseAnswers: { route: 'newOrder', count: 1, mode: 'reset' } })).status).toBe(400);
		expect((await setSettings(ctx.url, { loseAnswers: { route: 'POST /tva/v1/newOrder', count: 1, mode: 'drop' } })).status).toBe(400);
	});
});

describe("loseAnswers mode 'hang'", () => {
	it('stores the order and never answers; stop() closes the connection', async () => {
		const sandbox = await startSandbox({ loseAnswers: { route: 'POST /tva/v1/newOrder', count: 1, mode: 'hang' } });
		const pending = rawRequest(sandbox.port, newOrderRequest());
		const outcome = pending.then(
			(answer) => ({ answered: answer.status }),
			(error: NodeJS.ErrnoException) => ({ error: error.code }),
		);
		// Wait until the sandbox has carried the call out.
		let logged: Array<{ lost?: string }> = [];
		while (logged.length === 0) logged = await sandboxRequests(sandbox.url);
		expect(logged[0].lost).toBe('hang');
		expect((await sandboxState(sandbox.url)).orders).toHaveLength(1);
		await sandbox.stop();
		expect(await outcome).toEqual({ error: 'ECONNRESET' });
	});
});
