import { decodeDelivery, DECODE_LIMITS, screenDelivery } from '../../../nodes/ThriveCartTrigger/thrivecart/decode';
import { parsePhpForm, splitBracketKey, urlDecode } from '../../../nodes/ThriveCartTrigger/thrivecart/phpForm';
import { httpBuildQuery } from '../../support/httpBuildQuery';
import { builtFixtureNames, builtForm, builtJson, FORM, JSON_TYPE, sharedFixtureNames, sharedForm, sharedJson } from '../../support/thrivecartFixtures';

const LIMITS = { maxDepth: DECODE_LIMITS.maxDepth, maxKeys: DECODE_LIMITS.maxKeys };

function form(text: string) {
	return decodeDelivery({ rawBody: Buffer.from(text), contentType: FORM, parsedBody: {} });
}

function payloadOf(result: ReturnType<typeof decodeDelivery>): Record<string, unknown> {
	if (!result.ok) throw new Error(`expected a payload, got: ${result.problem}`);
	return result.payload;
}

describe('the PHP form decoder', () => {
	it('reads bracket keys into nested objects and indexed keys into arrays', () => {
		const payload = payloadOf(form('customer%5Bemail%5D=a%40b.test&order%5Bcharges%5D%5B0%5D%5Bamount%5D=3000&order%5Bcharges%5D%5B1%5D%5Bamount%5D=10&purchase_map%5B0%5D=product-2'));
		expect(payload).toEqual({
			customer: { email: 'a@b.test' },
			order: { charges: [{ amount: '3000' }, { amount: '10' }] },
			purchase_map: ['product-2'],
		});
		expect(Array.isArray((payload.order as { charges: unknown }).charges)).toBe(true);
	});

	it('appends with a[] like PHP, after the highest index so far', () => {
		expect(payloadOf(form('a[]=x&a[]=y&b[5]=p&b[]=q'))).toEqual({ a: ['x', 'y'], b: { '5': 'p', '6': 'q' } });
	});

	it('keeps objects whose keys are not exactly 0..n-1 as objects', () => {
		expect(payloadOf(form('m[1]=a&m[2]=b'))).toEqual({ m: { '1': 'a', '2': 'b' } });
		expect(payloadOf(form('m[0]=a&m[x]=b'))).toEqual({ m: { '0': 'a', x: 'b' } });
	});

	it('decodes + as a space and percent escapes as UTF-8, leaving bad escapes as written', () => {
		expect(payloadOf(form('name=Jane+Doe&plan=30+%E2%82%AC%2FMonat&bad=100%zz&half=%E2%82'))).toEqual({
			name: 'Jane Doe',
			plan: '30 €/Monat',
			bad: '100%zz',
			half: '\ufffd',
		});
		expect(urlDecode('%')).toBe('%');
		expect(urlDecode('%4')).toBe('%4');
		expect(urlDecode('a%2Bb')).toBe('a+b');
	});

	it('keeps every value a string, IDs beyond 2^53 included', () => {
		expect(payloadOf(form('customer_id=429583657898226838&total=5900&flag=true'))).toEqual({
			customer_id: '429583657898226838',
			total: '5900',
			flag: 'true',
		});
	});

	it('splits keys like PHP, ignoring what follows an unclosed bracket', () => {
		expect(splitBracketKey('a[b][c]')).toEqual(['a', 'b', 'c']);
		expect(splitBracketKey('a[]')).toEqual(['a', '']);
		expect(splitBracketKey('a[b')).toEqual(['a[b']);
		expect(splitBracketKey('a[b][c')).toEqual(['a', 'b']);
		expect(splitBracketKey('plain')).toEqual(['plain']);
	});

	it('lets a later value replace an earlier one at the same key', () => {
		expect(payloadOf(form('a=1&a[b]=2'))).toEqual({ a: { b: '2' } });
		expect(payloadOf(form('a[b]=2&a=1'))).toEqual({ a: '1' });
	});

	it('reads more than the 1000 keys n8n keeps', () => {
		const pairs = Array.from({ length: 1500 }, (_, index) => `order[charges][${index}][amount]=${index}`);
		const payload = payloadOf(form(pairs.join('&')));
		const charges = (payload.order as { charges: Array<{ amount: string }> }).charges;
		expect(charges).toHaveLength(1500);
		expect(charges[1499]).toEqual({ amount: '1499' });
	});
});

