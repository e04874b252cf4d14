/**
 * Reads every page of `GET /transactions` that can hold transactions in the asked period. ThriveCart has
 * no date filter, so the period is applied here. When a page is newest-first (what ThriveCart's own
 * clients see), paging stops at the first transaction older than `since`; when the order is anything
 * else, every page is read, because stopping early could then miss a transaction.
 */
import { normaliseTransaction, readTransactionsPage, type Transaction } from './transactions';

export interface ListOptions {
	perPage: number;
	/** ISO 8601: only transactions at or after this moment. */
	since?: string | null;
	/** ISO 8601: only transactions before this moment. */
	until?: string | null;
	/** Safety bound: a larger history stops with an error rather than running for hours. */
	maxPages: number;
}

export interface Listing {
	transactions: Transaction[];
	pagesRead: number;
	stoppedEarly: boolean;
}

export type PageFetcher = (page: number) => Promise<unknown>;

function isNewestFirst(transactions: Transaction[]): boolean {
	for (let i = 1; i < transactions.length; i++) if (transactions[i].date > transactions[i - 1].date) return false;
	return true;
}

export class TooManyPagesError extends Error {}

export async function listTransactions(fetchPage: PageFetcher, options: ListOptions): Promise<Listing> {
	const since = options.since ? Date.parse(options.since) : undefined;
	const until = options.until ? Date.parse(options.until) : undefined;
	const result: Listing = { transactions: [], pagesRead: 0, stoppedEarly: false };
	let seen = 0;
	let previousLast: Transaction | undefined;
	for (let page = 1; ; page++) {
		if (page > options.maxPages) {
			throw new TooManyPagesError(
				`ThriveCart returned more than ${options.maxPages} pages of transactions; narrow the period (Since) or raise Max Pages`,
			);
		}
		const { rows, total } = readTransactionsPage(await fetchPage(page));
		result.pagesRead = page;
		const transactions = rows.map(normaliseTransaction);
		seen += rows.length;
		for (const transaction of transactions) {
			const at = Date.parse(transaction.date);
			if (since !== undefined && at < since) continue;
			if (until !== undefined && at >= until) continue;
			result.transactions.push(transaction);
		}
		const newestFirst = isNewestFirst(transactions) && (!previousLast || !transactions[0] || transactions[0].date <= previousLast.date);
		const last = transactions[transactions.length - 1];
		previousLast = last ?? previousLast;
		if (rows.length < options.perPage || rows.length === 0) break;
		if (total !== null && seen >= total) break;
		if (since !== undefined && newestFirst && last && Date.parse(last.date) < since) {
			result.stoppedEarly = true;
			break;
		}
	}
	return result;
}
