/**
 * Worker thread of AccessWatch: re-reads the sandbox's state.json whenever it changes (the sandbox
 * rewrites it atomically after every write call) and reports each awaited access as soon as the file
 * shows it. Runs off the main thread so reading a large state never delays the sandbox's answers.
 */
import { readFileSync, statSync, watch } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

interface State {
	users: Array<{ id: number; email: string }>;
	orders: Array<{ userId: number; status: number; items: Array<{ productId: number; status: number }> }>;
}

export interface Awaited {
	key: string;
	email: string;
	productIds: number[];
}

const file = join(workerData.dataDir as string, 'state.json');
const waiting = new Map<string, Awaited>();
let reading = false;
let again = false;
let reads = 0;
let readMs = 0;
/** The file is replaced on every write: the same inode, mtime and size mean the same state. */
let cached: { version: string; products: Map<string, Set<number>> } | undefined;

/** Active product ids per lower-cased email (order-based access: completed order, active item). */
function access(state: State): Map<string, Set<number>> {
	const emailOf = new Map(state.users.map((user) => [user.id, user.email.toLowerCase()]));
	const result = new Map<string, Set<number>>();
	for (const order of state.orders) {
		if (order.status !== 1) continue;
		const email = emailOf.get(order.userId);
		if (!email) continue;
		const products = result.get(email) ?? new Set<number>();
		for (const item of order.items) if (item.status === 1) products.add(item.productId);
		result.set(email, products);
	}
	return result;
}

function check(): void {
	if (reading) {
		again = true;
		return;
	}
	reading = true;
	do {
		again = false;
		if (waiting.size === 0) break;
		// The file opened right after this instant holds every change made before it (to within the
		// microseconds until the open), so the time is when the access was visible at the latest.
		const seenAt = performance.timeOrigin + performance.now();
		let products: Map<string, Set<number>>;
		try {
			const stat = statSync(file, { bigint: true });
			const version = `${stat.ino}:${stat.mtimeNs}:${stat.size}`;
			if (cached?.version !== version) {
				cached = { version, products: access(JSON.parse(readFileSync(file, 'utf8')) as State) };
				reads++;
			}
			products = cached.products;
		} catch {
			// Replaced between stat and read: look again.
			cached = undefined;
			again = true;
			continue;
		}
		for (const [key, wanted] of waiting) {
			const owned = products.get(wanted.email.toLowerCase());
			if (owned && wanted.productIds.every((id) => owned.has(id))) {
				waiting.delete(key);
				parentPort?.postMessage({ type: 'seen', key, seenAt });
			}
		}
		readMs += performance.timeOrigin + performance.now() - seenAt;
	} while (again);
	reading = false;
}

const watcher = watch(workerData.dataDir as string, () => check());
// A safety net in case the file system coalesces or drops an event; it only ever re-checks.
const poll = setInterval(check, 50);

parentPort?.on('message', (message: { type: 'await'; awaited: Awaited } | { type: 'stop' }) => {
	if (message.type === 'await') {
		waiting.set(message.awaited.key, message.awaited);
		check();
	} else {
		watcher.close();
		clearInterval(poll);
		parentPort?.postMessage({ type: 'stats', reads, readMs });
	}
});
