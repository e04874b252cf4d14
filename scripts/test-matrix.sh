#!/usr/bin/env bash
# npm run test:matrix: the end-to-end suites that test the packed package inside n8n, run once per n8n
# version (the newest release line and the last 1.x the registry serves), one version at a time. Not part
# of `npm test` (that stays on scripts/env.sh's default n8n). N8N_MATRIX="1.123.81" picks other versions.
# provision.test.ts and queue.test.ts are left out: they test set-ups of the default version, not the package.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
N8N_MATRIX="${N8N_MATRIX:-2.41.1 1.123.81}"
SUITES=(fulfilment event-subscription real-site reconciliation editor)

set -e
bash scripts/bootstrap.sh
echo "== build and pack" && bash scripts/pack.sh
bash scripts/prerequisites.sh chromium
set +e

results=.runtime/jest-results/matrix
rm -rf "$results" && mkdir -p "$results"
paths=()
for suite in "${SUITES[@]}"; do paths+=("test/e2e/$suite.test.ts"); done

for version in $N8N_MATRIX; do
	echo "== n8n $version"
	if ! N8N_VERSION="$version" bash scripts/provision.sh; then
		echo "n8n $version could not be provisioned" >"$results/$version.provision-failed"
		continue
	fi
	(
		export N8N_VERSION="$version" SCREENSHOTS_DIR="$PWD/.runtime/screenshots/n8n-$version"
		source scripts/env.sh
		"$NODE24" node_modules/jest/bin/jest.js --selectProjects e2e --runInBand --runTestsByPath "${paths[@]}" \
			--json --outputFile="$results/$version.json"
	)
done

# One line per version, then the failed tests by name, so a 1.x gap is plain rather than hidden.
NODE="$(N8N_VERSION="${N8N_MATRIX%% *}" bash -c 'source scripts/env.sh; echo "$NODE24"')"
[ -x "$NODE" ] || NODE=node
"$NODE" -e '
const fs = require("fs");
const [dir, ...versions] = process.argv.slice(1);
let bad = false;
const lines = [], failures = [];
for (const v of versions) {
	const file = `${dir}/${v}.json`;
	if (!fs.existsSync(file)) {
		bad = true;
		lines.push(`n8n ${v}: not run (${fs.existsSync(`${file.slice(0, -5)}.provision-failed`) ? "provisioning failed" : "jest wrote no results"})`);
		continue;
	}
	const r = JSON.parse(fs.readFileSync(file, "utf8"));
	const failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
	const skipped = r.numPendingTests + r.numTodoTests;
	if (failed > 0 || skipped > 0 || r.numPassedTests === 0) bad = true;
	lines.push(`n8n ${v}: ${r.numPassedTests} passed, ${failed} failed, ${skipped} skipped (${r.numTotalTestSuites} suites)`);
	for (const suite of r.testResults) {
		const name = suite.name.replace(/.*\/test\/e2e\//, "");
		if (suite.status === "failed" && suite.assertionResults.every((a) => a.status !== "failed")) {
			failures.push(`  n8n ${v} ${name}: ${String(suite.message).split("\n").find((l) => l.trim()) ?? "suite failed"}`);
		}
		for (const a of suite.assertionResults) if (a.status === "failed") failures.push(`  n8n ${v} ${name}: ${a.fullName}`);
	}
}
console.log("== version matrix");
for (const l of lines) console.log(l);
if (failures.length) console.log("failed:\n" + failures.join("\n"));
process.exit(bad ? 1 : 0);
' "$results" $N8N_MATRIX
