/** Transaction › Get Many and Transaction › Expected Access. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { listTransactions, type Listing } from '../api/paging';
import { expectedAccess as foldExpectedAccess } from '../reconcile/expectedAccess';
import { commitRun, readState, sinceFor, startRun } from '../reconcile/watermark';
import { newStats, thriveCartRequest, type RequestStats } from '../transport/request';

interface ListingOptions {
	search?: string;
	perPage?: number;
	maxPages?: number;
}

function isoOrNull(value: unknown): string | null {
	if (typeof value !== 'string' || value.trim() === '') return null;
	const parsed = Date.parse(value);
	return Number.isNaN(parsed) ? null : new Date(parsed).toISOString();
}

async function list(
	this: IExecuteFunctions,
	itemIndex: number,
	{ transactionType, since, until }: { transactionType: string; since: string | null; until: string | null },
	stats: RequestStats,
): Promise<Listing> {
	const options = this.getNodeParameter('listingOptions', itemIndex, {}) as ListingOptions;
	const perPage = Math.min(100, Math.max(1, Math.floor(options.perPage ?? 25)));
	return await listTransactions(
		async (page) =>
			await thriveCartRequest.call(this, 'GET', '/transactions', `listing transactions (page ${page})`, itemIndex, {
				qs: { page, perPage, transactionType, ...(options.search ? { query: options.search } : {}) },
				stats,
			}),
		{ perPage, since, until, maxPages: Math.max(1, Math.floor(options.maxPages ?? 400)) },
	);
}

export async function getMany(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const transactionType = this.getNodeParameter('transactionType', itemIndex, 'any') as string;
	const since = isoOrNull(this.getNodeParameter('since', itemIndex, ''));
	const until = isoOrNull(this.getNodeParameter('until', itemIndex, ''));
	const listing = await list.call(this, itemIndex, { transactionType, since, until }, newStats());
	return listing.transactions as unknown as IDataObject[];
}

export async function expectedAccess(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const sinceMode = this.getNodeParameter('sinceMode', itemIndex, 'lastSuccessfulRun') as string;
	const now = new Date();
	const staticData = this.getWorkflowStaticData('global');
	let since: string | null;
	if (sinceMode === 'lastSuccessfulRun') {
		const overlap = Number(this.getNodeParameter('overlapMinutes', itemIndex, 1440));
		const lookback = Number(this.getNodeParameter('firstRunLookbackDays', itemIndex, 30));
		since = sinceFor(readState(staticData), now, overlap, lookback);
		startRun(staticData, now);
	} else {
		since = isoOrNull(this.getNodeParameter('since', itemIndex, ''));
	}
	const stats = newStats();
	const listing = await list.call(this, itemIndex, { transactionType: 'any', since, until: null }, stats);
	const buyers = foldExpectedAccess(listing.transactions, {
		revokeOnPartialRefund: this.getNodeParameter('revokeOnPartialRefund', itemIndex, false) as boolean,
		keepAccessUntilPeriodEnd: this.getNodeParameter('keepAccessUntilPeriodEnd', itemIndex, false) as boolean,
	});
	// Nothing sold or refunded in the period: nothing can be missing, so the run is complete here.
	if (buyers.length === 0 && sinceMode === 'lastSuccessfulRun') commitRun(staticData);
	const listed = {
		since,
		listedAt: now.toISOString(),
		transactions: listing.transactions.length,
		buyers: buyers.length,
		pagesRead: listing.pagesRead,
		thriveCartCalls: stats.calls,
		rateLimited: stats.rateLimited,
	};
	return buyers.map((buyer) => ({ ...buyer, listing: listed }) as unknown as IDataObject);
}
