/**
 * When does a buyer's access become visible in the Thrive Apprentice sandbox? A worker thread watches
 * the sandbox's state file and answers with the moment it first showed all awaited products.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export interface WatchStats {
	reads: number;
	readMs: number;
}

export class AccessWatch {
	private readonly worker: Worker;
	private readonly pending = new Map<string, (seenAt: number) => void>();

	constructor(dataDir: string) {
		// The worker is TypeScript too: bench/cli.js's require hook compiles it in the worker thread.
		this.worker = new Worker(`require(${JSON.stringify(join(__dirname, '..', 'cli.js'))}).hook(); require(${JSON.stringify(join(__dirname, 'accessWatchWorker.ts'))});`, {
			eval: true,
			workerData: { dataDir },
		});
		this.worker.on('message', (message: { type: string; key: string; seenAt: number }) => {
			if (message.type !== 'seen') return;
			this.pending.get(message.key)?.(message.seenAt);
			this.pending.delete(message.key);
		});
	}

	/** Resolves with the epoch time (ms, sub-ms precision) at which the sandbox showed the access. */
	visible(key: string, email: string, productIds: number[]): Promise<number> {
		return new Promise((resolve) => {
			this.pending.set(key, resolve);
			this.worker.postMessage({ type: 'await', awaited: { key, email, productIds } });
		});
	}

	get waiting(): string[] {
		return [...this.pending.keys()];
	}

	private stopping?: Promise<WatchStats>;

	/** Stops the worker (once; later calls get the same figures). */
	stop(): Promise<WatchStats> {
		this.stopping ??= this.finish();
		return this.stopping;
	}

	private async finish(): Promise<WatchStats> {
		const stats = new Promise<WatchStats>((resolve) => {
			this.worker.on('message', (message: { type: string } & WatchStats) => {
				if (message.type === 'stats') resolve({ reads: message.reads, readMs: Number(message.readMs.toFixed(1)) });
			});
		});
		this.worker.postMessage({ type: 'stop' });
		const result = await stats;
		await this.worker.terminate();
		return result;
	}
}
