/**
 * Turns one HTTP delivery into a plain payload object, whichever way ThriveCart encoded it: PHP-style
 * form (the default), JSON ("Receive results as JSON" and every Event Subscription delivery) or multipart.
 * The encoding is decided from the body and its content type, never from a node setting, so flipping
 * the checkbox in ThriveCart cannot break a workflow. Values stay as sent (IDs stay strings).
 */
import { expandFlatFields, isForbiddenKey, parsePhpForm, urlDecode, type LimitExceeded, type TreeResult } from './phpForm';

export const DECODE_LIMITS = {
	maxBytes: 1024 * 1024,
	maxDepth: 16,
	maxKeys: 10_000,
} as const;

export type DecodeFailureReason =
	| 'empty'
	| 'too-large'
	| 'too-deep'
	| 'too-many-keys'
	| 'invalid-json'
	| 'not-an-object'
	| 'unsupported';

export type DeliveryEncoding = 'form' | 'json' | 'multipart';

export interface DeliveryBody {
	rawBody: Buffer | undefined;
	contentType: string | undefined;
	/** What n8n parsed (`getBodyData()`): used for multipart, and when the raw bytes are missing. */
	parsedBody: unknown;
}

export type DecodeResult =
	| { ok: true; payload: Record<string, unknown>; encoding: DeliveryEncoding }
	| { ok: false; problem: string; reason: DecodeFailureReason };

function fail(reason: DecodeFailureReason, problem: string): DecodeResult {
	return { ok: false, reason, problem };
}

