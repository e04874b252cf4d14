/**
 * What the trigger keeps in the workflow's static data (stored unencrypted) to check deliveries without
 * reading the credential on every request: HMAC-SHA256 of the secret word under a random salt made at
 * activation. It proves a word without being one: it cannot be sent as `thrivecart_secret`, and a new
 * salt per activation means the same word never gives the same stored value twice.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'crypto';

export interface SecretVerifier {
	algorithm: 'hmac-sha256';
	/** 32 hex digits, random per activation (or per change of secret word). */
	salt: string;
	/** 64 hex digits. */
	digest: string;
}

function hmac(salt: string, word: string): Buffer {
	return createHmac('sha256', Buffer.from(salt, 'hex')).update(word, 'utf8').digest();
}

export function createVerifier(secretWord: string, salt: string = randomBytes(16).toString('hex')): SecretVerifier {
	return { algorithm: 'hmac-sha256', salt, digest: hmac(salt, secretWord).toString('hex') };
}

/** Static data is user-editable JSON: anything not exactly a verifier is treated as absent. */
export function asVerifier(value: unknown): SecretVerifier | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const record = value as Record<string, unknown>;
	if (record.algorithm !== 'hmac-sha256') return undefined;
	if (typeof record.salt !== 'string' || !/^[0-9a-f]{32}$/.test(record.salt)) return undefined;
	if (typeof record.digest !== 'string' || !/^[0-9a-f]{64}$/.test(record.digest)) return undefined;
	return { algorithm: 'hmac-sha256', salt: record.salt, digest: record.digest };
}

/** Constant time in the word's content and length (both sides are 32-byte digests); never throws. */
export function matchesVerifier(received: unknown, verifier: SecretVerifier): boolean {
	try {
		if (typeof received !== 'string' || received === '') return false;
		return timingSafeEqual(hmac(verifier.salt, received), Buffer.from(verifier.digest, 'hex'));
	} catch {
		return false;
	}
}
