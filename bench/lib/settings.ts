/**
 * How long the benchmarks run: `npm run bench` is the short run (about 5 minutes on 2 cores, fewer
 * repetitions where the spread allows); `npm run bench -- --full` keeps the long one. run.ts sets the
 * variable from the flag before any benchmark module is loaded.
 */
export const FULL = process.env.TC_BENCH_FULL === '1';

export function pick<T>(short: T, full: T): T {
	return FULL ? full : short;
}
