/**
 * PHP's `http_build_query` (RFC 1738 `urlencode`: spaces as `+`, brackets percent-encoded), which is how
 * ThriveCart encodes its default form deliveries. Null values are skipped and booleans become 1/0, as in PHP.
 */
export function phpUrlEncode(value: string): string {
	return encodeURIComponent(value)
		.replace(/[!'()*~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
		.replace(/%20/g, '+');
}

function scalar(value: unknown): string {
	if (value === true) return '1';
	if (value === false) return '0';
	return String(value);
}

function encodeEntry(key: string, value: unknown, pairs: string[]): void {
	if (value === null || value === undefined) return;
	if (typeof value === 'object') {
		const entries = Array.isArray(value) ? value.map((entry, index) => [String(index), entry] as const) : Object.entries(value);
		for (const [childKey, child] of entries) encodeEntry(`${key}[${childKey}]`, child, pairs);
		return;
	}
	pairs.push(`${phpUrlEncode(key)}=${phpUrlEncode(scalar(value))}`);
}

export function httpBuildQuery(data: Record<string, unknown>): string {
	const pairs: string[] = [];
	for (const [key, value] of Object.entries(data)) encodeEntry(key, value, pairs);
	return pairs.join('&');
}
