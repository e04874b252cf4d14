#!/usr/bin/env bash
# Installs the machine packages the runtime needs when they are missing: a compiler, make and python3 to
# build sqlite3 for Node 24, and curl for the scripts' readiness checks. Debian packages via apt-get
# (as root, or with sudo); anything else is named with the command to run.
set -euo pipefail
missing=()
command -v curl >/dev/null || missing+=(curl)
command -v make >/dev/null || missing+=(make)
command -v g++ >/dev/null || missing+=(g++)
command -v python3 >/dev/null || missing+=(python3)
for extra in "$@"; do
	# Extra packages by name, e.g. postgresql redis-server chromium: install when dpkg does not have them.
	dpkg -s "$extra" >/dev/null 2>&1 || missing+=("$extra")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if ! command -v apt-get >/dev/null || { [ -n "$sudo" ] && ! command -v sudo >/dev/null; }; then
	echo "Missing: ${missing[*]}. Install them with your system's package manager, then run this again." >&2
	exit 1
fi
echo "Installing ${missing[*]} with apt-get..." >&2
log=$(mktemp)
# Waits for another apt-get (a second script, unattended upgrades) instead of failing on dpkg's lock.
lock=(-o DPkg::Lock::Timeout=300)
if ! { $sudo apt-get "${lock[@]}" update -q && DEBIAN_FRONTEND=noninteractive $sudo apt-get "${lock[@]}" install -y -q --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
	tail -n 20 "$log" >&2
	echo "apt-get could not install ${missing[*]} (log: $log)" >&2
	exit 1
fi
rm -f "$log"
