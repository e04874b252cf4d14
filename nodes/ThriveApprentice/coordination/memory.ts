/**
 * What the node remembers having done (grant or revoke of a product for an order), used as the fast
 * path and, with the API key alone, as the only memory there is. Claiming is check-and-record, done
 * inside the buyer lock; a failed call releases its claim so a retry is not mistaken for a repeat.
 *
 * Two homes: n8n's processed-items store (one n8n process; per workflow) or Redis (queue mode; per
 * site, so a re-imported or duplicated workflow still remembers). n8n's store is not atomic across
 * processes, so with an application password the node never skips on memory alone: it reads the member.
 */
import { createHash } from 'crypto';
import type { IExecuteFunctions } from 'n8n-workflow';

import { release as releaseInN8n, reserve as reserveInN8n, type GuardStatus } from './n8nStore';
import type { RedisConnection } from './redis';

export interface Claim {
	status: GuardStatus;
	/** Keys nobody had recorded: this run now holds them. */
	fresh: string[];
	/** Keys already recorded: done before. */
	processed: string[];
	note?: string;
}

export interface DoneMemory {
	readonly home: 'n8n' | 'redis';
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

/** Hashed: the keys name buyers' emails, which have no business in Redis in clear. */
export function redisKey(kind: 'done' | 'lock', siteUrl: string, key: string): string {
	return `thrivecart-apprentice:${kind}:${createHash('sha256').update(`${siteUrl}|${key}`).digest('hex')}`;
}

export function redisMemory(redis: RedisConnection, siteUrl: string): DoneMemory {
	return {
		home: 'redis',
		async claim(keys) {
			const fresh: string[] = [];
			const processed: string[] = [];
			for (const key of keys) {
				const answer = await redis.command(['SET', redisKey('done', siteUrl, key), '1', 'NX']);
				(answer === 'OK' ? fresh : processed).push(key);
			}
			return { status: 'active', fresh, processed };
		},
		async release(keys) {
			if (keys.length === 0) return;
			await redis.command(['DEL', ...keys.map((key) => redisKey('done', siteUrl, key))]);
		},
	};
}
