/**
 * One fulfilment step per buyer at a time in this n8n process. Everything that decides "already done?"
 * and then acts (reads Thrive Apprentice, sends newOrder, records the outcome) runs inside this lock, so
 * two copies of one delivery can never both decide "not done yet". Across queue-mode workers the
 * queue-mode template's Redis turn does the same (see ./index.ts).
 */

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
