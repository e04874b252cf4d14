/**
 * n8n's processed-items store (the helper behind the Remove Duplicates node), used to make the API-key
 * grant and revoke idempotent: TA's newOrder stores a new order on every call and refundOrder only sees
 * the first order with an id, so a repeated delivery must not reach them.
 *
 * n8n offers no read-only check, only check-and-record. The keys are therefore reserved before the call
 * (which also stops a retry that arrives while the first call is still running) and released again when
 * the call fails, so a failed grant is never remembered as done.
 */
import type { ICheckProcessedOptions, IExecuteFunctions } from 'n8n-workflow';

import { withLocalLock } from './buyerLock';

const OPTIONS: ICheckProcessedOptions = { mode: 'entries', maxEntries: 50_000 };
/**
 * Workflow scope, not node scope: a fulfilment workflow grants in one node and revokes in another (and
 * restores after a resume in a third), and a revoke must clear the grant's key wherever it was recorded,
 * or a pause → resume → pause cycle would be mistaken for a repeat.
 */
const SCOPE = 'workflow';

export type GuardStatus = 'active' | 'unavailable';

export interface Reservation {
	status: GuardStatus;
	/** Keys nobody had recorded: this execution now holds them. */
	fresh: string[];
	/** Keys already recorded: the work was done before. */
	processed: string[];
	/** Why the guard is off, when it is. */
	note?: string;
}

/**
 * n8n's store keeps a scope's entries in one database row and updates it read-modify-write without a
 * lock, so two executions recording at the same moment lose one of the writes (measured: duplicated
 * grants in a launch at concurrency 8). Every store call for a workflow therefore waits for the previous
 * one in this n8n process. (Across queue-mode workers no lock helps here, hence the read-back.)
 */
function queueKeyOf(context: IExecuteFunctions): string {
	return `workflow:${context.getWorkflow?.().id ?? ''}`;
}

function helpers(context: IExecuteFunctions) {
	const { checkProcessedAndRecord, removeProcessed } = context.helpers ?? {};
	return typeof checkProcessedAndRecord === 'function' && typeof removeProcessed === 'function'
		? { checkProcessedAndRecord, removeProcessed }
		: undefined;
}

const UNAVAILABLE =
	'This n8n has no processed-items store for nodes, so repeats are not detected: a repeated run creates another order in Thrive Apprentice.';

export async function reserve(this: IExecuteFunctions, keys: string[]): Promise<Reservation> {
	const store = helpers(this);
	if (!store || keys.length === 0) {
		return { status: store ? 'active' : 'unavailable', fresh: [...keys], processed: [], note: store ? undefined : UNAVAILABLE };
	}
	let lastError: unknown;
	// One retry: two executions racing on the store's first row for this node can collide.
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const result = await withLocalLock(queueKeyOf(this), async () => await store.checkProcessedAndRecord.call(this.helpers, keys, SCOPE, OPTIONS));
			return { status: 'active', fresh: result.new.map(String), processed: result.processed.map(String) };
		} catch (error) {
			lastError = error;
		}
	}
	return {
		status: 'unavailable',
		fresh: [...keys],
		processed: [],
		note: `n8n's processed-items store failed (${(lastError as Error)?.message ?? 'unknown error'}), so this run could not check for repeats. Save the workflow before running it.`,
	};
}

/** Forgets keys: after a failed call (so a retry is not mistaken for a repeat) or after the opposite action. */
export async function release(this: IExecuteFunctions, keys: string[]): Promise<void> {
	const store = helpers(this);
	if (!store || keys.length === 0) return;
	try {
		await withLocalLock(queueKeyOf(this), async () => await store.removeProcessed.call(this.helpers, keys, SCOPE, OPTIONS));
	} catch (error) {
		// The outcome of the TA call stands; a key left behind only makes a later repeat look done.
		this.logger?.warn(`Thrive Apprentice: could not update n8n's processed-items store: ${(error as Error).message}`);
	}
}
