#!/usr/bin/env bash
# `npm run start:queue [-- --workers N]` (or WORKERS=N, default 2): n8n in queue mode on this machine —
# Postgres and Redis (Debian packages, installed with apt-get when missing), n8n main, a webhook process
# and N workers, each with the packed package installed, the Thrive Apprentice sandbox and the
# fulfilment template. Ctrl-C stops everything. See README "Running at scale".
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh
fail() {
	echo "start:queue: $1 failed (its own error is above)." >&2
	exit 1
}
bash scripts/bootstrap.sh || fail "installing the devDependencies (scripts/bootstrap.sh)"
bash scripts/provision.sh || fail "provisioning n8n and Node 24 (scripts/provision.sh)"
bash scripts/prerequisites.sh postgresql redis-server || fail "installing Postgres and Redis (scripts/prerequisites.sh postgresql redis-server)"
echo "Building and packing the package..."
bash scripts/pack.sh || fail "building and packing the package (scripts/pack.sh)"
exec "$NODE24" scripts/lib/queue/start.js "$@"
