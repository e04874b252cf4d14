#!/usr/bin/env bash
# `npm run bench [-- trigger|fulfilment|calls|parsing|reconciliation]`: the benchmarks (all by default) against a real
# n8n with the packed package and the Thrive Apprentice sandbox, on loopback. Writes
# bench/results/<kind>.json and regenerates BENCHMARKS.md. Fails only on correctness problems.
# `npm run bench -- report` only regenerates BENCHMARKS.md from the results already there.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh
bash scripts/bootstrap.sh
bash scripts/provision.sh
if [ "${1:-}" = "report" ]; then
	exec "$NODE24" bench/cli.js report
fi
echo "== build and pack"
bash scripts/pack.sh
"$NODE24" --enable-source-maps bench/cli.js "$@"
