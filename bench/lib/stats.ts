/** Order statistics for latency samples: nearest-rank percentiles, no interpolation. */
export interface Summary {
	count: number;
	min: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
	mean: number;
}

export function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return Number.NaN;
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarise(values: number[], digits = 2): Summary {
	const sorted = [...values].sort((a, b) => a - b);
	const round = (value: number) => Number(value.toFixed(digits));
	const mean = sorted.reduce((sum, value) => sum + value, 0) / (sorted.length || 1);
	return {
		count: sorted.length,
		min: round(sorted[0] ?? Number.NaN),
		p50: round(percentile(sorted, 50)),
		p95: round(percentile(sorted, 95)),
		p99: round(percentile(sorted, 99)),
		max: round(sorted[sorted.length - 1] ?? Number.NaN),
		mean: round(mean),
	};
}

export function median(values: number[]): number {
	return percentile([...values].sort((a, b) => a - b), 50);
}

export const ratio = (numerator: number, denominator: number): number => Number((numerator / denominator).toFixed(3));
