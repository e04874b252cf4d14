/**
 * Correctness gates on n8n's executions: wait until a workflow's runs have settled, and fail loudly,
 * with n8n's own account of the execution, when any of them did not succeed.
 */
import type { ExecutionRow, N8n } from '../../test/support/n8n';

export class ExecutionFailed extends Error {}

export async function settled(n8n: N8n, workflowId: string, count: number, timeoutMs = 300_000): Promise<ExecutionRow[]> {
	return await n8n.waitForExecutions(workflowId, count, { timeoutMs });
}

export function assertAllSucceeded(n8n: N8n, rows: ExecutionRow[], what: string): void {
	const failed = rows.filter((row) => row.status !== 'success');
	if (failed.length === 0) return;
	const shown = failed.slice(0, 3).map((row) => n8n.describeExecution(row.id)).join('\n');
	throw new ExecutionFailed(`${failed.length} of ${rows.length} executions of ${what} did not succeed:\n${shown}`);
}

/** Run time inside n8n (startedAt → stoppedAt), ms. */
export function executionMs(row: ExecutionRow): number | undefined {
	if (!row.startedAt || !row.stoppedAt) return undefined;
	return Date.parse(`${row.stoppedAt.replace(' ', 'T')}${row.stoppedAt.endsWith('Z') ? '' : 'Z'}`) -
		Date.parse(`${row.startedAt.replace(' ', 'T')}${row.startedAt.endsWith('Z') ? '' : 'Z'}`);
}
