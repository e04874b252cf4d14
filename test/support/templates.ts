/**
 * Copies of the shipped fulfilment template for the end-to-end tests and benchmarks: a fixed id and
 * webhook id per copy, the seller's switches in the Settings node set as a scenario needs, and the
 * credential placeholders bound to the sandbox credentials.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { loadTemplate, bindCredentials } = require('../../scripts/lib/sandbox-setup');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { FULFILMENT_TEMPLATE } = require('../../scripts/lib/main-job');

export const SETTINGS_NODE = 'Settings';

export interface Variant {
	id: string;
	webhookId: string;
	/** Values for the Settings node's fields, by field name. */
	settings?: Record<string, unknown>;
	/** Another Thrive Apprentice credential for every Thrive Apprentice node (default: the sandbox one). */
	thriveApprenticeCredential?: { id: string; name: string };
}

interface TemplateNode {
	name: string;
	type: string;
	webhookId?: string;
	credentials?: Record<string, { id: string; name: string }>;
	parameters: { assignments?: { assignments: Array<{ name: string; value: unknown; type: string }> } };
}

export function fulfilmentVariant(variant: Variant): { id: string; name: string; nodes: TemplateNode[] } {
	const workflow = bindCredentials(loadTemplate(FULFILMENT_TEMPLATE));
	workflow.id = variant.id;
	workflow.name = `${workflow.name} (${variant.id})`;
	const trigger = (workflow.nodes as TemplateNode[]).find((n) => n.type.endsWith('.thriveCartTrigger'));
	if (!trigger) throw new Error('the fulfilment template has no ThriveCart Trigger');
	trigger.webhookId = variant.webhookId;
	const settings = (workflow.nodes as TemplateNode[]).find((n) => n.name === SETTINGS_NODE);
	const fields = settings?.parameters.assignments?.assignments ?? [];
	for (const [name, value] of Object.entries(variant.settings ?? {})) {
		const field = fields.find((f) => f.name === name);
		if (!field) throw new Error(`the Settings node has no field "${name}"`);
		field.value = value;
	}
	if (variant.thriveApprenticeCredential) {
		for (const node of workflow.nodes as TemplateNode[]) {
			if (node.credentials?.thriveApprenticeApi) node.credentials.thriveApprenticeApi = { ...variant.thriveApprenticeCredential };
		}
	}
	return workflow;
}
