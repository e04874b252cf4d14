/**
 * ThriveCart's value conventions: in form bodies (and often in JSON re-encoded from PHP) every value is a
 * string, including "null", "true" and "false"; money is in minor units; IDs may exceed 2^53.
 * These readers turn one raw value into what the normalised shape promises, or null.
 */
export type Raw = Record<string, unknown>;

export function asRecord(value: unknown): Raw | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Raw) : undefined;
}

/** A list that may arrive as an array, a `{ "0": … }` object or a comma string (`accessible_purchase_map`). */
export function asList(value: unknown): unknown[] {
	if (Array.isArray(value)) return value;
	if (typeof value === 'string') {
		const text = value.trim();
		if (text === '' || text === 'null' || text === 'false') return [];
		return text.split(',').map((part) => part.trim()).filter((part) => part !== '');
	}
	const record = asRecord(value);
	return record ? Object.values(record) : [];
}

/** A non-empty string, or null for absent, empty, `"null"` and `"false"` (ThriveCart's "no value"). */
export function text(value: unknown): string | null {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'bigint') return value.toString();
	if (typeof value !== 'string') return null;
	const trimmed = value.trim();
	if (trimmed === '' || trimmed === 'null' || trimmed === 'false' || trimmed === 'undefined') return null;
	return trimmed;
}

/** An ID: always a string (never a number, which would round above 2^53). */
export const id = text;

export function bool(value: unknown): boolean | null {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : null;
	if (typeof value !== 'string') return null;
	const normalised = value.trim().toLowerCase();
	if (['true', '1', 'yes', 'on'].includes(normalised)) return true;
	if (['false', '0', 'no', 'off'].includes(normalised)) return false;
	return null;
}

/** A whole number (minor-unit amount, counter), or null. `"5900"` → 5900. */
export function integer(value: unknown): number | null {
	if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
	if (typeof value !== 'string') return null;
	const trimmed = value.trim();
	if (!/^-?\d{1,15}$/.test(trimmed)) return null;
	return Number(trimmed);
}

/** ISO 8601 (UTC, `toISOString`) from an ISO string, a unix timestamp, or ThriveCart's `YYYY-MM-DD HH:MM:SS` (UTC). */
export function isoDate(value: unknown): string | null {
	if (typeof value === 'number' && Number.isFinite(value) && value > 0) return fromMillis(value * 1000);
	const raw = text(value);
	if (raw === null) return null;
	if (/^\d{9,11}$/.test(raw)) return fromMillis(Number(raw) * 1000);
	const sqlStyle = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/.exec(raw);
	if (sqlStyle) return fromMillis(Date.parse(`${sqlStyle[1]}T${sqlStyle[2]}Z`));
	if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(raw)) return fromMillis(Date.parse(raw));
	return null;
}

function fromMillis(millis: number): string | null {
	if (!Number.isFinite(millis)) return null;
	const date = new Date(millis);
	return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The first of several candidate values that reads as something. */
export function firstOf<T>(read: (value: unknown) => T | null, ...candidates: unknown[]): T | null {
	for (const candidate of candidates) {
		const value = read(candidate);
		if (value !== null) return value;
	}
	return null;
}
