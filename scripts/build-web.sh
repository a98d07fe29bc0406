#!/usr/bin/env bash
# Builds the web UI into web/dist, installing npm packages (npm ci) when the lock file changed.
set -euo pipefail
cd "$(dirname "$0")/../web"
../scripts/npm-ci.sh .
if [ ! -f dist/index.html ] || [ -n "$(find src index.html package-lock.json vite.config.* -newer dist/index.html 2>/dev/null | head -1)" ]; then
  echo "==> building the web UI"
  npm run build --silent
fi
