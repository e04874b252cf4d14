/**
 * Thrive Apprentice's own record of a buyer, read with the application password: the WordPress user
 * (if any) and their active order items. Used before acting (already done?) and after (did it happen?).
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { findUserByEmail } from '../user/users';
import { purchasedItemsOf, type PurchasedRow } from './member';

export interface MemberState {
	userId: number | null;
	rows: PurchasedRow[];
}

export async function readMemberState(this: IExecuteFunctions, email: string, itemIndex: number, knownUserId?: number | null): Promise<MemberState> {
	const userId = knownUserId ?? (await findUserByEmail.call(this, email, itemIndex))?.id ?? null;
	if (userId === null) return { userId: null, rows: [] };
	return { userId, rows: await purchasedItemsOf.call(this, userId, itemIndex) };
}
