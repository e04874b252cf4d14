/**
 * The guard every grant and revoke runs under: a per-buyer lock plus the node's memory of what it did.
 * Without a Redis URL in the credential (one n8n process): an in-process lock and n8n's processed-items
 * store. With one (n8n queue mode, several workers): both in Redis, atomic across processes.
 */
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import type { TaCredentials } from '../transport/credentials';
import { LockTimeout, withLocalLock, withRedisLock } from './buyerLock';
import { n8nMemory, redisKey, redisMemory, type DoneMemory } from './memory';
import { parseRedisUrl, RedisConnection, RedisError } from './redis';

export type { DoneMemory } from './memory';

function buyerKey(credentials: TaCredentials, email: string): string {
	return `${credentials.siteUrl}|${email.trim().toLowerCase()}`;
}

function redisProblem(context: IExecuteFunctions, error: unknown, itemIndex: number, beforeAnything: boolean): NodeOperationError {
	const reason = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(context.getNode(), `Could not use the queue-mode Redis (${reason})`, {
		itemIndex,
		description:
			(beforeAnything ? 'Nothing was sent to Thrive Apprentice. ' : '') +
			'The Thrive Apprentice credential names a Redis for queue mode ("Queue Mode Redis URL"): check that this Redis is running and reachable from every n8n worker (the same one n8n\'s queue uses is fine), or clear the field when n8n runs as one process.',
	});
}

export async function withBuyer<T>(
	context: IExecuteFunctions,
	credentials: TaCredentials,
	email: string,
	itemIndex: number,
	task: (memory: DoneMemory) => Promise<T>,
): Promise<T> {
	const key = buyerKey(credentials, email);
	if (!credentials.queueModeRedisUrl) {
		return await withLocalLock(key, async () => await task(n8nMemory(context)));
	}
	const url = credentials.queueModeRedisUrl;
	const redis = await Promise.resolve()
		.then(async () => {
			const address = parseRedisUrl(url);
			return await RedisConnection.open(credentials.queueModeRedisPassword ? { ...address, password: credentials.queueModeRedisPassword } : address);
		})
		.catch((error: unknown) => Promise.reject(redisProblem(context, error, itemIndex, true)));
	const memory = redisMemory(redis, credentials.siteUrl);
	// Redis failures become a seller-readable error; the task's own errors pass through unchanged.
	const asProblem = (error: unknown) =>
		Promise.reject(error instanceof RedisError || error instanceof LockTimeout ? redisProblem(context, error, itemIndex, error instanceof LockTimeout) : error);
	return await withRedisLock(redis, redisKey('lock', credentials.siteUrl, key), async () => await task(memory))
		.catch(asProblem)
		.finally(() => redis.close());
}
