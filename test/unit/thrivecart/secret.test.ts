import { stripSecrets } from '../../../nodes/ThriveCartTrigger/thrivecart/secret';
import { asVerifier, createVerifier, matchesVerifier } from '../../../nodes/ThriveCartTrigger/thrivecart/verifier';

const verifySecret = (received: unknown, expected: string) => matchesVerifier(received, createVerifier(expected));

describe('the secret word check (a salted HMAC of the word)', () => {
	it('stores neither the word nor the same value twice, and reads back only well-formed verifiers', () => {
		const first = createVerifier('test-secret-word');
		const second = createVerifier('test-secret-word');
		expect(first.salt).not.toBe(second.salt);
		expect(first.digest).not.toBe(second.digest);
		expect(JSON.stringify(first)).not.toContain('test-secret-word');
		expect(asVerifier(JSON.parse(JSON.stringify(first)))).toEqual(first);
		for (const odd of [undefined, null, 'x', {}, { ...first, algorithm: 'sha1' }, { ...first, salt: 'zz' }, { ...first, digest: first.digest.slice(1) }]) {
			expect(asVerifier(odd)).toBeUndefined();
		}
	});

	it('accepts only the exact secret', () => {
		expect(verifySecret('test-secret-word', 'test-secret-word')).toBe(true);
		expect(verifySecret('test-secret-wore', 'test-secret-word')).toBe(false);
		expect(verifySecret('test-secret-word ', 'test-secret-word')).toBe(false);
		expect(verifySecret('TEST-SECRET-WORD', 'test-secret-word')).toBe(false);
		expect(verifySecret('test', 'test-secret-word')).toBe(false);
		expect(verifySecret('test-secret-word-and-more', 'test-secret-word')).toBe(false);
	});

	it('is false, never an exception, for missing, empty or odd values', () => {
		for (const received of [undefined, null, '', 0, 42, {}, [], ['test-secret-word'], Buffer.from('test-secret-word')]) {
			expect(verifySecret(received, 'test-secret-word')).toBe(false);
		}
		expect(verifySecret('', '')).toBe(false);
		expect(verifySecret('anything', '')).toBe(false);
	});

	it('handles non-ASCII secrets', () => {
		expect(verifySecret('mot-de-passe-é', 'mot-de-passe-é')).toBe(true);
		expect(verifySecret('mot-de-passe-e', 'mot-de-passe-é')).toBe(false);
	});
});

describe('stripSecrets', () => {
	it('removes thrivecart_secret at any depth and leaves the rest', () => {
		const input = { thrivecart_secret: 's', a: { thrivecart_secret: 's', b: [{ thrivecart_secret: 's', c: 1 }] }, d: 'keep' };
		expect(stripSecrets(input)).toEqual({ a: { b: [{ c: 1 }] }, d: 'keep' });
		expect(input.thrivecart_secret).toBe('s');
	});
});
