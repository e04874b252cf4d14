/** The trigger's parameters. Event options come from events.ts, the one list of ThriveCart events. */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { THRIVECART_EVENTS, type ThriveCartEventDefinition } from './thrivecart/events';

export const DEFAULT_EVENTS = ['order.success', 'order.refund', 'order.subscription_cancelled'];

/**
 * An event without a subscription key never comes by subscription; otherwise Event Subscriptions send
 * only underscored names, so an event without a dotted name never comes to an account webhook.
 */
export function deliveryStyleLimit(definition: ThriveCartEventDefinition): string {
	if (definition.subscriptionKeys.length === 0) return ' (Account Webhook Only)';
	if (!definition.aliases.some((alias) => alias.includes('.'))) return ' (Event Subscription Only)';
	return '';
}

const eventOptions: INodePropertyOptions[] = THRIVECART_EVENTS.map((definition) => ({
	name: `${definition.displayName}${deliveryStyleLimit(definition)}`,
	value: definition.name,
	description: `${definition.description} (ThriveCart: ${definition.aliases.join(', ')})`,
})).sort((a, b) => a.name.localeCompare(b.name));

/** The node's subtitle in the editor: the chosen events by the names a seller reads, not ThriveCart's codes. */
export const EVENTS_SUBTITLE = `={{ ($parameter["events"] || []).map((event) => (${JSON.stringify(
	Object.fromEntries(THRIVECART_EVENTS.map((definition) => [definition.name, definition.displayName])),
)})[event] || event).join(", ") }}`;

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Delivery Style',
		name: 'deliveryStyle',
		type: 'options',
		options: [
			{
				name: 'Account Webhook',
				value: 'accountWebhook',
				description: 'You paste the URL into ThriveCart once; only the secret word is needed',
			},
			{
				name: 'Event Subscription',
				value: 'eventSubscription',
				description: 'Subscribed automatically through the API when the workflow is activated; needs the API key',
			},
		],
		default: 'accountWebhook',
	},
	{
		displayName:
			'In ThriveCart go to Settings > API & Webhooks > Webhooks & notifications > Add webhook, and paste the Production URL shown above (the Test URL while you build). Ticking "Receive results as JSON" is optional: both encodings work. ThriveCart sends every event of every product there; the settings below choose what starts this workflow.',
		name: 'accountWebhookNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { deliveryStyle: ['accountWebhook'] } },
	},
	{
		displayName:
			'The events below are subscribed to through the ThriveCart API when the workflow is activated and unsubscribed when it is deactivated. The credential needs an API key. Customer Updated is only sent to account webhooks.',
		name: 'eventSubscriptionNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { deliveryStyle: ['eventSubscription'] } },
	},
	// A notice cannot read the credential, so the warning is the one option this list loads. n8n's wording
	// for a loaded list (the "Name or ID" label, the expression description) applies; the hint says what it is.
	{
		displayName: 'API Key Status Name or ID',
		name: 'apiKeyCheck',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'checkApiKey' },
		default: 'checked',
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'Event Subscription needs the API key in the ThriveCart credential: this shows whether it is there. Nothing to choose.',
		displayOptions: { show: { deliveryStyle: ['eventSubscription'] } },
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: eventOptions,
		default: [...DEFAULT_EVENTS],
		required: true,
		description: 'The ThriveCart events that start this workflow',
	},
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		options: [
			{ name: 'Live and Test', value: 'both' },
			{ name: 'Live Only', value: 'live' },
			{ name: 'Test Only', value: 'test' },
		],
		default: 'both',
		description: "Whether test-mode orders (ThriveCart's test mode) start this workflow too",
	},
	{
		displayName: 'Product Names or IDs',
		name: 'productIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getProducts' },
		default: [],
		description:
			'Only deliveries for these products (the product bought, or a bump on it). Empty means every product. The list needs an API key in the credential. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Include Raw Payload',
				name: 'includeRaw',
				type: 'boolean',
				default: false,
				description: 'Whether to add the payload as ThriveCart sent it (without the secret word) under "raw"',
			},
			{
				displayName: 'One Item per Purchased Item',
				name: 'splitItems',
				type: 'boolean',
				default: false,
				description:
					'Whether to output one item per purchased (or refunded, cancelled, …) item, each with the delivery fields and that "item"',
			},
		],
	},
];
