/**
 * Removes secrets from text that may reach an error message, a description or an output item: the
 * known secret values, plus anything that looks like an auth header (a proxy or plugin page may echo the
 * request back).
 */
export const REDACTED = '[redacted]';

export function redact(text: string, secrets: readonly string[]): string {
	let result = text;
	for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
		if (secret) result = result.split(secret).join(REDACTED);
	}
	// Only header-shaped text: a course called "Basic Photography" must stay as it is.
	return result
		.replace(/(\bAuthorization["']?\s*[:=]\s*["']?Basic\s+)[A-Za-z0-9+/=]{8,}/gi, `$1${REDACTED}`)
		.replace(/(\bTVA["']?\s*:\s*["']?)[A-Za-z0-9-]{10,}/g, `$1${REDACTED}`);
}

/** Redacts every string inside a JSON-like value. */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
	if (typeof value === 'string') return redact(value, secrets) as T;
	if (Array.isArray(value)) return value.map((entry) => redactDeep(entry, secrets)) as T;
	if (value && typeof value === 'object') {
		const result: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(value)) result[key] = redactDeep(entry, secrets);
		return result as T;
	}
	return value;
}
