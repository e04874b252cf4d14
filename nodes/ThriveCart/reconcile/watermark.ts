/**
 * "Since the last successful run": the reconciliation keeps, in the workflow's static data, the moment
 * its last complete run started listing. A run lists from that moment minus an overlap (ThriveCart does
 * not say how soon a transaction appears in its list), and only a run that repaired everything moves
 * the mark on. Pure: the node passes the static data object in.
 */
export const STATIC_KEY = 'thriveCartReconciliation';

export interface WatermarkState {
	/** ISO 8601: when the last run that left nothing unrepaired started listing. */
	lastSuccessfulRun?: string;
	/** ISO 8601: when the current run started listing (committed by the report). */
	pendingRun?: string;
}

export function readState(staticData: Record<string, unknown>): WatermarkState {
	const value = staticData[STATIC_KEY];
	return value && typeof value === 'object' ? { ...(value as WatermarkState) } : {};
}

export function sinceFor(state: WatermarkState, now: Date, overlapMinutes: number, firstRunLookbackDays: number): string {
	const last = state.lastSuccessfulRun ? Date.parse(state.lastSuccessfulRun) : NaN;
	const start = Number.isNaN(last) ? now.getTime() - firstRunLookbackDays * 86_400_000 : last - overlapMinutes * 60_000;
	return new Date(start).toISOString();
}

export function startRun(staticData: Record<string, unknown>, now: Date): void {
	staticData[STATIC_KEY] = { ...readState(staticData), pendingRun: now.toISOString() };
}

/** Moves the mark to the pending run; returns the new mark, or null when there was no pending run. */
export function commitRun(staticData: Record<string, unknown>): string | null {
	const state = readState(staticData);
	if (!state.pendingRun) return null;
	staticData[STATIC_KEY] = { lastSuccessfulRun: state.pendingRun };
	return state.pendingRun;
}
