#!/usr/bin/env bash
# The one test command (npm test): lint, type-check, build and pack, then every jest project —
# unit, integration (nodes against the Thrive Apprentice sandbox over HTTP) and end-to-end (the
# packed package and the templates inside a real n8n). `npm test e2e` runs only the last.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh
bash scripts/bootstrap.sh
bash scripts/provision.sh

only="${1:-all}"
if [ "$only" = "all" ]; then
	echo "== lint" && npx eslint . --max-warnings=0
	echo "== typecheck" && npx tsc -p tsconfig.json --noEmit
fi
echo "== build and pack" && bash scripts/pack.sh

results=.runtime/jest-results
mkdir -p "$results"
status=0
jest() { "$NODE24" node_modules/jest/bin/jest.js "$@"; }
if [ "$only" = "all" ]; then
	echo "== unit and integration tests"
	jest --selectProjects unit integration --json --outputFile="$results/fast.json" || status=1
fi
echo "== end-to-end tests in a real n8n"
# The editor test drives Debian's Chromium; installed here when missing (a fresh machine has none).
bash scripts/prerequisites.sh chromium
jest --selectProjects e2e --runInBand --json --outputFile="$results/e2e.json" || status=1

"$NODE24" -e '
const fs = require("fs");
let passed = 0, failed = 0, skipped = 0;
for (const f of process.argv.slice(1)) {
	if (!fs.existsSync(f)) { failed++; continue; }
	const r = JSON.parse(fs.readFileSync(f, "utf8"));
	passed += r.numPassedTests; failed += r.numFailedTests + r.numRuntimeErrorTestSuites; skipped += r.numPendingTests + r.numTodoTests;
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (passed === 0 || failed > 0) process.exit(1);
' $( [ "$only" = "all" ] && echo "$results/fast.json" ) "$results/e2e.json" || status=1
exit $status
