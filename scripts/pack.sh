#!/usr/bin/env bash
# Builds the package and unpacks its `npm pack` tarball into .runtime/package: exactly what a user's
# n8n installs, so the end-to-end tests and the main job run the published artefact, not the sources.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rm -rf dist .runtime/package
npm run --silent build
mkdir -p .runtime
tarball=$(npm pack --ignore-scripts --silent --pack-destination .runtime | tail -n 1)
mkdir -p .runtime/package
tar -xzf ".runtime/$tarball" -C .runtime/package --strip-components=1
rm -f ".runtime/$tarball"
