// The recorded calls are the contract: every line of every recording file, replayed against a fresh sandbox
// seeded to the recordings' starting state, must get the same status, the same error codes and a body of
// the same shape as the real Thrive Apprentice 5.15 site gave.
import { startSandbox, type Sandbox } from '../../../sandbox';
import { SECRETS, recordingFiles, requestFor, type Recording } from './replay/recording';
import { errorCodes, shapeDifferences } from './replay/shape';

async function replay(siteUrl: string, call: Recording): Promise<{ status: number; body: unknown; text: string }> {
	const { url, init } = requestFor(siteUrl, call);
	const res = await fetch(url, { ...init, redirect: 'manual' });
	const text = await res.text();
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		body = `<not JSON> ${text.slice(0, 200)}`;
	}
	return { status: res.status, body, text };
}

describe.each(recordingFiles())('$file', ({ file, calls }) => {
	let sandbox: Sandbox;
	// seed.jsonl is how the recorded state was made: it replays on the site as it was before seeding.
	const seed = file === 'seed.jsonl' ? 'recordings-unseeded' : 'recordings';
	beforeAll(async () => {
		sandbox = await startSandbox({ reset: true, seed });
	});
	afterAll(async () => {
		await sandbox?.stop();
	});

	it.each(calls.map((call) => [call.label, call] as const))('%s', async (_label, call) => {
		const answer = await replay(sandbox.url, call);
		expect({ status: answer.status, ...errorCodes(answer.body) }).toEqual({ status: call.status, ...errorCodes(call.resp_body) });
		expect(shapeDifferences(call.resp_body, answer.body)).toEqual([]);
	});

	if (file === 'seed.jsonl') {
		it("leaves the catalog the 'recordings' seed starts from", async () => {
			const seeded = await startSandbox({ seed: 'recordings' });
			try {
				expect(await catalog(sandbox.url)).toEqual(await catalog(seeded.url));
			} finally {
				await seeded.stop();
			}
		});
	}
});

/** Courses, products and API key names as the admin routes list them, without dates and URLs. */
async function catalog(siteUrl: string) {
	const headers = { Authorization: `Basic ${Buffer.from(`admin:${SECRETS.appPassword}`).toString('base64')}` };
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each list below states the fields it reads
	const get = async (route: string): Promise<any> => (await fetch(`${siteUrl}/wp-json${route}`, { headers })).json();
	const courses = await get('/tva/v2/courses?filter[status]=publish,draft,private&limit=100');
	const products = await get('/tva/v1/products');
	const keys = await get('/tva/v1/tokens');
	type Course = { id: number; name: string; status: string; count_lessons: number; is_private: boolean };
	type Product = { id: number; name: string; sets: Array<{ ID: number; post_content: Array<{ value: Array<{ id: number; text: string }> }> }> };
	return {
		courses: (courses.items as Course[]).map(({ id, name, status, count_lessons, is_private }) => ({ id, name, status, count_lessons, is_private })),
		products: (products.items as Product[])
			.map((p) => ({ id: p.id, name: p.name, setId: p.sets[0].ID, courses: p.sets[0].post_content[0].value }))
			.sort((a, b) => a.id - b.id),
		keys: (keys as Array<{ id: number; name: string; status: number }>).map(({ id, name, status }) => ({ id, name, status })),
	};
}
