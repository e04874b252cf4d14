/**
 * The one HTTP client every benchmark uses: Node's http with a keep-alive agent, on loopback. Both sides
 * of a comparison go through the same function, so client cost cancels out.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface Response {
	status: number;
	body: string;
	/** From writing the request to the last byte of the answer. */
	ms: number;
}

export function keepAliveAgent(maxSockets: number): Agent {
	return new Agent({ keepAlive: true, maxSockets });
}

export function post(agent: Agent, url: string, body: string | Buffer, contentType: string): Promise<Response> {
	const target = new URL(url);
	const payload = typeof body === 'string' ? Buffer.from(body) : body;
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const req = request(
			{
				agent,
				host: target.hostname,
				port: target.port,
				path: target.pathname + target.search,
				method: 'POST',
				headers: { 'content-type': contentType, 'content-length': payload.length },
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () =>
					resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }),
				);
				res.on('error', reject);
			},
		);
		req.on('error', reject);
		req.end(payload);
	});
}

/** Runs `count` tasks with at most `concurrency` in flight; results keep the task order. */
export async function pool<T>(count: number, concurrency: number, task: (index: number) => Promise<T>): Promise<T[]> {
	const results: T[] = new Array(count);
	let next = 0;
	const worker = async () => {
		while (next < count) {
			const index = next++;
			results[index] = await task(index);
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
	return results;
}
