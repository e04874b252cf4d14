import type { IExecuteFunctions } from 'n8n-workflow';

import { release, reserve } from '../../../nodes/ThriveApprentice/coordination/n8nStore';

function context(helpers: Record<string, unknown>, warnings: string[] = []): IExecuteFunctions {
	return { helpers, logger: { warn: (message: string) => warnings.push(message) } } as unknown as IExecuteFunctions;
}

function memoryStore() {
	const seen = new Set<string>();
	const calls: Array<[string, unknown[], string, unknown]> = [];
	return {
		seen,
		calls,
		helpers: {
			async checkProcessedAndRecord(items: string[], scope: string, options: unknown) {
				calls.push(['check', items, scope, options]);
				const result = { new: [] as string[], processed: [] as string[] };
				for (const item of items) {
					if (seen.has(item)) result.processed.push(item);
					else {
						seen.add(item);
						result.new.push(item);
					}
				}
				return result;
			},
			async removeProcessed(items: string[], scope: string, options: unknown) {
				calls.push(['remove', items, scope, options]);
				for (const item of items) seen.delete(item);
			},
		},
	};
}

test('reserve records new keys per workflow in entries mode and reports repeats; release forgets them', async () => {
	const store = memoryStore();
	const ctx = context(store.helpers);
	expect(await reserve.call(ctx, ['a', 'b'])).toEqual({ status: 'active', fresh: ['a', 'b'], processed: [] });
	expect(await reserve.call(ctx, ['b', 'c'])).toEqual({ status: 'active', fresh: ['c'], processed: ['b'] });
	await release.call(ctx, ['b']);
	expect(await reserve.call(ctx, ['b'])).toEqual({ status: 'active', fresh: ['b'], processed: [] });
	expect(store.calls[0]).toEqual(['check', ['a', 'b'], 'workflow', { mode: 'entries', maxEntries: 50000 }]);
});

test('without the helper (old n8n) every key is fresh and the output says repeats are not detected', async () => {
	const result = await reserve.call(context({}), ['a']);
	expect(result).toMatchObject({ status: 'unavailable', fresh: ['a'], processed: [] });
	expect(result.note).toMatch(/repeats are not detected/);
	await expect(release.call(context({}), ['a'])).resolves.toBeUndefined();
});

test('a store that fails twice: fall back with a note; a store that fails once: retried', async () => {
	let failures = 2;
	const flaky = {
		async checkProcessedAndRecord(items: string[]) {
			if (failures-- > 0) throw new Error('SQLITE_BUSY');
			return { new: items, processed: [] };
		},
		async removeProcessed() {},
	};
	const broken = await reserve.call(context(flaky), ['a']);
	expect(broken).toMatchObject({ status: 'unavailable', fresh: ['a'] });
	expect(broken.note).toMatch(/SQLITE_BUSY/);
	failures = 1;
	expect(await reserve.call(context(flaky), ['a'])).toEqual({ status: 'active', fresh: ['a'], processed: [] });
});

test('a failing release is logged, not thrown (the Thrive Apprentice outcome stands)', async () => {
	const warnings: string[] = [];
	const ctx = context(
		{
			async checkProcessedAndRecord() {
				return { new: [], processed: [] };
			},
			async removeProcessed() {
				throw new Error('disk full');
			},
		},
		warnings,
	);
	await expect(release.call(ctx, ['a'])).resolves.toBeUndefined();
	expect(warnings).toEqual([expect.stringContaining('disk full')]);
});

/** n8n's real store: one row per scope, read, changed and written back with awaits in between. */
function racyStore() {
	let row: string[] = [];
	const tick = () => new Promise((resolve) => setImmediate(resolve));
	return {
		row: () => row,
		helpers: {
			async checkProcessedAndRecord(items: string[]) {
				const read = [...row];
				await tick();
				const result = { new: items.filter((item) => !read.includes(item)), processed: items.filter((item) => read.includes(item)) };
				await tick();
				row = [...read, ...result.new];
				return result;
			},
			async removeProcessed(items: string[]) {
				const read = [...row];
				await tick();
				row = read.filter((item) => !items.includes(item));
			},
		},
	};
}

test('concurrent executions of one workflow never lose each other\'s records, and only one wins a key', async () => {
	const store = racyStore();
	const ctx = { ...context(store.helpers), getWorkflow: () => ({ id: 'wf1' }) } as unknown as IExecuteFunctions;
	const keys = Array.from({ length: 8 }, (_, i) => `grant|order-${i}`);
	const results = await Promise.all([...keys, ...keys].map((key) => reserve.call(ctx, [key])));
	expect(store.row().sort()).toEqual([...keys].sort());
	expect(results.filter((r) => r.fresh.length === 1)).toHaveLength(8);
	expect(results.filter((r) => r.processed.length === 1)).toHaveLength(8);
});
