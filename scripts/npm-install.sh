#!/usr/bin/env bash
# Installs the npm clients the end-to-end tests use (e2e/package-lock.json), when missing or out of date.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root/e2e"
command -v node >/dev/null || { echo "npm-install: Node.js 20 is required for the end-to-end tests" >&2; exit 1; }
stamp=node_modules/.portrait-installed
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi
