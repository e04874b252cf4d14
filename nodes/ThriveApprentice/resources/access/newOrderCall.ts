/**
 * One `newOrder` call, told apart into the three outcomes that matter: Thrive Apprentice stored the
 * order, refused it (a WordPress error answer: nothing was stored), or we cannot know (no answer, a
 * reset, a proxy's HTML error page, a 2xx without an order id). An uncertain outcome must never be
 * treated as "not stored": the caller checks the site's state before anything is sent again.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { errorCode, type TaResponse } from '../../transport/errors';
import { isSuccess, taSend } from '../../transport/request';
import { routes } from '../../transport/routes';

export type NewOrderOutcome =
	| { kind: 'stored'; taOrderId: number; userId: number }
	| { kind: 'refused'; response: TaResponse }
	| { kind: 'uncertain'; reason: string };

/** Pure: what an answer means. */
export function classifyNewOrderAnswer(response: TaResponse): NewOrderOutcome {
	if (isSuccess(response)) {
		const answer = (response.body ?? {}) as { order_id?: unknown; user_id?: unknown };
		const taOrderId = Number(answer.order_id);
		const userId = Number(answer.user_id);
		if (Number.isSafeInteger(taOrderId) && taOrderId > 0 && Number.isSafeInteger(userId) && userId > 0) {
			return { kind: 'stored', taOrderId, userId };
		}
		return { kind: 'uncertain', reason: `it answered ${response.status} without an order id` };
	}
	// A WordPress error answer (with a code) comes from TA's validation or user creation: nothing was stored.
	if (errorCode(response.body)) return { kind: 'refused', response };
	return { kind: 'uncertain', reason: `it answered ${response.status} without a Thrive Apprentice error` };
}

export async function sendNewOrder(this: IExecuteFunctions, body: Record<string, unknown>, itemIndex: number): Promise<NewOrderOutcome> {
	try {
		return classifyNewOrderAnswer(await taSend.call(this, routes.newOrder(), { body, itemIndex }));
	} catch (error) {
		return { kind: 'uncertain', reason: (error as Error).message };
	}
}
