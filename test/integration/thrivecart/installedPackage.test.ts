/**
 * The package loads when installed the way n8n 2.40 installs a community package, outside this
 * repository, so the repository's node_modules (zod, n8n-workflow, …) cannot satisfy any `require`.
 *
 * What n8n does (n8n/dist/modules/community-packages/community-packages.service.js, downloadPackage):
 * unpack the tarball into <n8n folder>/nodes/node_modules/<name>, drop devDependencies,
 * peerDependencies and optionalDependencies from its package.json, `npm install` what is left. And
 * (load-nodes-and-credentials.js, init) it sets NODE_PATH inside its own process to n8n's module
 * paths, which is how a package's `require('n8n-workflow')` finds n8n's copy. Here: the packed
 * package (`bash scripts/pack.sh` → .runtime/package) copied into a fresh folder under os.tmpdir(),
 * Node 24 started there with NODE_PATH unset, and inside it NODE_PATH pointed at a folder that holds
 * only n8n's n8n-workflow, as n8n points it at its own node_modules. Every file named in package.json
 * "n8n" is required; every module it resolves must be a Node built-in, inside the installed package,
 * or inside that n8n-workflow.
 */
import { spawnSync } from 'child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { N8N_RUNTIME, NODE24, PACKED_PACKAGE_DIR, PROJECT_ROOT } from '../../support/runtime';

const PROBE = `
const Module = require('module');
const path = require('path');
const [packageDir, n8nModules] = process.argv.slice(2);
// What n8n does at start-up (load-nodes-and-credentials.js): its module paths on NODE_PATH.
process.env.NODE_PATH = n8nModules;
Module._initPaths();
// Every require made by the package's own files: what it asked for and where Node found it.
const resolved = [];
const original = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
	const file = original.call(this, request, parent, ...rest);
	if (parent && parent.filename && parent.filename.startsWith(packageDir + path.sep) && !Module.isBuiltin(file)) {
		resolved.push({ request, from: parent.filename, file });
	}
	return file;
};
const manifest = require(path.join(packageDir, 'package.json'));
const files = [...manifest.n8n.credentials, ...manifest.n8n.nodes];
const loaded = [];
const failures = [];
for (const file of files) {
	try {
		const exported = require(path.join(packageDir, file));
		loaded.push({ file, exports: Object.keys(exported) });
	} catch (error) {
		failures.push({ file, error: String(error && error.stack || error) });
	}
}
process.stdout.write(JSON.stringify({ files, loaded, failures, resolved }));
`;

describe('the package as n8n installs it, outside the repository', () => {
	let root: string;

	beforeAll(() => {
		if (!existsSync(join(PACKED_PACKAGE_DIR, 'package.json'))) {
			throw new Error(`No packed package at ${PACKED_PACKAGE_DIR}: run \`bash scripts/pack.sh\` first (scripts/test.sh does).`);
		}
		root = mkdtempSync(join(tmpdir(), 'tc-installed-'));
	});

	afterAll(() => {
		if (root) rmSync(root, { recursive: true, force: true });
	});

	it('keeps runtime dependencies empty and loads every node and credential with only Node and n8n-workflow', () => {
		const manifest = JSON.parse(readFileSync(join(PACKED_PACKAGE_DIR, 'package.json'), 'utf8'));
		expect(manifest.dependencies ?? {}).toEqual({});

		// <n8n folder>/nodes/node_modules/<name>, package.json trimmed as n8n trims it.
		const packageDir = join(root, 'nodes', 'node_modules', manifest.name);
		mkdirSync(packageDir, { recursive: true });
		cpSync(PACKED_PACKAGE_DIR, packageDir, { recursive: true });
		const { devDependencies, peerDependencies, optionalDependencies, ...installed } = manifest;
		expect(peerDependencies).toEqual({ 'n8n-workflow': '*' });
		void devDependencies;
		void optionalDependencies;
		writeFileSync(join(packageDir, 'package.json'), JSON.stringify(installed, null, 2));

		// A folder holding only n8n's own n8n-workflow (the runtime n8n 2.40.7 loads it from).
		const n8nWorkflow = join(N8N_RUNTIME, 'node_modules', 'n8n-workflow');
		const n8nModules = join(root, 'n8n-modules');
		mkdirSync(n8nModules);
		symlinkSync(n8nWorkflow, join(n8nModules, 'n8n-workflow'), 'dir');
		writeFileSync(join(root, 'probe.js'), PROBE);

		const env = { ...process.env };
		delete env.NODE_PATH;
		delete env.NODE_OPTIONS;
		const run = spawnSync(NODE24, ['probe.js', packageDir, n8nModules], { cwd: root, env, encoding: 'utf8' });
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
		const result = JSON.parse(run.stdout) as {
			files: string[];
			loaded: Array<{ file: string; exports: string[] }>;
			failures: Array<{ file: string; error: string }>;
			resolved: Array<{ request: string; from: string; file: string }>;
		};

		expect(result.failures).toEqual([]);
		expect(result.files).toHaveLength(5);
		expect(result.loaded.map((entry) => entry.exports)).toEqual([['ThriveCartApi'], ['ThriveApprenticeApi'], expect.arrayContaining(['ThriveCartTrigger']), ['ThriveApprentice'], ['ThriveCart']]);

		// The package's own files resolve to themselves, or to n8n's n8n-workflow; nothing else.
		const insidePackage = (file: string) => realpathSync(file).startsWith(`${realpathSync(packageDir)}/`);
		const fromN8n = (file: string) => realpathSync(file).startsWith(`${realpathSync(n8nWorkflow)}/`);
		const elsewhere = result.resolved.filter(({ file }) => !insidePackage(file) && !fromN8n(file));
		expect(elsewhere).toEqual([]);
		expect(result.resolved.filter(({ file }) => realpathSync(file).startsWith(`${PROJECT_ROOT}/`))).toEqual([]);
		expect(result.resolved.filter(({ request }) => request === 'zod')).toEqual([]);
		// The trigger's own code was loaded, and n8n-workflow came from n8n.
		expect(result.resolved.some(({ file }) => file.endsWith('/dist/nodes/ThriveCartTrigger/thrivecart/schema.js'))).toBe(true);
		const workflowImports = result.resolved.filter(({ request }) => request === 'n8n-workflow');
		expect(workflowImports.length).toBeGreaterThan(0);
		expect(workflowImports.every(({ file }) => fromN8n(file))).toBe(true);
	});
});
