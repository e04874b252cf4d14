/**
 * Copies of the shipped fulfilment template for the end-to-end tests and benchmarks: a fixed id and
 * webhook id per copy, the seller's switches in the Settings node set as a scenario needs, the
 * credential placeholders bound to the sandbox credentials and the product map filled for the sandbox.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { loadTemplate, forSandbox, bindCredentials } = require('../../scripts/lib/sandbox-setup');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { FULFILMENT_TEMPLATE } = require('../../scripts/lib/main-job');

export const SETTINGS_NODE = 'Settings';

/** The tests' short names for the Settings switches → the names a seller reads in the Settings node. */
export const SETTING_NAMES = {
	fulfilTestOrders: 'Fulfil test orders',
	keepAccessUntilPeriodEnd: 'Keep access until the paid period ends',
	revokeOnPartialRefund: 'Revoke on partial refunds',
	revokeOnFailedRebill: 'Revoke on failed rebill',
	revokeWhenPaused: 'Revoke while paused',
} as const;

export type SettingKey = keyof typeof SETTING_NAMES;

export interface Variant {
	id: string;
	webhookId: string;
	/** Values for the Settings node's switches, by their short names (SETTING_NAMES). */
	settings?: Partial<Record<SettingKey, boolean>>;
	/** Keep the template's product map as shipped (empty) instead of filling it for the sandbox. */
	shippedProductMap?: boolean;
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
	const template = loadTemplate(FULFILMENT_TEMPLATE);
	const workflow = variant.shippedProductMap ? bindCredentials(template) : forSandbox(template);
	workflow.id = variant.id;
	workflow.name = `${workflow.name} (${variant.id})`;
	const trigger = (workflow.nodes as TemplateNode[]).find((n) => n.type.endsWith('.thriveCartTrigger'));
	if (!trigger) throw new Error('the fulfilment template has no ThriveCart Trigger');
	trigger.webhookId = variant.webhookId;
	const settings = (workflow.nodes as TemplateNode[]).find((n) => n.name === SETTINGS_NODE);
	const fields = settings?.parameters.assignments?.assignments ?? [];
	for (const [key, value] of Object.entries(variant.settings ?? {})) {
		const name = SETTING_NAMES[key as SettingKey];
		const field = fields.find((f) => f.name === name);
		if (!field) throw new Error(`the Settings node has no switch "${name ?? key}"`);
		field.value = value;
	}
	if (variant.thriveApprenticeCredential) {
		for (const node of workflow.nodes as TemplateNode[]) {
			if (node.credentials?.thriveApprenticeApi) node.credentials.thriveApprenticeApi = { ...variant.thriveApprenticeCredential };
		}
	}
	return workflow;
}
