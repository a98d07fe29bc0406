#!/usr/bin/env bash
# bench/assignment/run.sh [--glpsol PATH] [--keep DIR] [--no-glpk]: the open call's reviewer
# assignment and budget selection against GLPK's optimum on generated calls (bench/assignment/README.md).
# Uses $RENKEI_BENCH_BIN, or the first renkei_bench_assignment under build/ (release, test, h-oc);
# builds it with the release preset when there is none. Needs glpsol (Debian: glpk-utils).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${RENKEI_BENCH_BIN:-}
if [ -z "$bin" ]; then
  for dir in release test h-oc; do
    if [ -x "$root/build/$dir/src/modules/opencall/renkei_bench_assignment" ]; then
      bin="$root/build/$dir/src/modules/opencall/renkei_bench_assignment"; break
    fi
  done
fi
if [ -z "$bin" ]; then
  echo "bench/assignment: building renkei_bench_assignment (release preset)" >&2
  (cd "$root" && cmake --preset release >/dev/null && cmake --build --preset release --target renkei_bench_assignment >&2)
  bin="$root/build/release/src/modules/opencall/renkei_bench_assignment"
fi
if [[ " $* " != *" --no-glpk "* ]] && ! command -v "${GLPSOL:-glpsol}" >/dev/null; then
  echo "bench/assignment: glpsol not found (apt-get install glpk-utils)" >&2; exit 2
fi
exec "$bin" --glpsol "${GLPSOL:-glpsol}" "$@"
