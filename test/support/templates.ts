/**
 * Copies of the shipped fulfilment template for the end-to-end tests and benchmarks: a fixed id and
 * webhook id per copy, the seller's switches in the Settings node set as a scenario needs, the
 * credential placeholders bound to the sandbox credentials and the product map filled for the sandbox.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { loadTemplate, forSandbox, bindCredentials } = require('../../scripts/lib/sandbox-setup');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { FULFILMENT_TEMPLATE } = require('../../scripts/lib/main-job');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { QUEUE_MODE_TEMPLATE } = require('../../scripts/lib/queue-mode-template');

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
	/** The queue-mode template (the buyer's turn taken in Redis) instead of the shipped one. */
	queueMode?: boolean;
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
	const template = loadTemplate(variant.queueMode ? QUEUE_MODE_TEMPLATE : FULFILMENT_TEMPLATE);
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

export const RECONCILIATION_TEMPLATE = 'thrivecart-thrive-apprentice-reconciliation.json';

/**
 * A copy of the reconciliation template: fixed id and form webhook id, the schedule switched off (a
 * test decides when a run happens), Settings fields set as a scenario needs, credentials bound.
 */
export function reconciliationVariant(variant: { id: string; formWebhookId: string; settings?: Record<string, unknown> }) {
	const workflow = bindCredentials(loadTemplate(RECONCILIATION_TEMPLATE));
	workflow.id = variant.id;
	workflow.name = `${workflow.name} (${variant.id})`;
	const nodes = workflow.nodes as Array<TemplateNode & { disabled?: boolean }>;
	const form = nodes.find((n) => n.type === 'n8n-nodes-base.formTrigger');
	const schedule = nodes.find((n) => n.type === 'n8n-nodes-base.scheduleTrigger');
	if (!form || !schedule) throw new Error('the reconciliation template has no form or schedule trigger');
	form.webhookId = variant.formWebhookId;
	schedule.disabled = true;
	const fields = nodes.find((n) => n.name === SETTINGS_NODE)?.parameters.assignments?.assignments ?? [];
	for (const [name, value] of Object.entries(variant.settings ?? {})) {
		const field = fields.find((f) => f.name === name);
		if (!field) throw new Error(`the reconciliation Settings node has no field "${name}"`);
		field.value = value;
	}
	return workflow as { id: string; name: string; nodes: TemplateNode[] };
}

export const ERROR_ALERT_TEMPLATE = 'thrivecart-fulfilment-error-alert.json';

/** A copy of the error-alert template posting to `alertUrl`, with its n8n API credential bound to `n8nApiCredential`. */
export function errorAlertVariant(variant: { id: string; alertUrl: string; n8nApiCredential: { id: string; name: string } }) {
	const workflow = bindCredentials(loadTemplate(ERROR_ALERT_TEMPLATE));
	workflow.id = variant.id;
	const nodes = workflow.nodes as Array<TemplateNode & { credentials?: Record<string, unknown> }>;
	for (const node of nodes) if (node.credentials?.n8nApi) node.credentials.n8nApi = { ...variant.n8nApiCredential };
	const field = nodes.find((n) => n.name === SETTINGS_NODE)?.parameters.assignments?.assignments.find((f) => f.name === 'alertWebhookUrl');
	if (!field) throw new Error('the error-alert template has no alertWebhookUrl in Settings');
	field.value = variant.alertUrl;
	return workflow as { id: string; name: string; nodes: TemplateNode[] };
}
