/**
 * Correctness checks on n8n's executions: wait until a workflow's runs have settled, and describe,
 * in n8n's own words, any that did not succeed.
 */
import type { ExecutionRow, N8n } from '../../test/support/n8n';

export async function settled(n8n: N8n, workflowId: string, count: number, timeoutMs = 300_000): Promise<ExecutionRow[]> {
	return await n8n.waitForExecutions(workflowId, count, { timeoutMs });
}

/** A problem report for the executions that failed, or undefined when all succeeded. */
export function failedExecutions(n8n: N8n, rows: ExecutionRow[], what: string): string | undefined {
	const failed = rows.filter((row) => row.status !== 'success');
	if (failed.length === 0) return undefined;
	const shown = failed.slice(0, 3).map((row) => n8n.describeExecution(row.id)).join('\n');
	return `${failed.length} of ${rows.length} executions of ${what} did not succeed:\n${shown}`;
}

/** Run time inside n8n (startedAt → stoppedAt), ms. */
export function executionMs(row: ExecutionRow): number | undefined {
	if (!row.startedAt || !row.stoppedAt) return undefined;
	const time = (value: string) => Date.parse(`${value.replace(' ', 'T')}${/Z|[+-]\d\d:?\d\d$/.test(value) ? '' : 'Z'}`);
	return time(row.stoppedAt) - time(row.startedAt);
}
