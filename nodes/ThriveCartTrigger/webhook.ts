/**
 * What the trigger does with one request. Order matters: the setup pings are answered first (ThriveCart
 * refuses to save a URL unless HEAD and an event-less POST both get 2xx), then the secret word is
 * checked before the body is decoded (a stranger's body costs a scan, never a decode), then checked
 * again on the decoded payload, then the filters decide whether a workflow starts.
 */
import { createHash } from 'crypto';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { acceptedSecret } from './secretCheck';
import { decodeDelivery, screenDelivery, type DeliveryBody } from './thrivecart/decode';
import { passesFilters, productIdsFrom, type ModeFilter } from './thrivecart/filters';
import { normaliseDelivery } from './thrivecart/normalise';
import type { ThriveCartDelivery } from './thrivecart/schema';
import { text } from './thrivecart/values';

function answer(context: IWebhookFunctions, status: number, body?: IDataObject): IWebhookResponseData {
	const response = context.getResponseObject();
	if (body === undefined) response.status(status).end();
	else response.status(status).json(body);
	return { noWebhookResponse: true };
}

function header(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

/** A delivery ThriveCart signed but that could not be read: shown, not dropped. */
function undecodableDelivery(problem: string, rawBody: Buffer | undefined): ThriveCartDelivery {
	return {
		event: null,
		thriveCartEvent: null,
		deliveryStyle: 'account webhook',
		// The same bytes retried give the same id.
		deliveryId: `tc-${createHash('sha256').update(rawBody ?? '').digest('hex').slice(0, 32)}`,
		mode: null,
		account: null,
		date: null,
		customer: null,
		order: null,
		baseProduct: null,
		items: [],
		affectedItem: null,
		refund: null,
		subscription: null,
		problems: [`the body could not be read: ${problem}`],
	};
}

function toOutput(delivery: ThriveCartDelivery, splitItems: boolean): IDataObject[] {
	if (!splitItems) return [delivery as unknown as IDataObject];
	const parts = delivery.affectedItem ? [delivery.affectedItem] : delivery.items;
	if (parts.length === 0) return [{ ...delivery, item: null } as unknown as IDataObject];
	return parts.map((item) => ({ ...delivery, item }) as unknown as IDataObject);
}

export async function receiveDelivery(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	if (context.getWebhookName() === 'setup') return answer(context, 200);

	const request = context.getRequestObject();
	const body: DeliveryBody = {
		rawBody: request.rawBody,
		contentType: header(request.headers['content-type']),
		parsedBody: context.getBodyData(),
	};
	const screening = screenDelivery(body);
	const accepts = await acceptedSecret(context, screening.secrets);
	if (!accepts) {
		// ThriveCart's "is this URL alive?" POST carries no event; answer it without asking for the secret.
		if (!screening.namesEvent) return answer(context, 200, {});
		return answer(context, 401, { error: 'invalid secret word' });
	}

	const decoded = decodeDelivery(body);
	if (!decoded.ok && decoded.reason === 'empty') return answer(context, 200, {});
	const options = context.getNodeParameter('options', {}) as { includeRaw?: boolean; splitItems?: boolean };

	if (!decoded.ok) {
		// Signed (its secret word was read from the raw bytes) but unreadable: shown, not dropped.
		const unreadable = undecodableDelivery(decoded.problem, body.rawBody);
		return {
			workflowData: [context.helpers.returnJsonArray([unreadable as unknown as IDataObject])],
			webhookResponse: { received: true, deliveryId: unreadable.deliveryId, problems: unreadable.problems },
		};
	}
	if (text(decoded.payload.event) === null) return answer(context, 200, {});
	// The word the payload itself carries is the one that counts (the scan may have read another copy).
	if (!accepts(decoded.payload.thrivecart_secret)) return answer(context, 401, { error: 'invalid secret word' });

	const delivery = normaliseDelivery(decoded.payload, { includeRaw: options.includeRaw === true });
	const productIds = productIdsFrom(context.getNodeParameter('productIds', []));
	const hasProductFacts = delivery.baseProduct !== null || delivery.items.length > 0 || delivery.affectedItem !== null;
	const filters = {
		events: context.getNodeParameter('events', []) as string[],
		mode: context.getNodeParameter('mode', 'both') as ModeFilter,
		// A broken delivery that names no product cannot be matched; it is shown rather than lost.
		productIds: delivery.problems && !hasProductFacts ? [] : productIds,
	};
	if (!passesFilters(delivery, filters)) return answer(context, 200, {});

	return {
		workflowData: [context.helpers.returnJsonArray(toOutput(delivery, options.splitItems === true))],
		webhookResponse: { received: true, deliveryId: delivery.deliveryId },
	};
}