function mediaType(contentType: string | undefined): string {
	return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

function isJsonType(type: string): boolean {
	return type === 'application/json' || type.endsWith('+json');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

function bodyText(rawBody: Buffer): string {
	const text = rawBody.toString('utf8');
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const LIMITS = { maxDepth: DECODE_LIMITS.maxDepth, maxKeys: DECODE_LIMITS.maxKeys };

function fromTree(result: TreeResult, encoding: DeliveryEncoding): DecodeResult {
	return result.ok ? { ok: true, encoding, payload: result.tree } : fail(result.reason, result.problem);
}

export function decodeDelivery(body: DeliveryBody): DecodeResult {
	const type = mediaType(body.contentType);
	if (body.rawBody && body.rawBody.length > DECODE_LIMITS.maxBytes) {
		return fail(
			'too-large',
			`the body is ${body.rawBody.length} bytes, more than the ${DECODE_LIMITS.maxBytes} bytes a ThriveCart delivery can need`,
		);
	}
	if (type === 'multipart/form-data') {
		const fields = multipartFields(body.parsedBody);
		if (!fields) return fail('empty', 'the multipart body has no fields');
		return fromTree(expandFlatFields(fields, LIMITS), 'multipart');
	}

	if (!body.rawBody || body.rawBody.length === 0) return decodeParsedOnly(type, body.parsedBody);

	const text = bodyText(body.rawBody);
	if (text.trim() === '') return fail('empty', 'the body is empty');
	const looksLikeJson = /^\s*[[{"]/.test(text);
	if (isJsonType(type) || looksLikeJson) return decodeJsonText(text);
	if (type === '' || type === 'application/x-www-form-urlencoded' || type === 'text/plain') {
		return fromTree(parsePhpForm(text.trim(), LIMITS), 'form');
	}
	return fail('unsupported', `the content type "${type}" is not one ThriveCart sends (form, JSON or multipart)`);
}

/**
 * n8n parses multipart bodies itself (formidable) and hands nodes `{ data: { "customer[email]": … },
 * files }`; a flat field map is accepted too.
 */
function multipartFields(parsed: unknown): Record<string, unknown> | undefined {
	const fields = isPlainObject(parsed) && isPlainObject(parsed.data) ? parsed.data : parsed;
	return isPlainObject(fields) && Object.keys(fields).length > 0 ? fields : undefined;
}

function decodeParsedOnly(type: string, parsed: unknown): DecodeResult {
	if (parsed === undefined || parsed === null || parsed === '') return fail('empty', 'the body is empty');
	if (!isPlainObject(parsed)) {
		return fail('not-an-object', 'the body is not an object of fields (ThriveCart always sends one)');
	}
	if (Object.keys(parsed).length === 0) return fail('empty', 'the body is empty');
	// Without raw bytes only a flat form map (keys with brackets) needs expanding; JSON is already a tree.
	const flat = Object.keys(parsed).some((key) => key.includes('['));
	if (flat || type === 'application/x-www-form-urlencoded') return fromTree(expandFlatFields(parsed, LIMITS), 'form');
	return fromSanitised(parsed);
}

/** Nesting depth of `{`/`[` outside strings: checked before parsing so a depth bomb never reaches the parser. */
function jsonNestingDepth(text: string): number {
	let depth = 0;
	let deepest = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const char = text.charCodeAt(i);
		if (inString) {
			if (char === 0x5c) i++;
			else if (char === 0x22) inString = false;
		} else if (char === 0x22) inString = true;
		else if (char === 0x7b || char === 0x5b) {
			depth++;
			if (depth > deepest) deepest = depth;
		} else if (char === 0x7d || char === 0x5d) depth--;
	}
	return deepest;
}

/** Keeps integers beyond 2^53 as their exact digits (an ID must not be rounded) where Node exposes the source. */
function keepBigIntegers(this: unknown, _key: string, value: unknown, context?: { source?: string }): unknown {
	if (typeof value === 'number' && !Number.isSafeInteger(value) && context?.source && /^-?\d+$/.test(context.source)) {
		return context.source;
	}
	return value;
}

function decodeJsonText(text: string): DecodeResult {
	// Counted in objects and arrays, the top-level object included: `a[b][c]=` in a form is three levels.
	if (jsonNestingDepth(text) > DECODE_LIMITS.maxDepth) {
		return fail('too-deep', `the JSON body is nested more than ${DECODE_LIMITS.maxDepth} levels deep`);
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(text, keepBigIntegers as (key: string, value: unknown) => unknown);
	} catch (error) {
		return fail('invalid-json', `the body is not valid JSON (${(error as Error).message})`);
	}
	if (!isPlainObject(parsed)) {
		return fail('not-an-object', 'the JSON body is not an object (ThriveCart always sends an object)');
	}
	return fromSanitised(parsed);
}

function fromSanitised(parsed: Record<string, unknown>): DecodeResult {
	const state: SanitiseState = { keys: 0 };
	const payload = sanitiseJson(parsed, 1, state) as Record<string, unknown>;
	return state.failure ? fail(state.failure.reason, state.failure.problem) : { ok: true, encoding: 'json', payload };
}

interface SanitiseState {
	keys: number;
	failure?: LimitExceeded;
}

/** A copy without prototype-reaching keys, bounded in depth and key count like the form parser. */
function sanitiseJson(value: unknown, depth: number, state: SanitiseState): unknown {
	if (typeof value !== 'object' || value === null || state.failure) return value;
	if (depth > DECODE_LIMITS.maxDepth) {
		state.failure = { reason: 'too-deep', problem: `the body is nested more than ${DECODE_LIMITS.maxDepth} levels deep` };
		return undefined;
	}
	const keys = Array.isArray(value) ? value.map((_, index) => index) : Object.keys(value).filter((key) => !isForbiddenKey(key));
	state.keys += keys.length;
	if (state.keys > DECODE_LIMITS.maxKeys) {
		state.failure = { reason: 'too-many-keys', problem: `the body has more than ${DECODE_LIMITS.maxKeys} fields, more than any ThriveCart order` };
		return undefined;
	}
	if (Array.isArray(value)) return value.map((entry) => sanitiseJson(entry, depth + 1, state));
	const result: Record<string, unknown> = {};
	for (const key of keys as string[]) result[key] = sanitiseJson((value as Record<string, unknown>)[key], depth + 1, state);
	return result;
}

/** At most this many `thrivecart_secret` values are tried from one body (ThriveCart sends one). */
const MAX_SECRET_CANDIDATES = 4;

/**
 * What the trigger reads before it checks the secret word, so that a body without the right word costs
 * a scan of its bytes and never a decode: every top-level `thrivecart_secret` value written plainly
 * (ThriveCart neither escapes the name in a form nor in JSON), and whether a non-empty `event` is there
 * (ThriveCart's setup POST has none and must get 200). The check on the decoded payload still follows.
 */
export interface Screening {
	secrets: string[];
	namesEvent: boolean;
}

export function screenDelivery(body: DeliveryBody): Screening {
	const type = mediaType(body.contentType);
	const raw = body.rawBody;
	if (type !== 'multipart/form-data' && raw && raw.length > 0) {
		// Scanned as bytes (Buffer.indexOf): a 1 MiB body is never turned into a string before the check.
		const first = firstSignificantByte(raw);
		if (isJsonType(type) || first === 0x7b || first === 0x5b || first === 0x22) {
			return { secrets: jsonSecrets(raw), namesEvent: jsonNamesEvent(raw) };
		}
		return { secrets: formSecrets(raw), namesEvent: formNamesEvent(raw) };
	}
	const parsed = isPlainObject(body.parsedBody) && isPlainObject(body.parsedBody.data) ? body.parsedBody.data : body.parsedBody;
	if (!isPlainObject(parsed)) return { secrets: [], namesEvent: false };
	const secrets = (Array.isArray(parsed.thrivecart_secret) ? parsed.thrivecart_secret : [parsed.thrivecart_secret])
		.filter((value): value is string => typeof value === 'string' && value !== '')
		.slice(0, MAX_SECRET_CANDIDATES);
	const event = Array.isArray(parsed.event) ? parsed.event[0] : parsed.event;
	return { secrets, namesEvent: typeof event === 'string' && event.trim() !== '' };
}

const AMPERSAND = 0x26;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

/** Past a UTF-8 byte-order mark and whitespace, as `bodyText` and `trim` do for decoding. */
function bodyStart(raw: Buffer): number {
	let at = raw.length >= 3 && raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf ? 3 : 0;
	while (at < raw.length && (raw[at] === 0x20 || raw[at] === 0x09 || raw[at] === 0x0a || raw[at] === 0x0d)) at++;
	return at;
}

function firstSignificantByte(raw: Buffer): number | undefined {
	return raw[bodyStart(raw)];
}

/** Offsets just past each top-level `name=` of a form body (at its start or after `&`). */
function* formFieldValues(raw: Buffer, name: string): Generator<number> {
	const needle = `${name}=`;
	const start = bodyStart(raw);
	for (let at = raw.indexOf(needle, start, 'latin1'); at !== -1; at = raw.indexOf(needle, at + 1, 'latin1')) {
		if (at === start || raw[at - 1] === AMPERSAND) yield at + needle.length;
	}
}

function formSecrets(raw: Buffer): string[] {
	const values: string[] = [];
	for (const from of formFieldValues(raw, 'thrivecart_secret')) {
		const end = raw.indexOf(AMPERSAND, from);
		const value = urlDecode(raw.toString('utf8', from, end === -1 ? raw.length : end));
		if (value !== '') values.push(value);
		if (values.length === MAX_SECRET_CANDIDATES) break;
	}
	return values;
}

function formNamesEvent(raw: Buffer): boolean {
	for (const from of formFieldValues(raw, 'event')) {
		if (from < raw.length && raw[from] !== AMPERSAND) return true;
	}
	return false;
}

function skipSpaces(raw: Buffer, at: number): number {
	while (at < raw.length && (raw[at] === 0x20 || raw[at] === 0x09 || raw[at] === 0x0a || raw[at] === 0x0d)) at++;
	return at;
}

/** Offsets of the opening quote of each string value of `"name": "…"` in a JSON body. */
function* jsonStringValues(raw: Buffer, name: string): Generator<number> {
	const needle = `"${name}"`;
	for (let at = raw.indexOf(needle, 0, 'latin1'); at !== -1; at = raw.indexOf(needle, at + 1, 'latin1')) {
		let next = skipSpaces(raw, at + needle.length);
		if (raw[next] !== COLON) continue;
		next = skipSpaces(raw, next + 1);
		if (raw[next] === QUOTE) yield next;
	}
}

/** The end quote of the JSON string opening at `open`, or -1. */
function stringEnd(raw: Buffer, open: number): number {
	for (let at = open + 1; at < raw.length; at++) {
		if (raw[at] === BACKSLASH) at++;
		else if (raw[at] === QUOTE) return at;
	}
	return -1;
}

function jsonSecrets(raw: Buffer): string[] {
	const values: string[] = [];
	for (const open of jsonStringValues(raw, 'thrivecart_secret')) {
		const close = stringEnd(raw, open);
		if (close === -1) break;
		try {
			const value = JSON.parse(raw.toString('utf8', open, close + 1)) as string;
			if (value !== '') values.push(value);
		} catch {
			// An invalid escape: not a word ThriveCart wrote.
		}
		if (values.length === MAX_SECRET_CANDIDATES) break;
	}
	return values;
}

function jsonNamesEvent(raw: Buffer): boolean {
	for (const open of jsonStringValues(raw, 'event')) {
		if (open + 1 < raw.length && raw[open + 1] !== QUOTE) return true;
	}
	return false;
}
