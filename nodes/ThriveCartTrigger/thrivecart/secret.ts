/**
 * ThriveCart proves a delivery with `thrivecart_secret` in the body (no signature, no timestamp).
 * Compared in constant time over SHA-256 digests so neither content nor length leaks; never throws.
 */
import { createHash, timingSafeEqual } from 'crypto';

export const SECRET_FIELD = 'thrivecart_secret';

function digest(value: string): Buffer {
	return createHash('sha256').update(value, 'utf8').digest();
}

export function verifySecret(received: unknown, expected: string): boolean {
	try {
		if (typeof received !== 'string' || typeof expected !== 'string') return false;
		if (received === '' || expected === '') return false;
		return timingSafeEqual(digest(received), digest(expected));
	} catch {
		return false;
	}
}

/** A deep copy without any `thrivecart_secret` field, at any depth: for raw payloads shown to users. */
export function stripSecrets<T>(value: T): T {
	if (Array.isArray(value)) return value.map((entry) => stripSecrets(entry)) as T;
	if (typeof value !== 'object' || value === null) return value;
	const result: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
		if (key.toLowerCase() === SECRET_FIELD) continue;
		result[key] = stripSecrets(entry);
	}
	return result as T;
}
