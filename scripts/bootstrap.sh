#!/usr/bin/env bash
# Installs the project's devDependencies when they are missing or the lock file changed since.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
stamp=node_modules/.package-lock.sha
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
	echo "Installing devDependencies (npm ci)..." >&2
	npm ci --no-audit --no-fund >/dev/null
	echo "$want" >"$stamp"
fi
