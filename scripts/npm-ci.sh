#!/usr/bin/env bash
# npm ci in DIR, only when its package-lock.json changed since the last install.
set -euo pipefail
cd "$1"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> installing npm packages in $1 (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
