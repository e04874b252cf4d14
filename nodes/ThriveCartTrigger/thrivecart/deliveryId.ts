/**
 * A delivery id a workflow can de-duplicate on. Event Subscription deliveries carry `webhook_id`
 * (kept across ThriveCart's retries). Account webhooks carry none, so one is derived:
 *
 *   `tc-` + the first 32 hex digits of SHA-256 over the JSON array of
 *   [canonical event, account, mode, order id, invoice id, purchased item keys (in order),
 *    affected item key, event_id, subscription payment number, refund amount, date,
 *    customer email (only when there is no order)]
 *
 * Every part is read from the normalised delivery, so the form and JSON encodings of one delivery give
 * the same id and a retry (the same payload again) gives the same id, while a later delivery for the
 * same order that adds an upsell (a different purchase map) gives a different one.
 */
import { createHash } from 'crypto';
import type { ThriveCartDelivery } from './schema';
import { text, type Raw } from './values';

export function deriveDeliveryId(payload: Raw, delivery: Omit<ThriveCartDelivery, 'deliveryId'>): string {
	const webhookId = text(payload.webhook_id);
	if (webhookId) return webhookId;
	const parts = [
		delivery.event ?? delivery.thriveCartEvent,
		delivery.account,
		delivery.mode,
		delivery.order?.id ?? null,
		delivery.order?.invoiceId ?? null,
		delivery.items.map((item) => item.key).join(','),
		delivery.affectedItem?.key ?? null,
		text(payload.event_id),
		delivery.subscription?.paymentNumber ?? null,
		delivery.refund?.amount ?? null,
		delivery.date,
		delivery.order ? null : (delivery.customer?.email ?? null),
	];
	return `tc-${createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32)}`;
}
