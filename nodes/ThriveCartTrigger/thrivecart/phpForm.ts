/**
 * ThriveCart's default body is PHP's `http_build_query` output (`customer[email]=…&order[charges][0][amount]=…`).
 * This reads it back the way PHP's own `parse_str` does (bracket keys, `a[]` appends, `+` is a space),
 * because n8n's parser keeps the keys flat and silently drops every key past the 1000th.
 *
 * Hostile input is expected: keys that would reach `Object.prototype` are dropped, the tree is built
 * from null-prototype objects, and depth and key count are bounded.
 */
export interface FormLimits {
	maxDepth: number;
	maxKeys: number;
}

export interface LimitExceeded {
	reason: 'too-deep' | 'too-many-keys';
	problem: string;
}

export type TreeResult = { ok: true; tree: Record<string, unknown> } | ({ ok: false } & LimitExceeded);

type Tree = { [key: string]: Tree | string };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const INDEX_PATTERN = /^(0|[1-9]\d{0,8})$/;

export function isForbiddenKey(key: string): boolean {
	return FORBIDDEN_KEYS.has(key);
}

/** PHP's `urldecode`: `+` is a space, bad escapes stay as written (never throws), invalid UTF-8 becomes U+FFFD. */
export function urlDecode(text: string): string {
	const spaced = text.includes('+') ? text.replace(/\+/g, ' ') : text;
	if (!spaced.includes('%')) return spaced;
	try {
		return decodeURIComponent(spaced);
	} catch {
		return lenientPercentDecode(spaced);
	}
}

/**
 * Only runs of `%XX` escapes are decoded, each run at once; text between them is kept as it is. A run
 * that is not valid UTF-8 becomes its bytes decoded with U+FFFD for the bad ones, as PHP's bytes would
 * print. (Working per character allocated a buffer per character: ~100 ms per MiB before the secret check.)
 */
function lenientPercentDecode(text: string): string {
	const decoded = text.replace(ESCAPE_RUN, (run) => {
		try {
			return decodeURIComponent(run);
		} catch {
			return Buffer.from(run.replace(/%/g, ''), 'hex').toString('utf8');
		}
	});
	// A lone surrogate written as is has no UTF-8 form; PHP would see U+FFFD there too.
	return decoded.replace(LONE_SURROGATE, '\uFFFD');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ESCAPE_RUN = /(?:%[0-9a-fA-F]{2})+/g;

/** `order[charges][0][amount]` → `['order', 'charges', '0', 'amount']`; `a[]` → `['a', '']`. */
export function splitBracketKey(key: string): string[] {
	const open = key.indexOf('[');
	// No group, or an unclosed first bracket: the whole key is a plain name.
	if (open <= 0 || key.indexOf(']', open) === -1) return [key];
	const segments = [key.slice(0, open)];
	let position = open;
	while (position < key.length && key[position] === '[') {
		const close = key.indexOf(']', position + 1);
		// Like PHP, an unclosed bracket ends the key; whatever follows the last group is ignored.
		if (close === -1) break;
		segments.push(key.slice(position + 1, close));
		position = close + 1;
	}
	return segments;
}

class TreeBuilder {
	readonly root: Tree = Object.create(null);
	private readonly nextIndex = new WeakMap<Tree, number>();
	private pairs = 0;
	failure: LimitExceeded | undefined;

	constructor(private readonly limits: FormLimits) {}

	/** Adds one field; false once a limit is exceeded (then `failure` says which). */
	add(rawKey: string, value: string): boolean {
		this.pairs++;
		if (this.pairs > this.limits.maxKeys) {
			this.failure = { reason: 'too-many-keys', problem: `the body has more than ${this.limits.maxKeys} fields, more than any ThriveCart order` };
			return false;
		}
		const segments = splitBracketKey(rawKey);
		if (segments[0] === '') return true;
		if (segments.length > this.limits.maxDepth) {
			const name = segments[0].slice(0, 40);
			this.failure = { reason: 'too-deep', problem: `the field "${name}" is nested more than ${this.limits.maxDepth} levels deep` };
			return false;
		}
		if (segments.some(isForbiddenKey)) return true;

		let node = this.root;
		for (let i = 0; i < segments.length; i++) {
			const segment = segments[i] === '' ? String(this.nextIndex.get(node) ?? 0) : segments[i];
			this.noteIndex(node, segment);
			if (i === segments.length - 1) {
				node[segment] = value;
				return true;
			}
			const child = node[segment];
			if (typeof child === 'object') {
				node = child;
			} else {
				const fresh: Tree = Object.create(null);
				node[segment] = fresh;
				node = fresh;
			}
		}
		return true;
	}

	result(): TreeResult {
		if (this.failure) return { ok: false, ...this.failure };
		return { ok: true, tree: finalise(this.root) as Record<string, unknown> };
	}

	private noteIndex(node: Tree, segment: string): void {
		if (!INDEX_PATTERN.test(segment)) return;
		const next = Number(segment) + 1;
		if (next > (this.nextIndex.get(node) ?? 0)) this.nextIndex.set(node, next);
	}
}

/** Null-prototype tree → plain objects; objects keyed exactly 0..n-1 become arrays. */
function finalise(node: Tree | string): unknown {
	if (typeof node === 'string') return node;
	const keys = Object.keys(node);
	if (keys.length > 0 && keys.every((key) => INDEX_PATTERN.test(key) && Number(key) < keys.length)) {
		const list: unknown[] = new Array(keys.length);
		for (const key of keys) list[Number(key)] = finalise(node[key]);
		return list;
	}
	const result: Record<string, unknown> = {};
	for (const key of keys) result[key] = finalise(node[key]);
	return result;
}

export function parsePhpForm(text: string, limits: FormLimits): TreeResult {
	const builder = new TreeBuilder(limits);
	for (const pair of text.split('&')) {
		if (pair === '') continue;
		const equals = pair.indexOf('=');
		const key = urlDecode(equals === -1 ? pair : pair.slice(0, equals));
		const value = equals === -1 ? '' : urlDecode(pair.slice(equals + 1));
		if (!builder.add(key, value)) break;
	}
	return builder.result();
}

/** Fields n8n already parsed flat (multipart, or a form body without its raw bytes) → the same tree. */
export function expandFlatFields(fields: Record<string, unknown>, limits: FormLimits): TreeResult {
	const builder = new TreeBuilder(limits);
	for (const key of Object.keys(fields)) {
		const value = fields[key];
		const values = Array.isArray(value) ? value : [value];
		for (const entry of values) {
			// Uploaded files and other objects are not part of a ThriveCart delivery.
			if (typeof entry !== 'string' && typeof entry !== 'number' && typeof entry !== 'boolean') continue;
			if (!builder.add(key, String(entry))) return builder.result();
		}
	}
	return builder.result();
}
