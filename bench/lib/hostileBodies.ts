/**
 * Hostile deliveries at (and just past) the decoder's limits: size, key count and depth, escapes that
 * force the lenient decoder, a JSON depth bomb, and an order whose item and charge lists are as long as
 * the limits allow (the normaliser matches items to charge rows).
 */
import { DECODE_LIMITS } from '../../nodes/ThriveCartTrigger/thrivecart/decode';

export interface HostileBody {
	name: string;
	description: string;
	body: Buffer;
	contentType: string;
}

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
const { maxBytes, maxDepth, maxKeys } = DECODE_LIMITS;
const SIGNED = 'event=order.success&thrivecart_secret=test-secret-word';

/** Pads a form body with one more field up to exactly `size` bytes. */
function padForm(parts: string[], size: number): string {
	const body = parts.join('&');
	const room = size - body.length - '&pad='.length;
	return room > 0 ? `${body}&pad=${'x'.repeat(room)}` : body;
}

function formAtLimits(): string {
	// maxKeys fields, each maxDepth levels deep, values sized so the body is maxBytes.
	const fields = maxKeys - 3;
	const tail = '[s]'.repeat(maxDepth - 1);
	const valueLength = Math.floor((maxBytes - SIGNED.length - fields * (`&p00000${tail}=`.length + 1)) / fields);
	const parts = [SIGNED];
	for (let i = 0; i < fields; i++) parts.push(`p${String(i).padStart(5, '0')}${tail}=${'v'.repeat(valueLength)}`);
	return padForm(parts, maxBytes);
}

function jsonAtLimits(): string {
	// maxKeys keys in all (objects' keys and arrays' entries count), nested maxDepth deep, maxBytes long.
	let nested: unknown = 'leaf';
	for (let level = 0; level < maxDepth - 2; level++) nested = { n: nested };
	const fields = maxKeys - 3 - (maxDepth - 2);
	const payload: Record<string, unknown> = { event: 'order.success', thrivecart_secret: 'test-secret-word', deep: nested };
	const base = JSON.stringify(payload).length + fields * `,"k00000":""`.length;
	const valueLength = Math.floor((maxBytes - base - 16) / fields);
	for (let i = 0; i < fields; i++) payload[`k${String(i).padStart(5, '0')}`] = 'v'.repeat(valueLength);
	return JSON.stringify(payload);
}

/** As many purchased items and charge rows as the limits allow: items via `purchase_map_flat` (one field). */
function longOrderForm(): string {
	const rows = Math.floor((maxKeys - 10) / 2);
	const parts = [SIGNED, 'customer[email]=a%40example.test', 'order_id=1', 'base_product=1'];
	for (let i = 0; i < rows; i++) parts.push(`order[charges][${i}][item_identifier]=product-${i}&order[charges][${i}][amount]=100`);
	const head = parts.join('&');
	const keys: string[] = [];
	let size = head.length + '&purchase_map_flat='.length;
	for (let i = 0; size < maxBytes - 16; i++) {
		const key = `product-${i}%2C`;
		size += key.length;
		keys.push(key);
	}
	return `${head}&purchase_map_flat=${keys.join('')}`.slice(0, maxBytes);
}

function longOrderJson(): string {
	const rows = Math.floor((maxKeys - 10) / 3);
	const charges = Array.from({ length: rows }, (_, i) => ({ item_identifier: `product-${i}`, amount: '100' }));
	const payload: Record<string, unknown> = {
		event: 'order.success',
		thrivecart_secret: 'test-secret-word',
		customer: { email: 'a@example.test' },
		order_id: '1',
		base_product: '1',
		order: { charges },
		purchase_map_flat: '',
	};
	const room = maxBytes - JSON.stringify(payload).length - 16;
	const keys: string[] = [];
	for (let i = 0, size = 0; size < room; i++) {
		const key = `product-${i},`;
		size += key.length;
		keys.push(key);
	}
	payload.purchase_map_flat = keys.join('').slice(0, room);
	return JSON.stringify(payload);
}

export function hostileBodies(): HostileBody[] {
	const form = (name: string, description: string, text: string): HostileBody => ({ name, description, body: Buffer.from(text), contentType: FORM });
	const json = (name: string, description: string, text: string): HostileBody => ({ name, description, body: Buffer.from(text), contentType: JSON_TYPE });
	return [
		form('form-at-all-limits', `${maxKeys} fields, each ${maxDepth} levels deep, ${maxBytes} bytes`, formAtLimits()),
		form('form-valid-escapes', `${maxBytes} bytes of %XX escapes in one value`, padForm([SIGNED, `v=${'%41'.repeat(Math.floor((maxBytes - 100) / 3))}`], maxBytes)),
		form('form-malformed-escapes', `${maxBytes} bytes with a malformed escape (the lenient decoder)`, padForm([SIGNED, `v=%zz${'%41'.repeat(Math.floor((maxBytes - 100) / 3))}`], maxBytes)),
		form('form-too-large', `${maxBytes + 1} bytes (rejected)`, padForm([SIGNED], maxBytes + 1)),
		form('form-too-deep', `a field ${maxDepth + 1} levels deep (rejected)`, `${SIGNED}&a${'[b]'.repeat(maxDepth)}=1`),
		form('form-too-many-keys', `${maxKeys + 1} fields (rejected)`, [SIGNED, ...Array.from({ length: maxKeys }, (_, i) => `k${i}=1`)].join('&')),
		form('form-longest-order', `${Math.floor((maxKeys - 10) / 2)} charge rows and a ${maxBytes}-byte purchase_map_flat list`, longOrderForm()),
		json('json-at-all-limits', `${maxKeys} keys, ${maxDepth} levels deep, ~${maxBytes} bytes`, jsonAtLimits()),
		json('json-depth-bomb', `${maxBytes} bytes of "[" (rejected)`, '['.repeat(maxBytes)),
		json('json-too-many-keys', `${maxKeys + 1} keys (rejected)`, JSON.stringify(Object.fromEntries(Array.from({ length: maxKeys + 1 }, (_, i) => [`k${i}`, 1])))),
		json('json-longest-order', `${Math.floor((maxKeys - 10) / 3)} charge rows and a long purchase_map_flat list`, longOrderJson()),
	];
}
