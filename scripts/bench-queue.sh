#!/usr/bin/env bash
# `npm run bench:queue`: regular mode on Postgres and queue mode with 1, 2 and 4 workers (each with and
# without lazy acquire): the shipped template in regular mode, its queue-mode variant in queue mode; writes bench/results/queue.json and regenerates
# BENCHMARKS.md. BENCH_QUEUE_BUYERS (default 60; the issue's full size is 200) and BENCH_QUEUE_WORKERS
# (default 1,2,4) size it. Exits non-zero on a correctness problem (lost, duplicated, failed).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh
bash scripts/bootstrap.sh
bash scripts/provision.sh
bash scripts/prerequisites.sh postgresql redis-server
echo "== build and pack"
bash scripts/pack.sh
"$NODE24" --enable-source-maps -e 'require("./bench/cli.js").hook(); require("./bench/queue.ts").main().catch((e) => { console.error(e); process.exit(1); })'
