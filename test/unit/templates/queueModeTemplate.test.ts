/**
 * The queue-mode fulfilment template: made from the shipped one by scripts/lib/queue-mode-template.js
 * (`npm run templates`), with the buyer's turn taken in Redis around every Thrive Apprentice node.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { layoutProblems, targetsOf, type LayoutWorkflow } from '../../support/canvasLayout';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { queueModeTemplate, QUEUE_MODE_TEMPLATE } = require('../../../scripts/lib/queue-mode-template');

const TEMPLATES = join(__dirname, '..', '..', '..', 'templates');
const read = (file: string) => JSON.parse(readFileSync(join(TEMPLATES, file), 'utf8'));
const base = read('thrivecart-thrive-apprentice-fulfilment.json');
interface TemplateNode {
	name: string;
	type: string;
	position: [number, number];
	parameters: Record<string, unknown>;
	onError?: string;
	webhookId?: string;
	credentials?: Record<string, unknown>;
}
const queue = read(QUEUE_MODE_TEMPLATE) as { name: string; nodes: TemplateNode[]; connections: LayoutWorkflow['connections'] };
const TA = ['Grant purchased courses', 'Restore access after resume or rebill', 'Revoke refunded or cancelled item'];

test('the committed file is what `npm run templates` makes from the shipped template', () => {
	expect(queue).toEqual(queueModeTemplate(base));
});

test('the canvas has no connection behind a node, no overlaps, no crossing branches, and one way back: the wait', () => {
	expect(layoutProblems(queue, new Set(["Another run has this buyer: wait 1 s → Take the buyer's turn (Redis)"]))).toEqual([]);
	// Without naming it, the loop's way back is reported.
	expect(layoutProblems(queue).map((problem) => problem.kind)).toEqual(['edge runs backwards']);
});

test('every way into a Thrive Apprentice node goes through the buyer\'s turn, and every way out gives it back', () => {
	for (const [source, outputs] of Object.entries(queue.connections)) {
		if (source === 'Grant, restore or revoke?') continue;
		for (const output of outputs.main ?? []) for (const link of output ?? []) expect(TA).not.toContain(link.node);
	}
	expect(targetsOf(queue, 'To grant')).toEqual([['One run per buyer at a time']]);
	expect(targetsOf(queue, 'To restore')).toEqual([['One run per buyer at a time']]);
	expect(targetsOf(queue, 'To revoke')).toEqual([['One run per buyer at a time']]);
	expect(targetsOf(queue, "Take the buyer's turn (Redis)")).toEqual([["The buyer's turn?"]]);
	expect(targetsOf(queue, "The buyer's turn?")).toEqual([['Back to the delivery'], ['Stop: the buyer stayed busy'], ['Another run has this buyer: wait 1 s']]);
	expect(targetsOf(queue, 'Another run has this buyer: wait 1 s')).toEqual([["Take the buyer's turn (Redis)"]]);
	expect(targetsOf(queue, 'Grant, restore or revoke?')).toEqual(TA.map((name) => [name]));
	for (const name of TA) {
		expect(targetsOf(queue, name)).toEqual([["Give the buyer's turn back"], ['Give the turn back (it failed)']]);
		expect(queue.nodes.find((n) => n.name === name)?.onError).toBe('continueErrorOutput');
	}
	expect(targetsOf(queue, 'Give the turn back (it failed)')).toEqual([['Report the failed change']]);
});

test("the turn is n8n's Redis INCR with an expiry on a hashed per-buyer key, and the same key is given back", () => {
	const take = queue.nodes.find((n) => n.name === "Take the buyer's turn (Redis)")!;
	expect(take).toMatchObject({ type: 'n8n-nodes-base.redis', parameters: { operation: 'incr', expire: true, ttl: 300 } });
	// From the delivery before the loop, never $json (on a retry that is Redis's last answer).
	expect(take.parameters.key).toBe("=thrivecart-apprentice:turn:{{ $('One run per buyer at a time').item.json.customer.email.trim().toLowerCase().hash('sha256') }}");
	for (const name of ["Give the buyer's turn back", 'Give the turn back (it failed)']) {
		const give = queue.nodes.find((n) => n.name === name)!;
		expect(give.parameters).toMatchObject({ operation: 'delete' });
		expect(String(give.parameters.key).replace("$('Back to the delivery')", "$('One run per buyer at a time')")).toBe(take.parameters.key);
	}
	for (const n of queue.nodes.filter((candidate) => candidate.type === 'n8n-nodes-base.redis')) {
		expect(n.credentials).toEqual({ redis: { id: 'REPLACE_WITH_YOUR_REDIS_CREDENTIAL', name: "Redis (n8n's queue)" } });
	}
});

test('its webhooks differ from the shipped template\'s, so both can be active in one n8n', () => {
	const hooks = (workflow: typeof queue) => workflow.nodes.map((n) => n.webhookId).filter(Boolean);
	for (const hook of hooks(queue)) expect(hooks(base)).not.toContain(hook);
	expect(queue.name).toBe(`${base.name} (queue mode)`);
});
