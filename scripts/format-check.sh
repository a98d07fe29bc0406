#!/usr/bin/env bash
# Fails when a C++ file under src/, tests/, bench/ or fuzz/ is not formatted as .clang-format says
# (Google style, 4-space indent, 120 columns). `scripts/format-check.sh --fix` formats them in place.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h' '*.cc')
if [ "${1:-}" = "--fix" ]; then
  clang-format-14 -i "${files[@]}"
  exit 0
fi
if ! clang-format-14 --dry-run --Werror "${files[@]}" 2>/tmp/renkei-format.$$; then
  grep -E '^[^ ].*(error|warning):' /tmp/renkei-format.$$ | cut -d: -f1 | sort -u | sed 's/^/not formatted: /'
  rm -f /tmp/renkei-format.$$
  echo "run scripts/format-check.sh --fix (clang-format 14, .clang-format) and commit the result" >&2
  exit 1
fi
rm -f /tmp/renkei-format.$$
echo "C++ formatting: ${#files[@]} files as .clang-format says"
