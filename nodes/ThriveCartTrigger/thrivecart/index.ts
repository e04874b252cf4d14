/** The trigger's pure core in one import, and the decode+normalise entry point benchmarks time. */
import { decodeDelivery, type DecodeResult } from './decode';
import { normaliseDelivery, type NormaliseOptions } from './normalise';
import type { ThriveCartDelivery } from './schema';

export * from './events';
export * from './decode';
export * from './normalise';
export * from './schema';
export * from './secret';
export * from './verifier';
export * from './filters';
export { deriveDeliveryId } from './deliveryId';

export type ParsedDelivery =
	| { ok: true; payload: Record<string, unknown>; delivery: ThriveCartDelivery }
	| Extract<DecodeResult, { ok: false }>;

/** Decode one HTTP body and normalise it: what the trigger does for every POST after the secret check. */
export function parseDelivery(
	rawBody: Buffer | undefined,
	contentType: string | undefined,
	parsedBody: unknown = undefined,
	options: NormaliseOptions = {},
): ParsedDelivery {
	const decoded = decodeDelivery({ rawBody, contentType, parsedBody });
	if (!decoded.ok) return decoded;
	return { ok: true, payload: decoded.payload, delivery: normaliseDelivery(decoded.payload, options) };
}
