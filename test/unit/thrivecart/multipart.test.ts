import { decodeDelivery } from '../../../nodes/ThriveCartTrigger/thrivecart/decode';
import { FORM, sharedFixtureNames, sharedForm } from '../../support/thrivecartFixtures';

const MULTIPART = 'multipart/form-data; boundary=----n8n';

/** What n8n hands a node for a multipart body: formidable's fields under `data`, uploads under `files`. */
function asN8nParsesIt(formText: string): unknown {
	const data: Record<string, string | string[]> = {};
	for (const [key, value] of new URLSearchParams(formText)) {
		const earlier = data[key];
		data[key] = earlier === undefined ? value : ([] as string[]).concat(earlier, value);
	}
	return { data, files: {} };
}

describe('multipart/form-data deliveries (parsed by n8n)', () => {
	it.each(sharedFixtureNames())('%s: decodes exactly like the form body', (name) => {
		const formText = sharedForm(name).toString('utf8');
		const viaMultipart = decodeDelivery({ rawBody: undefined, contentType: MULTIPART, parsedBody: asN8nParsesIt(formText) });
		const viaForm = decodeDelivery({ rawBody: Buffer.from(formText), contentType: FORM, parsedBody: {} });
		expect(viaMultipart).toMatchObject({ ok: true, encoding: 'multipart' });
		expect(viaMultipart.ok && viaMultipart.payload).toEqual(viaForm.ok && viaForm.payload);
	});

	it('also takes a flat field map', () => {
		const decoded = decodeDelivery({ rawBody: undefined, contentType: MULTIPART, parsedBody: { event: 'order.success', 'customer[email]': 'a@b.test' } });
		expect(decoded.ok && decoded.payload).toEqual({ event: 'order.success', customer: { email: 'a@b.test' } });
	});

	it('keeps __proto__ out of the payload and Object.prototype untouched', () => {
		const decoded = decodeDelivery({
			rawBody: undefined,
			contentType: MULTIPART,
			parsedBody: { data: { '__proto__[polluted]': 'yes', 'constructor[prototype][x]': '1', event: 'order.success' }, files: {} },
		});
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(decoded.ok && decoded.payload).toEqual({ event: 'order.success' });
	});

	it('an empty multipart body is reported as empty', () => {
		expect(decodeDelivery({ rawBody: undefined, contentType: MULTIPART, parsedBody: { data: {}, files: {} } })).toMatchObject({ ok: false, reason: 'empty' });
	});
});
