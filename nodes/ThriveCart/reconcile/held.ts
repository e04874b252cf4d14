/**
 * The Thrive Apprentice node's Access › Get Many output (one item per product held, each paired to the
 * buyer it was asked for; `{ error }` with Continue On Fail; nothing for a member with no product) →
 * what each buyer holds. A buyer with no WordPress account holds nothing; any other error means the
 * access is unknown and nothing is changed for that buyer. Pure: no n8n imports.
 */
import type { Held } from './compare';

export interface AccessListItem {
	json: Record<string, unknown>;
	pairedItem?: unknown;
}

/** Thrive Apprentice node wording when the email has no WordPress user (member.ts). */
const NO_USER = /no wordpress user has the email/i;

function pairedIndex(pairedItem: unknown): number | undefined {
	const first = Array.isArray(pairedItem) ? pairedItem[0] : pairedItem;
	if (typeof first === 'number') return first;
	if (first && typeof first === 'object' && typeof (first as { item?: unknown }).item === 'number') return (first as { item: number }).item;
	return undefined;
}

export function heldByBuyer(buyerEmails: readonly string[], accessItems: readonly AccessListItem[]): Held[] {
	const products = buyerEmails.map(() => new Set<number>());
	const unknown: Array<string | undefined> = buyerEmails.map(() => undefined);
	const byEmail = new Map(buyerEmails.map((email, index) => [email.toLowerCase(), index]));
	for (const { json, pairedItem } of accessItems) {
		const email = typeof json.email === 'string' ? json.email.toLowerCase() : undefined;
		const paired = pairedIndex(pairedItem);
		const index = email !== undefined && byEmail.has(email) ? byEmail.get(email) : paired;
		if (index === undefined || index < 0 || index >= buyerEmails.length) continue;
		if (typeof json.error === 'string') {
			if (!NO_USER.test(json.error)) unknown[index] = json.error;
			continue;
		}
		const productId = Number(json.productId);
		if (Number.isSafeInteger(productId) && productId > 0) products[index].add(productId);
	}
	return buyerEmails.map((_, index) => (unknown[index] !== undefined ? { unknown: unknown[index] as string } : { productIds: products[index] }));
}
