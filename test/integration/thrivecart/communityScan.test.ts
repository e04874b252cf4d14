/**
 * n8n's community-package scan (@n8n/scan-community-package's lint passes, run offline by
 * scripts/lib/scan-package.mjs) finds nothing in the packed package (`bash scripts/pack.sh` →
 * .runtime/package: the compiled .js and package.json a user installs) nor in the source it was built from.
 */
import { spawnSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { PACKED_PACKAGE_DIR, PROJECT_ROOT } from '../../support/runtime';

jest.setTimeout(180_000);

it("passes n8n's community-package scan with zero findings, on the packed package and its source", () => {
	const manifestPath = join(PACKED_PACKAGE_DIR, 'package.json');
	if (!existsSync(manifestPath)) {
		throw new Error(`No packed package at ${PACKED_PACKAGE_DIR}: run \`bash scripts/pack.sh\` first (scripts/test.sh does).`);
	}
	// A tarball without its compiled nodes would pass the scan by having nothing in it to scan.
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
	for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
		expect(existsSync(join(PACKED_PACKAGE_DIR, file))).toBe(true);
	}

	// Jest sets NODE_ENV=test, which eslint-plugin-n8n-nodes-base reads as "linting its own fixtures"
	// (it then expects fixture file names and trigger names): the scan runs without it, as n8n runs it.
	const env = { ...process.env };
	delete env.NODE_ENV;
	const scan = spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'lib', 'scan-package.mjs'), PACKED_PACKAGE_DIR, PROJECT_ROOT], {
		cwd: PROJECT_ROOT,
		env,
		encoding: 'utf8',
	});
	const report = `${scan.stdout}${scan.stderr}`;
	// The findings, when there are any, are the failure message.
	expect({ status: scan.status, report }).toEqual({ status: 0, report: 'source: passed\ntarball: passed\n' });
});
