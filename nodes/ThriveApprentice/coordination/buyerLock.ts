/**
 * One fulfilment step per buyer at a time. Everything that decides "already done?" and then acts (reads
 * Thrive Apprentice, sends newOrder, records the outcome) runs inside this lock, so two copies of one
 * delivery can never both decide "not done yet".
 *
 * In one n8n process an in-memory queue is enough. In n8n's queue mode several worker processes run at
 * once and no helper n8n gives a node is atomic across them, so the lock lives in Redis (the one n8n's
 * queue already uses): SET NX with an expiry, released only by its holder.
 */
import { randomBytes } from 'crypto';
import { sleep } from 'n8n-workflow';

import type { RedisConnection } from './redis';

const localQueues = new Map<string, Promise<void>>();

export async function withLocalLock<T>(key: string, task: () => Promise<T>): Promise<T> {
	const previous = localQueues.get(key) ?? Promise.resolve();
	const result = previous.then(task);
	const done = result.then(
		() => undefined,
		() => undefined,
	);
	localQueues.set(key, done);
	void done.then(() => {
		if (localQueues.get(key) === done) localQueues.delete(key);
	});
	return await result;
}

/** Long enough for the slowest fulfilment step (several site calls at 30 s timeouts), short enough that a crashed worker does not block a buyer for long. */
export const LOCK_TTL_MS = 180_000;
/** A waiter gives up only after the holder's lock would have expired. */
const LOCK_WAIT_MS = LOCK_TTL_MS + 30_000;

const RELEASE_IF_HOLDER = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

export class LockTimeout extends Error {}

export async function withRedisLock<T>(redis: RedisConnection, key: string, task: () => Promise<T>): Promise<T> {
	const token = randomBytes(16).toString('hex');
	const giveUpAt = Date.now() + LOCK_WAIT_MS;
	let pause = 10;
	for (;;) {
		const answer = await redis.command(['SET', key, token, 'NX', 'PX', LOCK_TTL_MS]);
		if (answer === 'OK') break;
		if (Date.now() > giveUpAt) throw new LockTimeout(`another execution held the lock for this buyer for over ${LOCK_WAIT_MS / 1000} s`);
		await sleep(pause + Math.floor(Math.random() * pause));
		pause = Math.min(pause * 2, 200);
	}
	try {
		return await task();
	} finally {
		// A failed release is harmless (the lock expires by itself) and must not hide the task's outcome.
		await redis.command(['EVAL', RELEASE_IF_HOLDER, 1, key, token]).catch(() => undefined);
	}
}
