/**
 * The guard every grant and revoke runs under: a per-buyer lock plus the node's memory of what it did
 * (n8n's processed-items store). Both are per n8n process. In queue mode, where several workers run at
 * once, the queue-mode template takes the buyer's turn in Redis with n8n's own Redis node before this
 * node runs (a community node may not open sockets), and this node's read-back of Thrive Apprentice
 * decides what is already done.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { TaCredentials } from '../transport/credentials';
import { withLocalLock } from './buyerLock';
import { n8nMemory, type DoneMemory } from './memory';

export type { DoneMemory } from './memory';

function buyerKey(credentials: TaCredentials, email: string): string {
	return `${credentials.siteUrl}|${email.trim().toLowerCase()}`;
}

export async function withBuyer<T>(
	context: IExecuteFunctions,
	credentials: TaCredentials,
	email: string,
	task: (memory: DoneMemory) => Promise<T>,
): Promise<T> {
	return await withLocalLock(buyerKey(credentials, email), async () => await task(n8nMemory(context)));
}