describe('hostile bodies', () => {
	it('drops __proto__, constructor and prototype keys and pollutes nothing', () => {
		const payload = payloadOf(
			form('__proto__[polluted]=yes&a[__proto__][polluted]=yes&constructor[prototype][polluted]=yes&b[constructor]=x&ok=1'),
		);
		// A field with a forbidden segment is dropped whole.
		expect(payload).toEqual({ ok: '1' });
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(Object.getPrototypeOf(payload)).toBe(Object.prototype);

		const json = payloadOf(
			decodeDelivery({ rawBody: Buffer.from('{"__proto__":{"polluted":"yes"},"a":{"constructor":{"prototype":{"polluted":"yes"}}},"ok":"1"}'), contentType: JSON_TYPE, parsedBody: undefined }),
		);
		expect(json).toEqual({ a: {}, ok: '1' });
		expect(Object.prototype.hasOwnProperty.call(json, '__proto__')).toBe(false);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('refuses a form nested deeper than the limit', () => {
		const key = 'a' + '[x]'.repeat(DECODE_LIMITS.maxDepth);
		const result = form(`${key}=1`);
		expect(result).toMatchObject({ ok: false, reason: 'too-deep' });
		expect(form(`a${'[x]'.repeat(DECODE_LIMITS.maxDepth - 1)}=1`).ok).toBe(true);
	});

	it('refuses a JSON depth bomb without handing it to the parser', () => {
		const bomb = '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000);
		const result = decodeDelivery({ rawBody: Buffer.from(bomb), contentType: JSON_TYPE, parsedBody: undefined });
		expect(result).toMatchObject({ ok: false, reason: 'too-deep' });
		if (!result.ok) expect(result.problem).toMatch(/nested more than 16 levels/);
	});

	it('refuses more keys than the limit, in form and JSON', () => {
		const pairs = Array.from({ length: DECODE_LIMITS.maxKeys + 1 }, (_, index) => `k${index}=1`).join('&');
		expect(form(pairs)).toMatchObject({ ok: false, reason: 'too-many-keys' });
		const object = Object.fromEntries(Array.from({ length: DECODE_LIMITS.maxKeys + 1 }, (_, index) => [`k${index}`, 1]));
		expect(decodeDelivery({ rawBody: Buffer.from(JSON.stringify(object)), contentType: JSON_TYPE, parsedBody: undefined })).toMatchObject({
			ok: false,
			reason: 'too-many-keys',
		});
	});

	it('refuses a body over the byte limit', () => {
		const result = form(`event=order.success&pad=${'x'.repeat(DECODE_LIMITS.maxBytes)}`);
		expect(result).toMatchObject({ ok: false, reason: 'too-large' });
		if (!result.ok) expect(result.problem).toMatch(/bytes/);
	});

	it('refuses JSON that is not an object, and JSON that does not parse', () => {
		for (const body of ['[1,2]', '"text"', 'null', '42']) {
			const result = decodeDelivery({ rawBody: Buffer.from(body), contentType: JSON_TYPE, parsedBody: undefined });
			expect(result.ok).toBe(false);
		}
		expect(decodeDelivery({ rawBody: Buffer.from('[1,2]'), contentType: JSON_TYPE, parsedBody: undefined })).toMatchObject({ reason: 'not-an-object' });
		expect(decodeDelivery({ rawBody: Buffer.from('{"a":'), contentType: JSON_TYPE, parsedBody: undefined })).toMatchObject({ reason: 'invalid-json' });
	});

	it('calls an empty body empty', () => {
		expect(decodeDelivery({ rawBody: Buffer.alloc(0), contentType: FORM, parsedBody: {} })).toMatchObject({ ok: false, reason: 'empty' });
		expect(decodeDelivery({ rawBody: Buffer.from('  \n'), contentType: FORM, parsedBody: {} })).toMatchObject({ ok: false, reason: 'empty' });
		expect(decodeDelivery({ rawBody: undefined, contentType: undefined, parsedBody: undefined })).toMatchObject({ ok: false, reason: 'empty' });
	});

	it('never throws on random bytes', () => {
		let seed = 7;
		const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		for (let run = 0; run < 200; run++) {
			const bytes = Buffer.from(Array.from({ length: 1 + Math.floor(random() * 200) }, () => Math.floor(random() * 256)));
			for (const contentType of [FORM, JSON_TYPE, undefined, 'text/plain']) {
				expect(() => decodeDelivery({ rawBody: bytes, contentType, parsedBody: undefined })).not.toThrow();
			}
		}
	});
});

describe('choosing the encoding from the body and content type', () => {
	it.each(sharedFixtureNames())('decodes %s the same as form and as JSON', (name) => {
		const fromForm = payloadOf(decodeDelivery({ rawBody: sharedForm(name), contentType: FORM, parsedBody: {} }));
		const fromJson = payloadOf(decodeDelivery({ rawBody: sharedJson(name), contentType: 'application/json; charset=utf-8', parsedBody: {} }));
		expect(fromForm).toEqual(fromJson);
		expect(fromJson).toEqual(JSON.parse(sharedJson(name).toString('utf8')));
	});

	it('recognises JSON sent with a form content type, and form sent with none', () => {
		const json = sharedJson('cart-abandoned-2020');
		expect(decodeDelivery({ rawBody: json, contentType: FORM, parsedBody: {} })).toMatchObject({ ok: true, encoding: 'json' });
		expect(decodeDelivery({ rawBody: sharedForm('cart-abandoned-2020'), contentType: undefined, parsedBody: {} })).toMatchObject({ ok: true, encoding: 'form' });
	});

	it('expands multipart fields n8n already parsed flat', () => {
		const flat = { event: 'order.success', 'customer[email]': 'a@b.test', 'purchase_map[0]': 'product-2', 'purchase_map[1]': 'bump-2', 'x[]': ['p', 'q'] };
		const result = decodeDelivery({ rawBody: undefined, contentType: 'multipart/form-data; boundary=abc', parsedBody: flat });
		expect(payloadOf(result)).toEqual({ event: 'order.success', customer: { email: 'a@b.test' }, purchase_map: ['product-2', 'bump-2'], x: ['p', 'q'] });
		expect(result).toMatchObject({ encoding: 'multipart' });
	});

	it('falls back to the flat fields n8n parsed when the raw bytes are missing', () => {
		const result = decodeDelivery({ rawBody: undefined, contentType: FORM, parsedBody: { 'customer[email]': 'a@b.test' } });
		expect(payloadOf(result)).toEqual({ customer: { email: 'a@b.test' } });
	});

	it('keeps JSON integers beyond 2^53 exact where Node exposes their source', () => {
		const result = payloadOf(decodeDelivery({ rawBody: Buffer.from('{"customer_id":429583657898226838,"total":5900}'), contentType: JSON_TYPE, parsedBody: undefined }));
		expect(result.total).toBe(5900);
		const sourceAvailable = (() => {
			let seen = false;
			JSON.parse('1', function (_key, value, context?: { source?: string }) {
				seen = context?.source === '1';
				return value;
			} as (key: string, value: unknown) => unknown);
			return seen;
		})();
		expect(result.customer_id).toBe(sourceAvailable ? '429583657898226838' : 429583657898226840);
	});

	it('parses the same tree from http_build_query output as from the object it encoded', () => {
		const data = { a: { b: ['x', 'y z'], c: 'é&=' }, d: '1' };
		const result = parsePhpForm(httpBuildQuery(data), LIMITS);
		expect(result).toEqual({ ok: true, tree: data });
	});
});

describe('screening a body before its secret word is checked', () => {
	const screen = (text: string, contentType = FORM) => screenDelivery({ rawBody: Buffer.from(text), contentType, parsedBody: undefined });

	it('finds the secret word at the top of a form or JSON body, however broken the rest is', () => {
		expect(screen(`thrivecart_secret=s%20w&event=order.success&a${'[x]'.repeat(40)}=1`)).toEqual({ secrets: ['s w'], namesEvent: true });
		const json = `{"thrivecart_secret":"s\\"w","event":"order.refund","a":${'['.repeat(40)}${']'.repeat(40)}}`;
		expect(screen(json, JSON_TYPE)).toEqual({ secrets: ['s"w'], namesEvent: true });
		expect(screen('a=1&b=2')).toEqual({ secrets: [], namesEvent: false });
		expect(screen('a=1&xthrivecart_secret=no&event=')).toEqual({ secrets: [], namesEvent: false });
	});

	it('reads the same secret word and event from every fixture as decoding does, in both encodings', () => {
		const bodies = [
			...sharedFixtureNames().flatMap((name) => [[sharedForm(name), FORM], [sharedJson(name), JSON_TYPE]] as const),
			...builtFixtureNames().flatMap((name) => [[builtForm(name), FORM], [builtJson(name), JSON_TYPE]] as const),
		];
		for (const [rawBody, contentType] of bodies) {
			const decoded = decodeDelivery({ rawBody, contentType, parsedBody: undefined });
			if (!decoded.ok) throw new Error(decoded.problem);
			expect(screenDelivery({ rawBody, contentType, parsedBody: undefined })).toEqual({
				secrets: [decoded.payload.thrivecart_secret],
				namesEvent: typeof decoded.payload.event === 'string' && decoded.payload.event !== '',
			});
		}
	});

	it('keeps every copy of a repeated secret field, up to four', () => {
		expect(screen('thrivecart_secret=a&thrivecart_secret=b&event=x').secrets).toEqual(['a', 'b']);
		expect(screen(Array.from({ length: 9 }, (_, i) => `thrivecart_secret=w${i}`).join('&')).secrets).toEqual(['w0', 'w1', 'w2', 'w3']);
	});

	it('reads what n8n parsed for multipart bodies', () => {
		const parsed = { data: { thrivecart_secret: 'word', event: 'order.success' }, files: {} };
		expect(screenDelivery({ rawBody: undefined, contentType: 'multipart/form-data; boundary=x', parsedBody: parsed })).toEqual({
			secrets: ['word'],
			namesEvent: true,
		});
		expect(screenDelivery({ rawBody: undefined, contentType: FORM, parsedBody: { check: '1' } })).toEqual({ secrets: [], namesEvent: false });
	});

	it('scans a body at the size limit without decoding it (same answer as decoding would give)', () => {
		const filler = `x=${'%zz'.repeat(300_000)}`;
		const body = `event=order.success&thrivecart_secret=wrong&${filler}`.slice(0, DECODE_LIMITS.maxBytes);
		expect(screen(body)).toEqual({ secrets: ['wrong'], namesEvent: true });
		const decoded = decodeDelivery({ rawBody: Buffer.from(body), contentType: FORM, parsedBody: undefined });
		expect(decoded.ok && decoded.payload.thrivecart_secret).toBe('wrong');
	});
});

describe('percent-decoding with bad escapes', () => {
	/** The former decoder, one character at a time: slow, but obviously PHP's rule; the oracle here. */
	function byCharacter(text: string): string {
		const bytes: number[] = [];
		for (let i = 0; i < text.length; i++) {
			if (text[i] === '%' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
				bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
				i += 2;
				continue;
			}
			const code = text.codePointAt(i) as number;
			for (const byte of Buffer.from(String.fromCodePoint(code), 'utf8')) bytes.push(byte);
			if (code > 0xffff) i++;
		}
		return Buffer.from(bytes).toString('utf8');
	}

	it('gives what decoding byte by byte gives, on edge cases and on random mixes', () => {
		const pieces = ['%', '%4', '%zz', '%E2', '%82', '%AC', '%e2%82%ac', '%F0%9F%98%80', '%FF', '%C3', '%A9', 'a', 'é', '€', '😀', '\ud800', '\udc00', '+', '%25', '%2B'];
		const cases = ['100%zz', '%E2%82', 'x%E2%82%ACy%FFz', '%C3%A9%C3', '\ud800%80', '%ED%A0%80'];
		let seed = 7;
		const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
		for (let n = 0; n < 2000; n++) {
			const length = 1 + (next() % 12);
			cases.push(Array.from({ length }, () => pieces[next() % pieces.length]).join(''));
		}
		for (const text of cases) {
			const spaced = text.replace(/\+/g, ' ');
			let expected = spaced;
			try {
				expected = decodeURIComponent(spaced);
			} catch {
				expected = byCharacter(spaced);
			}
			expect([text, urlDecode(text)]).toEqual([text, expected]);
		}
	});
});
