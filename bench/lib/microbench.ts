/**
 * Microseconds per call of a synchronous function: warm-up, then samples of enough calls to last
 * ~20 ms each, reporting the median and fastest sample. Slow calls (over 20 ms) are timed one by one,
 * at most 5 of them and within ~3 s.
 */
import { performance } from 'node:perf_hooks';
import { pick } from './settings';
import { median } from './stats';

export interface Timing {
	/** Median over samples of the mean time per call. */
	us: number;
	/** Fastest sample. */
	minUs: number;
	samples: number;
	callsPerSample: number;
}

const SAMPLE_MS = pick(10, 20);
const WARM_UP_MS = pick(30, 200);
/** Time budget for calls slower than a sample. */
const SLOW_BUDGET_MS = pick(500, 3000);

export function time(fn: () => unknown, samples = pick(9, 15)): Timing {
	let started = performance.now();
	fn();
	const first = performance.now() - started;
	if (first > SAMPLE_MS) {
		const runs = [first];
		const more = Math.min(samples, 5, Math.floor(SLOW_BUDGET_MS / first)) - 1;
		for (let i = 0; i < more; i++) {
			started = performance.now();
			fn();
			runs.push(performance.now() - started);
		}
		return { us: round(median(runs) * 1000), minUs: round(Math.min(...runs) * 1000), samples: runs.length, callsPerSample: 1 };
	}
	// Warm-up (lets V8 optimise), then size the samples.
	const warmUntil = performance.now() + WARM_UP_MS;
	let calls = 0;
	while (performance.now() < warmUntil) {
		fn();
		calls++;
	}
	const callsPerSample = Math.max(1, Math.ceil((calls / WARM_UP_MS) * SAMPLE_MS));
	const perCall: number[] = [];
	for (let s = 0; s < samples; s++) {
		started = performance.now();
		for (let i = 0; i < callsPerSample; i++) fn();
		perCall.push(((performance.now() - started) * 1000) / callsPerSample);
	}
	return { us: round(median(perCall)), minUs: round(Math.min(...perCall)), samples, callsPerSample };
}

function round(us: number): number {
	return us >= 100 ? Math.round(us) : Number(us.toFixed(2));
}
