import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { EVENTS_SUBTITLE, triggerProperties } from './description';
import { checkApiKey, getProducts } from './methods/loadOptions';
import { forgetVerifier, storeVerifier, verifierIsCurrent } from './secretCheck';
import { checkExists, create, remove } from './subscription';
import { receiveDelivery } from './webhook';

export { parseDelivery } from './thrivecart';

/**
 * Starts a workflow when ThriveCart sends an event (an order, a refund, a cancelled subscription, …),
 * either to a URL pasted into ThriveCart (account webhook) or through an Event Subscription made with
 * the API key. Every delivery comes out in one shape, whatever ThriveCart's encoding.
 */
export class ThriveCartTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ThriveCart Trigger',
		name: 'thriveCartTrigger',
		icon: { light: 'file:thrivecart.svg', dark: 'file:thrivecart.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves exactly like 1. It exists because n8n evaluates a Webhook-v1 option expression for
		// every trigger at typeVersion 1 on each request (measured: a large share of the trigger's overhead).
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: EVENTS_SUBTITLE,
		description: 'Starts the workflow when ThriveCart sends an order, refund, subscription or cart event',
		defaults: { name: 'ThriveCart Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// Tested by the credential's own request test (GET /ping).
		credentials: [{ name: 'thriveCartApi', required: true }],
		webhooks: [
			// responseData '' lets webhook() choose the body (n8n otherwise answers the literal "firstEntryJson").
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: '', path: 'webhook' },
			// ThriveCart checks a new URL with HEAD and will not save it unless that answers 2xx.
			{ name: 'setup', httpMethod: 'HEAD', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: triggerProperties,
	};

	methods = {
		loadOptions: { getProducts, checkApiKey },
	};

	// Activation keeps the secret word's verifier in static data (secretCheck.ts) and, for Event
	// Subscriptions, registers with ThriveCart (subscription.ts).
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return (await verifierIsCurrent(this)) && (await checkExists.call(this));
			},
			async create(this: IHookFunctions): Promise<boolean> {
				await storeVerifier(this);
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const removed = await remove.call(this);
				forgetVerifier(this);
				return removed;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery(this);
	}
}
