// Compares an answer with a recorded one by shape: same keys (recursively), same JSON types, arrays of the
// same length compared element by element (lists of rows with numeric ids paired by id: TA's list order
// is not stable, see the reference). Values are compared only where the sequence depends on them:
// numeric ids (`ID_KEYS`) and a bare top-level scalar (refundOrder's echoed order id, `true`).

/** Keys whose values are ids that a replay must follow (users, TA orders and items, products, courses). */
export const ID_KEYS = new Set(['id', 'ID', 'order_id', 'user_id', 'product_id']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function jsonType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value;
}

type Row = { id: number; [key: string]: Json };

const hasNumericIds = (list: Json[]): list is Row[] =>
	list.every((e) => jsonType(e) === 'object' && typeof (e as Record<string, Json>).id === 'number');

const byId = (list: Row[]) => [...list].sort((x, y) => x.id - y.id);

/** Every difference as `path: what`, empty when the shapes agree. */
export function shapeDifferences(recorded: unknown, actual: unknown, path = '$'): string[] {
	const want = jsonType(recorded);
	const got = jsonType(actual);
	if (want !== got) return [`${path}: recorded ${want} ${JSON.stringify(recorded)}, got ${got} ${JSON.stringify(actual)}`];
	if (want === 'array') {
		const r = recorded as Json[];
		const a = actual as Json[];
		if (r.length !== a.length) return [`${path}: recorded ${r.length} elements, got ${a.length}`];
		if (hasNumericIds(r) && hasNumericIds(a)) return byId(r).flatMap((element, i) => shapeDifferences(element, byId(a)[i], `${path}[id ${element.id}]`));
		return r.flatMap((element, i) => shapeDifferences(element, a[i], `${path}[${i}]`));
	}
	if (want === 'object') {
		const r = recorded as Record<string, Json>;
		const a = actual as Record<string, Json>;
		const missing = Object.keys(r).filter((k) => !(k in a));
		const extra = Object.keys(a).filter((k) => !(k in r));
		const problems = [...missing.map((k) => `${path}.${k}: missing`), ...extra.map((k) => `${path}.${k}: not in the recording`)];
		for (const key of Object.keys(r).filter((k) => k in a)) {
			const at = `${path}.${key}`;
			if (ID_KEYS.has(key) && (typeof r[key] === 'number' || r[key] === null) && r[key] !== a[key]) {
				problems.push(`${at}: recorded id ${JSON.stringify(r[key])}, got ${JSON.stringify(a[key])}`);
			} else problems.push(...shapeDifferences(r[key], a[key], at));
		}
		return problems;
	}
	if (path === '$' && recorded !== actual) return [`$: recorded ${JSON.stringify(recorded)}, got ${JSON.stringify(actual)}`];
	return [];
}

/** The error code and the `data.details.*.code`s of a WordPress error body (empty for other bodies). */
export function errorCodes(body: unknown): { code?: unknown; details: Record<string, unknown> } {
	if (jsonType(body) !== 'object') return { details: {} };
	const b = body as { code?: unknown; data?: { details?: Record<string, { code?: unknown }> } | null };
	const details: Record<string, unknown> = {};
	const d = b.data && typeof b.data === 'object' ? b.data.details : undefined;
	if (d && typeof d === 'object') for (const [name, detail] of Object.entries(d)) details[name] = detail?.code;
	return { code: b.code, details };
}
