/**
 * The workflows the benchmarks import into n8n: a bare ThriveCart Trigger, a bare n8n Webhook (the
 * baseline it is compared with), and copies of the shipped fulfilment template, one per transport.
 */
import { randomUUID } from 'node:crypto';
import { fulfilmentVariant } from '../../test/support/templates';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { THRIVECART_CREDENTIAL, loadTemplate } = require('../../scripts/lib/sandbox-setup');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { FULFILMENT_TEMPLATE } = require('../../scripts/lib/main-job');

export type Transport = 'apiKey' | 'applicationPassword';

export interface BenchWorkflow {
	id: string;
	name: string;
	nodes: Array<Record<string, unknown>>;
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

const PACKAGE = 'n8n-nodes-thrivecart-apprentice';

function single(id: string, name: string, node: Record<string, unknown>): BenchWorkflow {
	return {
		id,
		name,
		nodes: [{ id: randomUUID(), position: [0, 0], ...node }],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

/** The trigger's version as the shipped template uses it. */
function shippedTriggerVersion(): number {
	const nodes = loadTemplate(FULFILMENT_TEMPLATE).nodes as Array<{ type: string; typeVersion: number }>;
	const trigger = nodes.find((node) => node.type === `${PACKAGE}.thriveCartTrigger`);
	if (!trigger) throw new Error('the fulfilment template has no ThriveCart Trigger');
	return trigger.typeVersion;
}

/** Only the ThriveCart Trigger, as a seller sets it up for account webhooks (the template's version). */
export function triggerOnly(id: string, webhookId: string): BenchWorkflow {
	return single(id, 'Bench: ThriveCart Trigger only', {
		name: 'ThriveCart Trigger',
		type: `${PACKAGE}.thriveCartTrigger`,
		typeVersion: shippedTriggerVersion(),
		webhookId,
		parameters: { deliveryStyle: 'accountWebhook', events: ['order.success'], mode: 'both', productIds: [], options: {} },
		credentials: { thriveCartApi: { ...THRIVECART_CREDENTIAL } },
	});
}

/**
 * Only n8n's own Webhook node. Its path is `<webhookId>/webhook`, so its URL has the same shape as the
 * trigger's (`/webhook/<webhookId>/webhook`) and the harness's `webhookUrl()` serves both.
 */
export function webhookOnly(id: string, webhookId: string): BenchWorkflow {
	return single(id, 'Bench: n8n Webhook only', {
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId,
		parameters: { httpMethod: 'POST', path: `${webhookId}/webhook`, responseMode: 'onReceived', options: {} },
	});
}

interface GrantNode {
	type: string;
	parameters: Record<string, unknown>;
}

function isGrant(node: GrantNode): boolean {
	return node.type === `${PACKAGE}.thriveApprentice` && node.parameters.operation === 'grant';
}

/** The shipped fulfilment template, its grant node(s) switched to the chosen transport. */
export function fulfilment(id: string, webhookId: string, transport: Transport): BenchWorkflow {
	const workflow = fulfilmentVariant({ id, webhookId }) as unknown as BenchWorkflow;
	const grants = (workflow.nodes as unknown as GrantNode[]).filter(isGrant);
	if (grants.length === 0) throw new Error('the fulfilment template has no Thrive Apprentice grant node');
	for (const node of grants) node.parameters.connectWith = transport;
	return workflow;
}
