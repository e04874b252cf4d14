/**
 * The secret word checked from the workflow's static data (a salted HMAC kept by the webhook lifecycle),
 * with the credential read only when that does not match: the n8n-facing behaviour a seller relies on.
 */
import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import { ThriveCartTrigger } from '../../../nodes/ThriveCartTrigger/ThriveCartTrigger.node';
import { createHookContext, createWebhookContext } from '../../support/thrivecartContexts';
import { builtForm, builtJson, FIXTURE_SECRET, FORM, JSON_TYPE } from '../../support/thrivecartFixtures';

const node = new ThriveCartTrigger();
const PARAMETERS = { deliveryStyle: 'accountWebhook', events: [] as string[], mode: 'both', productIds: [] as string[], options: {} };
const NEW_WORD = 'a-new-secret-word-2026';

function credentials(secretWord: string) {
	return { secretWord, apiKey: '', mode: 'live', baseUrl: 'http://127.0.0.1:9/unused' };
}

/** Activates the trigger the way n8n does (checkExists, then create if it says no) on `staticData`. */
async function activate(staticData: IDataObject, secretWord = FIXTURE_SECRET) {
	const { context } = createHookContext({ credentials: credentials(secretWord), parameters: PARAMETERS, staticData });
	const exists = await node.webhookMethods.default.checkExists.call(context);
	if (!exists) await node.webhookMethods.default.create.call(context);
	return exists;
}

async function deliver(staticData: IDataObject, body: Buffer, secretWord = FIXTURE_SECRET, contentType = FORM) {
	const credentialReads = { count: 0 };
	const { context, response } = createWebhookContext({
		credentials: credentials(secretWord),
		parameters: PARAMETERS,
		contentType,
		rawBody: body,
		staticData,
		credentialReads,
	});
	const result = await node.webhook.call(context);
	return { started: result.workflowData !== undefined, status: response.status, credentialReads: credentialReads.count };
}

function withWord(body: Buffer, word: string): Buffer {
	return Buffer.from(body.toString().split(FIXTURE_SECRET).join(encodeURIComponent(word)));
}

/** Every form of the word a leak could take. */
function secretForms(word: string): string[] {
	return [
		word,
		encodeURIComponent(word),
		Buffer.from(word).toString('base64'),
		Buffer.from(word).toString('hex'),
		createHash('sha256').update(word).digest('hex'),
		createHash('sha256').update(word).digest('base64'),
	];
}

