/** The sandbox's log of REST calls (`/__sandbox/requests`): who called which route, with which credential. */
export interface LoggedRequest {
	method: string;
	path: string;
	status: number;
	auth: 'apiKey' | 'applicationPassword' | 'none';
	at: string;
}

export async function clearRequests(sandboxUrl: string): Promise<void> {
	const res = await fetch(`${sandboxUrl}/__sandbox/requests`, { method: 'DELETE' });
	if (!res.ok) throw new Error(`sandbox request log: HTTP ${res.status}`);
}

export async function requests(sandboxUrl: string): Promise<LoggedRequest[]> {
	const res = await fetch(`${sandboxUrl}/__sandbox/requests`);
	if (!res.ok) throw new Error(`sandbox request log: HTTP ${res.status}`);
	return (await res.json()) as LoggedRequest[];
}

/** `POST /wp-json/tva/v1/newOrder` → count, and per credential. */
export function tally(log: LoggedRequest[]): { byRoute: Record<string, number>; byAuth: Record<string, number> } {
	const byRoute: Record<string, number> = {};
	const byAuth: Record<string, number> = {};
	for (const entry of log) {
		// Numeric path segments (user ids, order item ids) would make every member a route of their own.
		const route = `${entry.method} ${entry.path.replace(/\/\d+(?=\/|$)/g, '/{id}')}`;
		byRoute[route] = (byRoute[route] ?? 0) + 1;
		byAuth[entry.auth] = (byAuth[entry.auth] ?? 0) + 1;
	}
	return { byRoute, byAuth };
}
