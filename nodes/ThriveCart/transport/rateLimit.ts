/**
 * ThriveCart allows 60 API requests per minute per account and sends no rate-limit headers. This keeps a
 * sliding window of the calls this n8n process made per account and waits before the 61st; a 429 that
 * still comes back (other tools share the account) is retried after Retry-After, or with a doubling pause.
 */
export const REQUESTS_PER_WINDOW = 60;
export const WINDOW_MS = 60_000;
export const MAX_RATE_LIMIT_RETRIES = 5;
/** No single pause longer than ThriveCart's window (plus a little). */
export const MAX_PAUSE_MS = 65_000;
const FIRST_BACKOFF_MS = 2_000;

export class SlidingWindow {
	private readonly calls: number[] = [];

	constructor(
		private readonly limit = REQUESTS_PER_WINDOW,
		private readonly windowMs = WINDOW_MS,
	) {}

	/** How long to wait before the next call may go out (0 = now); records the call at that moment. */
	reserve(now: number): number {
		while (this.calls.length > 0 && this.calls[0] <= now - this.windowMs) this.calls.shift();
		const wait = this.calls.length < this.limit ? 0 : this.calls[this.calls.length - this.limit] + this.windowMs - now;
		this.calls.push(now + Math.max(0, wait));
		return Math.max(0, wait);
	}
}

const windows = new Map<string, SlidingWindow>();

/** One window per ThriveCart account (identified by a hash of its API key, never the key itself). */
export function windowFor(accountKey: string): SlidingWindow {
	let window = windows.get(accountKey);
	if (!window) {
		window = new SlidingWindow();
		windows.set(accountKey, window);
	}
	return window;
}

/** Retry-After in seconds or as an HTTP date → milliseconds; undefined when absent or unreadable. */
export function retryAfterMs(header: unknown, now: number): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The pause before retry number `attempt` (1-based) after a 429. */
export function backoffMs(attempt: number, retryAfter: number | undefined): number {
	const pause = retryAfter ?? FIRST_BACKOFF_MS * 2 ** (attempt - 1);
	return Math.min(MAX_PAUSE_MS, Math.max(0, pause));
}
