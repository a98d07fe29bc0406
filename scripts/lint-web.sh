#!/usr/bin/env bash
# Web lint (issue 13): ESLint (typescript-eslint, React hooks rules) and Prettier's check over web/.
# Runs both, prints one summary line, exits non-zero when either fails. Fix formatting with
# `cd web && npm run format`.
set -euo pipefail
cd "$(dirname "$0")/../web"
../scripts/npm-ci.sh .
start=$SECONDS
eslint=ok
prettier=ok
npm run --silent lint || eslint=FAILED
# Only the files that need formatting (Prettier writes them to stderr), not its banner.
npm run --silent format:check >/dev/null || prettier=FAILED
echo "==> web lint: eslint $eslint, prettier $prettier ($((SECONDS - start)) s)"
[ "$eslint" = ok ] && [ "$prettier" = ok ]
