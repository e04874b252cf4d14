/**
 * The shipped fulfilment template as a seller imports it: its canvas reads right (every branch leads
 * where its name says, no connection behind a node, nothing overlapping), the product map lives in one
 * node and is empty, and the Settings switches have the names the notes explain.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { layoutProblems, targetsOf, type LayoutWorkflow } from '../../support/canvasLayout';
import { SETTING_NAMES } from '../../support/templates';

const FILE = join(__dirname, '..', '..', '..', 'templates', 'thrivecart-thrive-apprentice-fulfilment.json');
const template = JSON.parse(readFileSync(FILE, 'utf8')) as LayoutWorkflow & {
	nodes: Array<{ name: string; type: string; parameters: Record<string, unknown> }>;
};
const node = (name: string) => template.nodes.find((candidate) => candidate.name === name)!;
const REVOKE = 'Revoke refunded or cancelled item';

test('the canvas has no connection behind a node, no overlaps, and no crossing branches', () => {
	expect(layoutProblems(template)).toEqual([]);
});

test('the layout check finds a connection behind a node, and crossing branches', () => {
	const moved = JSON.parse(JSON.stringify(template)) as typeof template;
	// Put "Partial refund: keep access" on the line from "Revoke on failed rebill?" to Revoke.
	moved.nodes.find((candidate) => candidate.name === 'Partial refund: keep access')!.position = [2048, 400];
	const kinds = layoutProblems(moved).map((problem) => problem.kind);
	expect(kinds).toContain('edge behind node');
	const swapped = JSON.parse(JSON.stringify(template)) as typeof template;
	swapped.connections['Revoke while paused?'].main!.reverse();
	expect(layoutProblems(swapped).map((problem) => problem.detail)).toContainEqual(expect.stringMatching(/"Revoke while paused\?": output 0/));
});

test.each([
	['Product map filled in?', ['Delivery unreadable?'], ['Stop: fill in the product map']],
	['Delivery unreadable?', ['Report unreadable delivery'], ['Skip repeated deliveries']],
	['Test order to ignore?', ['Ignore test order'], ['Route by event']],
	['Full refund, or revoke partial refunds?', [REVOKE], ['Partial refund: keep access']],
	['Keep access until the paid period ends?', ['Wait until billing period end'], [REVOKE]],
	['Revoke on failed rebill?', [REVOKE], ['Failed rebill: keep access']],
	['Revoke while paused?', [REVOKE], ['Paused: keep access']],
])('"%s": true → %p, false → %p', (name, whenTrue, whenFalse) => {
	expect(targetsOf(template, name)).toEqual([whenTrue, whenFalse]);
});

test('the wait leads to the revoke', () => expect(targetsOf(template, 'Wait until billing period end')).toEqual([[REVOKE]]));

test('one product map, empty as shipped, in "Grant purchased courses"; the others refer to it', () => {
	const holders = template.nodes.filter((candidate) => 'productMapRows' in (candidate.parameters ?? {}));
	expect(holders.map((holder) => holder.name)).toEqual(['Grant purchased courses']);
	expect(node('Grant purchased courses').parameters).toMatchObject({ mapAs: 'rows', productMapRows: {} });
	for (const name of ['Restore access after resume or rebill', REVOKE]) {
		expect(node(name).parameters).toMatchObject({ mapAs: 'json', productMap: "={{ $('Grant purchased courses').params.productMapRows }}" });
	}
	// No product ids anywhere a seller could ship them by mistake.
	expect(JSON.stringify(template)).not.toMatch(/"(product|bump|upsell|downsell)-\d+"|\b20[1-5]\b/);
});

test('the Settings switches carry the names the notes explain, and nothing else', () => {
	const fields = (node('Settings').parameters?.assignments as { assignments: Array<{ name: string; type: string }> }).assignments;
	expect(fields.map((field) => field.name).sort()).toEqual(Object.values(SETTING_NAMES).sort());
	expect(fields.every((field) => field.type === 'boolean')).toBe(true);
	const notes = template.nodes.filter((candidate) => candidate.type === 'n8n-nodes-base.stickyNote').map((note) => String(note.parameters?.content)).join('\n');
	for (const name of Object.values(SETTING_NAMES)) expect(notes).toContain(`**${name}**`);
	expect(notes).not.toMatch(/idempotent|billing_period_end|[a-z][A-Z][a-z]+[A-Z]/);
});
