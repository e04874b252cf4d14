// The recorded calls are the contract: every line of every recording file, replayed against a fresh sandbox
// seeded to the recordings' starting state, must get the same status, the same error codes and a body of
// the same shape as the real Thrive Apprentice 5.15 site gave.
import { startSandbox, type Sandbox } from '../../../sandbox';
import { recordingFiles, requestFor, type Recording } from './replay/recording';
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
});
