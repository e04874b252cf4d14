/**
 * Event Subscription lifecycle (Settings > API: `POST /subscribe`, `POST /unsubscribe {url}`).
 * ThriveCart has no list or get endpoint, so what was registered is remembered in the node's static
 * data and compared with the current settings; a mismatch means "stale" and is re-registered.
 * Account webhooks register nothing remotely: the seller pastes the URL into ThriveCart.
 */
import { NodeApiError, NodeOperationError, type IDataObject, type IHookFunctions, type JsonObject } from 'n8n-workflow';
import { thriveCartApiRequest } from './transport/api';
import { failureFacts } from './transport/errors';
import { subscriptionKeysFor } from './thrivecart/events';
import { productIdsFrom, type ModeFilter } from './thrivecart/filters';

export interface StoredSubscription {
	targetUrl: string;
	keys: string[];
	/** JSON of the trigger_fields sent, for comparison. */
	triggerFields: string;
	/** Event key → ThriveCart's subscription_id. */
	subscriptionIds: Record<string, string>;
}

interface Desired {
	targetUrl: string;
	keys: string[];
	triggerFields: IDataObject;
}

function staticData(context: IHookFunctions): IDataObject & { subscription?: StoredSubscription } {
	return context.getWorkflowStaticData('node') as IDataObject & { subscription?: StoredSubscription };
}

function usesEventSubscription(context: IHookFunctions): boolean {
	return context.getNodeParameter('deliveryStyle', 'accountWebhook') === 'eventSubscription';
}

function asId(value: string): string | number {
	return /^\d{1,15}$/.test(value) ? Number(value) : value;
}

/** ThriveCart's `trigger_fields`: `mode_int` (1 test, 2 live; omitted for both) and `base_product`. */
export function triggerFieldsFor(mode: ModeFilter, productIds: readonly string[]): IDataObject {
	const fields: IDataObject = {};
	if (mode === 'test') fields.mode_int = 1;
	if (mode === 'live') fields.mode_int = 2;
	if (productIds.length === 1) fields.base_product = asId(productIds[0]);
	if (productIds.length > 1) fields.base_product = productIds.map(asId);
	return fields;
}

function desiredSubscription(context: IHookFunctions): Desired {
	const events = context.getNodeParameter('events', []) as string[];
	const mode = context.getNodeParameter('mode', 'both') as ModeFilter;
	const productIds = productIdsFrom(context.getNodeParameter('productIds', []));
	return {
		targetUrl: context.getNodeWebhookUrl('default') as string,
		keys: subscriptionKeysFor(events),
		triggerFields: triggerFieldsFor(mode, productIds),
	};
}

function isUnknownToThriveCart(error: unknown): boolean {
	const facts = failureFacts(error);
	if (facts.status === 404 || facts.status === 410) return true;
	return facts.status === 400 && /not.?found|unknown|no subscription|does not exist/i.test(facts.thriveCartError ?? '');
}

async function unsubscribe(context: IHookFunctions, targetUrl: string): Promise<void> {
	try {
		await thriveCartApiRequest.call(context, 'POST', '/unsubscribe', 'removing the event subscription', { url: targetUrl });
	} catch (error) {
		// Already gone on ThriveCart's side is the outcome we wanted.
		// Already a seller-facing NodeApiError from the transport, which NodeApiError hands back unchanged.
		if (!isUnknownToThriveCart(error)) throw new NodeApiError(context.getNode(), error as JsonObject);
	}
}

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const stored = staticData(this).subscription;
	if (!usesEventSubscription(this)) return stored === undefined;
	if (!stored) return false;
	const desired = desiredSubscription(this);
	return (
		stored.targetUrl === desired.targetUrl &&
		stored.keys.join(',') === desired.keys.join(',') &&
		stored.triggerFields === JSON.stringify(desired.triggerFields)
	);
}

export async function create(this: IHookFunctions): Promise<boolean> {
	const data = staticData(this);
	// A stale registration (other events, products or URL) goes first, or ThriveCart would keep sending it.
	if (data.subscription) {
		await unsubscribe(this, data.subscription.targetUrl);
		delete data.subscription;
	}
	if (!usesEventSubscription(this)) return true;

	const desired = desiredSubscription(this);
	if (desired.keys.length === 0) {
		throw new NodeOperationError(this.getNode(), 'None of the chosen events can be subscribed to', {
			description: 'Customer Updated is only sent to account webhooks. Choose other events, or use the Account Webhook delivery style.',
		});
	}
	const subscriptionIds: Record<string, string> = {};
	for (const key of desired.keys) {
		try {
			const response = (await thriveCartApiRequest.call(this, 'POST', '/subscribe', `subscribing to "${key}"`, {
				event: key,
				target_url: desired.targetUrl,
				trigger_fields: desired.triggerFields,
			})) as IDataObject | undefined;
			subscriptionIds[key] = String(response?.subscription_id ?? '');
		} catch (error) {
			const created = Object.keys(subscriptionIds);
			if (created.length > 0 && !(await rollBack(this, desired.targetUrl))) {
				// Remembered so the next activation or deactivation removes them.
				data.subscription = { targetUrl: desired.targetUrl, keys: created, triggerFields: '', subscriptionIds };
			}
			throw new NodeApiError(this.getNode(), error as JsonObject);
		}
	}
	data.subscription = {
		targetUrl: desired.targetUrl,
		keys: desired.keys,
		triggerFields: JSON.stringify(desired.triggerFields),
		subscriptionIds,
	};
	return true;
}

/** Undo a half-made registration; the original failure is what the seller needs to see. */
async function rollBack(context: IHookFunctions, targetUrl: string): Promise<boolean> {
	try {
		await unsubscribe(context, targetUrl);
		return true;
	} catch (rollbackError) {
		context.logger.warn(
			`ThriveCart Trigger: could not remove the event subscriptions made before the failure (${(rollbackError as Error).message}); they are removed on the next activation or can be removed in ThriveCart`,
		);
		return false;
	}
}

export async function remove(this: IHookFunctions): Promise<boolean> {
	const data = staticData(this);
	if (!data.subscription) return true;
	await unsubscribe(this, data.subscription.targetUrl);
	delete data.subscription;
	return true;
}
