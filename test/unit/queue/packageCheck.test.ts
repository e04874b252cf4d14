/**
 * The queue-mode start-up check: a worker whose package is missing, incomplete, another version or
 * another build is named, and the set-up refuses to start (a worker without the package loses sales).
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkPackages, refusal, installedPackageDir } = require('../../../scripts/lib/queue/package-check.js');

const NAME = 'n8n-nodes-example';
let root: string;

function install(role: string, version = '1.0.0', nodeCode = 'module.exports = 1;') {
	const folder = join(root, role);
	const dir = installedPackageDir(folder, NAME);
	mkdirSync(join(dir, 'dist'), { recursive: true });
	writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: NAME, version, n8n: { nodes: ['dist/Example.node.js'], credentials: [] } }));
	writeFileSync(join(dir, 'dist', 'Example.node.js'), nodeCode);
	return { role, userFolder: folder };
}

beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'package-check-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('checkPackages', () => {
	it('passes when main, the webhook process and every worker have the same copy', () => {
		const main = install('main');
		const others = ['webhook', 'worker-1', 'worker-2'].map((role) => {
			const target = { role, userFolder: join(root, role) };
			cpSync(main.userFolder, target.userFolder, { recursive: true });
			return target;
		});
		expect(checkPackages(NAME, [main, ...others])).toEqual([]);
	});

	it('names a worker without the package', () => {
		const problems = checkPackages(NAME, [install('main'), install('worker-1'), { role: 'worker-2', userFolder: join(root, 'worker-2') }]);
		expect(problems).toEqual([expect.stringMatching(/^worker-2: n8n-nodes-example is not installed/)]);
		expect(refusal(NAME, problems)).toMatch(/REFUSING TO START[\s\S]*worker-2[\s\S]*Unrecognized node type/);
	});

	it('names a worker whose copy lacks a node file, has another version, or another build', () => {
		const main = install('main');
		const incomplete = install('worker-1');
		rmSync(join(installedPackageDir(incomplete.userFolder, NAME), 'dist', 'Example.node.js'));
		const problems = checkPackages(NAME, [main, incomplete, install('worker-2', '0.9.0'), install('worker-3', '1.0.0', 'module.exports = 2;')]);
		expect(problems).toEqual([
			expect.stringMatching(/^worker-1: .* is incomplete: dist\/Example.node.js missing/),
			'worker-2: n8n-nodes-example 0.9.0 is installed, main has 1.0.0',
			expect.stringMatching(/^worker-3: .* differs from main's copy/),
		]);
	});

	it('refuses when main itself lacks the package', () => {
		expect(checkPackages(NAME, [{ role: 'main', userFolder: join(root, 'main') }, install('worker-1')])).toEqual([expect.stringMatching(/^main: .* not installed/)]);
	});
});
