import type { IDataObject } from 'n8n-workflow';
import { ThriveCartTrigger } from '../../../nodes/ThriveCartTrigger/ThriveCartTrigger.node';
import { createWebhookContext, type WebhookRequestOptions } from '../../support/thrivecartContexts';
import { httpBuildQuery } from '../../support/httpBuildQuery';
import { builtForm, builtPayload, FIXTURE_SECRET, FORM, JSON_TYPE, sharedForm, sharedJson } from '../../support/thrivecartFixtures';

const node = new ThriveCartTrigger();
const CREDENTIALS = { secretWord: FIXTURE_SECRET, apiKey: '', mode: 'live', baseUrl: 'http://127.0.0.1:9/unused' };
const ALL_EVENTS = { events: [] as string[], mode: 'both', productIds: [] as string[], options: {} };

async function deliver(options: Partial<WebhookRequestOptions> & { rawBody?: Buffer }) {
	const { context, response } = createWebhookContext({
		credentials: CREDENTIALS,
		parameters: { events: ['order.success', 'order.refund', 'order.subscription_cancelled'], mode: 'both', productIds: [], options: {} },
		contentType: FORM,
		...options,
	});
	const result = await node.webhook.call(context);
	const items = (result.workflowData?.[0] ?? []).map((item) => item.json as IDataObject);
	return { result, response, items };
}

describe('answering ThriveCart without starting a workflow', () => {
	it('answers the HEAD setup check with 200 and no execution', async () => {
		const { result, response } = await deliver({ webhookName: 'setup', method: 'HEAD', rawBody: undefined, contentType: undefined });
		expect(response).toEqual({ status: 200, ended: true });
		expect(result).toEqual({ noWebhookResponse: true });
	});

	it('answers the setup POST (no event, no secret) with 200 and no execution', async () => {
		for (const rawBody of [Buffer.alloc(0), Buffer.from('check=1'), Buffer.from('{}')]) {
			const { result, response } = await deliver({ rawBody, contentType: rawBody.toString().startsWith('{') ? JSON_TYPE : FORM });
			expect(response.status).toBe(200);
			expect(result.workflowData).toBeUndefined();
			expect(result.noWebhookResponse).toBe(true);
		}
	});

	it('rejects a wrong secret word with 401 and no execution', async () => {
		const body = sharedForm('order-success-2018-test-paypal-subscription').toString().replace(FIXTURE_SECRET, 'guessed-word');
		const { result, response } = await deliver({ rawBody: Buffer.from(body) });
		expect(response).toEqual({ status: 401, body: { error: 'invalid secret word' }, ended: true });
		expect(result).toEqual({ noWebhookResponse: true });
	});

	it('rejects a delivery without a secret word with 401', async () => {
		const payload = builtPayload('order-success-bump');
		delete payload.thrivecart_secret;
		const { result, response } = await deliver({ rawBody: Buffer.from(JSON.stringify(payload)), contentType: JSON_TYPE });
		expect(response.status).toBe(401);
		expect(result.workflowData).toBeUndefined();
	});

	it('acknowledges events, modes and products that were not chosen with 200 {} and no execution', async () => {
		const refund = builtForm('refund-product-full');
		const notChosen = await deliver({ rawBody: refund, parameters: { ...ALL_EVENTS, events: ['order.success'] } });
		expect(notChosen.response).toEqual({ status: 200, body: {}, ended: true });
		expect(notChosen.result.workflowData).toBeUndefined();

		const testOnly = await deliver({ rawBody: refund, parameters: { ...ALL_EVENTS, mode: 'test' } });
		expect(testOnly.result.workflowData).toBeUndefined();

		const otherProduct = await deliver({ rawBody: refund, parameters: { ...ALL_EVENTS, productIds: ['99'] } });
		expect(otherProduct.result.workflowData).toBeUndefined();
		const thisProduct = await deliver({ rawBody: refund, parameters: { ...ALL_EVENTS, productIds: ['12'] } });
		expect(thisProduct.items).toHaveLength(1);
	});

	it('refuses a body that carries no secret word with 401 without reading the rest of it', async () => {
		const { result, response } = await deliver({ rawBody: Buffer.from('{"event": "order.success", '), contentType: JSON_TYPE, parsedBody: {} });
		expect(response).toEqual({ status: 401, body: { error: 'invalid secret word' }, ended: true });
		expect(result.workflowData).toBeUndefined();
	});

	it('rejects an unreadable body whose secret is wrong with 401', async () => {
		const body = `thrivecart_secret=nope&event=order.success&a${'[x]'.repeat(30)}=1`;
		const { result, response } = await deliver({ rawBody: Buffer.from(body) });
		expect(response.status).toBe(401);
		expect(result.workflowData).toBeUndefined();
	});
});

