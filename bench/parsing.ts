/**
 * 4. Parsing: microseconds per delivery to decode and normalise each fixture in both encodings (what
 * the trigger does for every POST, timed on the functions themselves, in the Node that runs n8n), and
 * the worst case for hostile bodies at the size, key and depth limits. For hostile bodies, refusing
 * them without the right secret word is timed (all a stranger can make the trigger do: a scan of the
 * raw bytes and the verifier check, no decoding), and so are decoding alone and decoding + normalising.
 */
import { createVerifier, decodeDelivery, matchesVerifier, parseDelivery, screenDelivery } from '../nodes/ThriveCartTrigger/thrivecart';
import { DECODE_LIMITS } from '../nodes/ThriveCartTrigger/thrivecart/decode';
import {
	FORM,
	JSON_TYPE,
	builtFixtureNames,
	builtForm,
	builtJson,
	sharedFixtureNames,
	sharedForm,
	sharedJson,
} from '../test/support/thrivecartFixtures';
import { hostileBodies } from './lib/hostileBodies';
import { machine, type Machine } from './lib/machine';
import { time, type Timing } from './lib/microbench';

export interface FixtureTiming {
	fixture: string;
	source: 'captured' | 'built';
	encoding: 'form' | 'json';
	bytes: number;
	event: string | null;
	items: number;
	problems: number;
	decodeAndNormalise: Timing;
}

export interface HostileTiming {
	body: string;
	description: string;
	bytes: number;
	outcome: string;
	/** What the trigger does before it refuses a body without the right word: screenDelivery + the verifier. */
	refuseUnsigned: Timing;
	/** Whether that refused the body (it must: the bodies carry another word). */
	refused: boolean;
	decodeOnly: Timing;
	decodeAndNormalise: Timing;
}

export interface ParsingResult {
	kind: 'parsing';
	at: string;
	machine: Machine;
	limits: typeof DECODE_LIMITS;
	fixtures: FixtureTiming[];
	hostile: HostileTiming[];
	worstFixtureUs: number;
	worstHostileUs: number;
	worstHostileDecodeOnlyUs: number;
	worstRefuseUs: number;
	problems: string[];
	/** Decode + normalise of the signed bodies naming the most items (40,000 and more; at most 1,000 are read). */
	longestOrders: Array<{ body: string; itemsNamed: number; items: number; us: number }>;
	targets: typeof PARSING_TARGETS;
}

export const PARSING_TARGETS = { refuseUnsignedUs: 5000, longestOrderUs: 200_000 } as const;

function fixture(name: string, source: FixtureTiming['source'], encoding: FixtureTiming['encoding'], body: Buffer): FixtureTiming {
	const contentType = encoding === 'form' ? FORM : JSON_TYPE;
	const parsed = parseDelivery(body, contentType);
	if (!parsed.ok) throw new Error(`the fixture ${name} (${encoding}) did not decode: ${parsed.problem}`);
	return {
		fixture: name,
		source,
		encoding,
		bytes: body.length,
		event: parsed.delivery.event,
		items: parsed.delivery.items.length,
		problems: parsed.delivery.problems?.length ?? 0,
		decodeAndNormalise: time(() => parseDelivery(body, contentType)),
	};
}

/** How many item keys a hostile body's purchase_map_flat names (the body is deterministic). */
export function itemsNamed(name: string): number {
	const body = hostileBodies().find((entry) => entry.name === name);
	const decoded = body && decodeDelivery({ rawBody: body.body, contentType: body.contentType, parsedBody: undefined });
	if (!decoded?.ok) return 0;
	const list = decoded.payload.purchase_map_flat;
	return typeof list === 'string' ? list.split(',').filter((key) => key.trim() !== '').length : 0;
}

export async function runParsing(): Promise<ParsingResult> {
	const fixtures: FixtureTiming[] = [];
	for (const name of sharedFixtureNames()) {
		fixtures.push(fixture(name, 'captured', 'form', sharedForm(name)));
		fixtures.push(fixture(name, 'captured', 'json', sharedJson(name)));
	}
	for (const name of builtFixtureNames()) {
		fixtures.push(fixture(name, 'built', 'form', builtForm(name)));
		fixtures.push(fixture(name, 'built', 'json', builtJson(name)));
	}
	process.stdout.write(`  parsing: ${fixtures.length} fixture bodies timed\n`);

	const hostile: HostileTiming[] = [];
	// The seller's word, which the hostile bodies do not carry.
	const verifier = createVerifier('the-sellers-real-secret-word');
	for (const body of hostileBodies()) {
		const raw = { rawBody: body.body, contentType: body.contentType, parsedBody: undefined };
		const refuse = () => screenDelivery(raw).secrets.some((word) => matchesVerifier(word, verifier));
		const refused = !refuse();
		const refuseUnsigned = time(refuse);
		const decodeOnly = time(() => decodeDelivery(raw));
		// The outcome comes from the timed calls themselves: a slow body is parsed as few times as possible.
		let parsed: ReturnType<typeof parseDelivery> | undefined;
		const decodeAndNormalise = time(() => (parsed = parseDelivery(body.body, body.contentType)));
		const outcome = !parsed
			? 'not parsed'
			: parsed.ok
				? `accepted: ${parsed.delivery.items.length} items${parsed.delivery.problems ? `, ${parsed.delivery.problems.length} problems` : ''}`
				: `rejected (${parsed.reason})`;
		hostile.push({ body: body.name, description: body.description, bytes: body.body.length, outcome, refuseUnsigned, refused, decodeOnly, decodeAndNormalise });
		process.stdout.write(`  parsing: ${body.name} ${decodeAndNormalise.us} µs (${outcome})\n`);
	}
	return {
		kind: 'parsing',
		at: new Date().toISOString(),
		machine: machine(),
		limits: DECODE_LIMITS,
		fixtures,
		hostile,
		worstFixtureUs: Math.max(...fixtures.map((f) => f.decodeAndNormalise.us)),
		worstHostileUs: Math.max(...hostile.map((h) => h.decodeAndNormalise.us)),
		worstHostileDecodeOnlyUs: Math.max(...hostile.map((h) => h.decodeOnly.us)),
		worstRefuseUs: Math.max(...hostile.map((h) => h.refuseUnsigned.us)),
		longestOrders: hostile
			.filter((h) => h.body.endsWith('longest-order'))
			.map((h) => ({ body: h.body, itemsNamed: itemsNamed(h.body), items: Number(/(\d+) items/.exec(h.outcome)?.[1] ?? 0), us: h.decodeAndNormalise.us })),
		targets: PARSING_TARGETS,
		problems: hostile.filter((h) => !h.refused).map((h) => `the hostile body ${h.body} was not refused without the secret word`),
	};
}