describe('the secret word checked from static data', () => {
	it('keeps a salted verifier at activation, never the word or a plain hash of it', async () => {
		const staticData: IDataObject = {};
		expect(await activate(staticData)).toBe(false);
		expect(staticData.secretCheck).toEqual({ algorithm: 'hmac-sha256', salt: expect.stringMatching(/^[0-9a-f]{32}$/), digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
		const stored = JSON.stringify(staticData);
		for (const leak of secretForms(FIXTURE_SECRET)) expect(stored).not.toContain(leak);

		// A second activation of the same workflow with the same word has nothing to renew.
		expect(await activate(staticData)).toBe(true);
		// Another activation elsewhere gets another salt, so the stored value says nothing across workflows.
		const other: IDataObject = {};
		await activate(other);
		expect((other.secretCheck as IDataObject).digest).not.toBe((staticData.secretCheck as IDataObject).digest);
	});

	it('accepts a genuine delivery without reading the credential', async () => {
		const staticData: IDataObject = {};
		await activate(staticData);
		for (const [body, type] of [[builtForm('order-success-bump'), FORM], [builtJson('order-success-bump'), JSON_TYPE]] as const) {
			expect(await deliver(staticData, body, FIXTURE_SECRET, type)).toEqual({ started: true, status: undefined, credentialReads: 0 });
		}
	});

	it('refuses a forged delivery with 401 and no execution, leaving static data as it was', async () => {
		const staticData: IDataObject = {};
		await activate(staticData);
		const before = JSON.stringify(staticData);
		const forged = await deliver(staticData, withWord(builtForm('order-success-bump'), 'guessed-word'));
		expect(forged).toEqual({ started: false, status: 401, credentialReads: 1 });
		expect(JSON.stringify(staticData)).toBe(before);
		// Without any secret word there is nothing to compare: no credential read either.
		const unsigned = await deliver(staticData, Buffer.from('event=order.success&order_id=1'));
		expect(unsigned).toEqual({ started: false, status: 401, credentialReads: 0 });
	});

	it('falls back to the credential when nothing is stored, then keeps a verifier for the next deliveries', async () => {
		const staticData: IDataObject = {};
		expect(await deliver(staticData, builtForm('order-success-bump'))).toEqual({ started: true, status: undefined, credentialReads: 1 });
		expect(staticData.secretCheck).toBeDefined();
		expect(JSON.stringify(staticData)).not.toContain(FIXTURE_SECRET);
		expect(await deliver(staticData, builtForm('order-success-bump'))).toEqual({ started: true, status: undefined, credentialReads: 0 });
	});

	it('never locks out a seller who changed the secret word; the old word stops at the first delivery with the new one', async () => {
		const staticData: IDataObject = {};
		await activate(staticData);
		const order = builtForm('order-success-bump');

		// Until ThriveCart sends with the new word, the kept verifier still knows the old one.
		expect(await deliver(staticData, order, NEW_WORD)).toMatchObject({ started: true, credentialReads: 0 });
		// The first delivery with the new word: read from the credential once, and the verifier replaced.
		expect(await deliver(staticData, withWord(order, NEW_WORD), NEW_WORD)).toEqual({ started: true, status: undefined, credentialReads: 1 });
		expect(await deliver(staticData, withWord(order, NEW_WORD), NEW_WORD)).toMatchObject({ started: true, credentialReads: 0 });
		// From then on the old word is refused.
		expect(await deliver(staticData, order, NEW_WORD)).toEqual({ started: false, status: 401, credentialReads: 1 });
		for (const leak of [...secretForms(FIXTURE_SECRET), ...secretForms(NEW_WORD)]) expect(JSON.stringify(staticData)).not.toContain(leak);
	});

	it('renews the verifier on reactivation after the word changed, so the old word stops at once', async () => {
		const staticData: IDataObject = {};
		await activate(staticData);
		expect(await activate(staticData, NEW_WORD)).toBe(false);
		expect(await deliver(staticData, builtForm('order-success-bump'), NEW_WORD)).toEqual({ started: false, status: 401, credentialReads: 1 });
		expect(await deliver(staticData, withWord(builtForm('order-success-bump'), NEW_WORD), NEW_WORD)).toMatchObject({ started: true, credentialReads: 0 });
	});

	it('forgets the verifier on deactivation and ignores a verifier someone edited', async () => {
		const staticData: IDataObject = {};
		await activate(staticData);
		const { context } = createHookContext({ credentials: credentials(FIXTURE_SECRET), parameters: PARAMETERS, staticData });
		await node.webhookMethods.default.delete.call(context);
		expect(staticData.secretCheck).toBeUndefined();

		staticData.secretCheck = { algorithm: 'hmac-sha256', salt: 'zz', digest: FIXTURE_SECRET };
		expect(await deliver(staticData, builtForm('order-success-bump'))).toEqual({ started: true, status: undefined, credentialReads: 1 });
		expect(staticData.secretCheck).toMatchObject({ salt: expect.stringMatching(/^[0-9a-f]{32}$/) });
	});

	it('answers ThriveCart\'s event-less setup POST with 200 whatever the secret', async () => {
		const staticData: IDataObject = {};
		await activate(staticData);
		expect(await deliver(staticData, Buffer.from('thrivecart_secret=wrong'))).toMatchObject({ started: false, status: 200 });
		expect(await deliver(staticData, Buffer.from(`thrivecart_secret=${FIXTURE_SECRET}`))).toMatchObject({ started: false, status: 200, credentialReads: 0 });
	});
});