describe('starting a workflow', () => {
	it('outputs the normalised delivery for the form and the JSON encodings alike, without the secret', async () => {
		const fromForm = await deliver({ rawBody: sharedForm('order-success-2018-test-paypal-subscription'), contentType: FORM });
		const fromJson = await deliver({ rawBody: sharedJson('order-success-2018-test-paypal-subscription'), contentType: JSON_TYPE });
		expect(fromForm.items).toHaveLength(1);
		expect(fromForm.items).toEqual(fromJson.items);
		expect(fromForm.items[0]).toMatchObject({ event: 'order.success', customer: { email: 'buyer@example.test' }, order: { id: '1007038' } });
		expect(JSON.stringify(fromForm.items)).not.toContain(FIXTURE_SECRET);
	});

	it('reads a form body past the 1000 keys n8n parses', async () => {
		const payload = builtPayload('order-success-multi-item');
		const order = payload.order as { charges: unknown[] };
		for (let i = 0; i < 120; i++) order.charges.push({ name: `Filler ${i}`, reference: '900', item_type: 'product', amount: '0', amount_str: '0.00', type: 'single', quantity: '1', unit_price: '0' });
		const rawBody = Buffer.from(httpBuildQuery(payload));
		expect(rawBody.toString().split('&').length).toBeGreaterThan(1000);
		const { items } = await deliver({ rawBody });
		expect(items[0].problems).toBeUndefined();
		expect((items[0].items as unknown[]).length).toBe(4);
	});

	it('splits into one item per purchased item when asked', async () => {
		const { items } = await deliver({ rawBody: builtForm('order-success-multi-item'), parameters: { ...ALL_EVENTS, options: { splitItems: true } } });
		expect(items.map((item) => (item.item as { key: string }).key)).toEqual(['product-12', 'bump-12', 'upsell-5', 'downsell-6']);
		expect(items[2]).toMatchObject({ event: 'order.success', order: { id: '4100001' }, item: { key: 'upsell-5', amount: 9700 } });
	});

	it('splits a refund into the refunded item only', async () => {
		const { items } = await deliver({ rawBody: builtForm('refund-bump-partial'), parameters: { ...ALL_EVENTS, options: { splitItems: true } } });
		expect(items).toHaveLength(1);
		expect(items[0].item).toMatchObject({ key: 'bump-12' });
	});

	it('adds the raw payload without the secret when asked', async () => {
		const { items } = await deliver({ rawBody: builtForm('order-success-bump'), parameters: { ...ALL_EVENTS, options: { includeRaw: true } } });
		expect(items[0].raw).toMatchObject({ event: 'order.success', order_id: '4100001' });
		expect(JSON.stringify(items)).not.toContain(FIXTURE_SECRET);
	});

	it('starts an execution for a malformed but signed delivery, carrying problems and raw', async () => {
		const payload = builtPayload('order-success-bump');
		delete (payload.customer as IDataObject).email;
		const { items, response } = await deliver({ rawBody: Buffer.from(httpBuildQuery(payload)), parameters: { ...ALL_EVENTS, productIds: ['12'] } });
		expect(response.status).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].problems).toEqual(['customer.email is missing']);
		expect(items[0].raw).toMatchObject({ order_id: '4100001' });
		expect(JSON.stringify(items)).not.toContain(FIXTURE_SECRET);
	});

	it('shows a broken delivery that names no product even with a product filter', async () => {
		const rawBody = Buffer.from(`event=order.success&thrivecart_secret=${FIXTURE_SECRET}&customer[email]=a%40b.test`);
		const { items } = await deliver({ rawBody, parameters: { ...ALL_EVENTS, productIds: ['12'] } });
		expect(items).toHaveLength(1);
		expect(items[0].problems).toEqual(expect.arrayContaining(['order.id is missing', 'items is missing']));
	});

	it('shows an unreadable body that carries the right secret as an execution with the problem', async () => {
		const body = `thrivecart_secret=${FIXTURE_SECRET}&event=order.success&a${'[x]'.repeat(30)}=1`;
		const { items, response } = await deliver({ rawBody: Buffer.from(body) });
		expect(response.status).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].problems).toEqual([expect.stringMatching(/could not be read: the field "a" is nested more than 16 levels deep/)]);
		expect(items[0].deliveryId).toMatch(/^tc-[0-9a-f]{32}$/);
		expect(JSON.stringify(items)).not.toContain(FIXTURE_SECRET);
	});

	it('drops prototype-polluting keys from a signed delivery and still starts it', async () => {
		const body = `${builtForm('order-success-bump').toString()}&__proto__[polluted]=1&customer[constructor][prototype][polluted]=1`;
		const { items } = await deliver({ rawBody: Buffer.from(body) });
		expect(items).toHaveLength(1);
		expect(({} as IDataObject).polluted).toBeUndefined();
		expect(items[0].problems).toBeUndefined();
	});

	it('reads a multipart delivery from the fields n8n parsed', async () => {
		const flat: IDataObject = {};
		for (const pair of builtForm('order-success-bump').toString().split('&')) {
			const [key, value] = pair.split('=').map((part) => decodeURIComponent(part.replace(/\+/g, ' ')));
			flat[key] = value;
		}
		const { items } = await deliver({ rawBody: undefined, contentType: 'multipart/form-data; boundary=x', parsedBody: flat });
		const { items: fromForm } = await deliver({ rawBody: builtForm('order-success-bump') });
		expect(items).toEqual(fromForm);
	});
});
