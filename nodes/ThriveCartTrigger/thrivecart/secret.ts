/**
 * ThriveCart proves a delivery with `thrivecart_secret` in the body (no signature, no timestamp); it is
 * checked against a salted HMAC in constant time (verifier.ts) and must never reach workflow data.
 */
export const SECRET_FIELD = 'thrivecart_secret';

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
