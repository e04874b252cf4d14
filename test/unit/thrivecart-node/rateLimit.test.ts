import { backoffMs, MAX_PAUSE_MS, retryAfterMs, SlidingWindow } from '../../../nodes/ThriveCart/transport/rateLimit';

describe("ThriveCart's 60 requests a minute", () => {
	it('lets 60 calls go at once and holds the 61st until the first leaves the window', () => {
		const window = new SlidingWindow(60, 60_000);
		const waits = Array.from({ length: 60 }, () => window.reserve(1_000));
		expect(waits.every((wait) => wait === 0)).toBe(true);
		expect(window.reserve(1_500)).toBe(59_500);
		// the 62nd waits for the second call's slot, not on top of the 61st's wait
		expect(window.reserve(1_500)).toBe(59_500);
	});

	it('never has more than 60 calls in any 60 s', () => {
		const window = new SlidingWindow(60, 60_000);
		const sent: number[] = [];
		let now = 0;
		for (let i = 0; i < 200; i++) {
			now += 100;
			sent.push(now + window.reserve(now));
		}
		sent.sort((a, b) => a - b);
		for (let i = 60; i < sent.length; i++) expect(sent[i] - sent[i - 60]).toBeGreaterThanOrEqual(60_000);
	});

	it('honours Retry-After in seconds or as a date, and doubles the pause when there is none, bounded', () => {
		const now = Date.parse('2026-03-01T00:00:00Z');
		expect(retryAfterMs('3', now)).toBe(3000);
		expect(retryAfterMs('Sun, 01 Mar 2026 00:00:10 GMT', now)).toBe(10_000);
		expect(retryAfterMs(undefined, now)).toBeUndefined();
		expect(retryAfterMs('soon', now)).toBeUndefined();
		expect([1, 2, 3].map((attempt) => backoffMs(attempt, undefined))).toEqual([2000, 4000, 8000]);
		expect(backoffMs(1, 0)).toBe(0);
		expect(backoffMs(1, 10 * 60_000)).toBe(MAX_PAUSE_MS);
		expect(backoffMs(10, undefined)).toBe(MAX_PAUSE_MS);
	});
});
