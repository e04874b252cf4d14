// `scan-package.mjs <unpacked package dir> <source dir>`: n8n's community-package scan
// (@n8n/scan-community-package) run offline. Its CLI downloads the published package and its attested
// source from the internet; here the same two lint passes run on the packed tarball (compiled .js and
// package.json) and on the source it was built from. Prints the findings; exits 1 when there are any.
import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

import path from 'node:path';

const [packageDir, sourceDir] = process.argv.slice(2).map((dir) => path.resolve(dir));
if (process.argv.length < 4) {
	console.error('usage: scan-package.mjs <unpacked package dir> <source dir>');
	process.exit(2);
}
const results = [
	['source', await analyzePackage(sourceDir, SOURCE_FILE_PATTERNS)],
	['tarball', await analyzePackage(packageDir, ['**/*.js', 'package.json'])],
];
let failed = false;
for (const [leg, result] of results) {
	if (result.passed) {
		process.stdout.write(`${leg}: passed${result.message ? ` (${result.message})` : ''}\n`);
	} else {
		failed = true;
		process.stdout.write(`${leg}: ${result.message}\n${result.details ?? ''}\n`);
	}
}
process.exit(failed ? 1 : 0);
