/**
 * What the node remembers having done (grant or revoke of a product for an order), used as the fast
 * path and, with the API key alone, as the only memory there is. Claiming is check-and-record, done
 * inside the buyer lock; a failed call releases its claim so a retry is not mistaken for a repeat.
 *
 * It lives in n8n's processed-items store (per workflow). That store is not atomic across queue-mode
 * workers, so with an application password the node never skips on memory alone: it reads the member.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { release as releaseInN8n, reserve as reserveInN8n, type GuardStatus } from './n8nStore';

export interface Claim {
	status: GuardStatus;
	/** Keys nobody had recorded: this run now holds them. */
	fresh: string[];
	/** Keys already recorded: done before. */
	processed: string[];
	note?: string;
}

export interface DoneMemory {
	readonly home: 'n8n';
	claim(keys: string[]): Promise<Claim>;
	release(keys: string[]): Promise<void>;
}

export function n8nMemory(context: IExecuteFunctions): DoneMemory {
	return {
		home: 'n8n',
		claim: async (keys) => await reserveInN8n.call(context, keys),
		release: async (keys) => await releaseInN8n.call(context, keys),
	};
}
