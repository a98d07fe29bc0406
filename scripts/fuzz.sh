#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/: clang 14, ASan + UBSan, preset "fuzz" into build/fuzz) and
# runs each for SECONDS (default 20; as many targets at once as there are cores) on a copy of its committed corpus (fuzz/corpus/<target>), so
# a run never grows the repository. Prints one line per target; exits non-zero if any target
# crashes (sanitizer report, failed check, leak, timeout), keeping the input that did it in
# build/fuzz/crashes/<target>/. Usage: scripts/fuzz.sh [SECONDS] [TARGET ...]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds=${1:-20}
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(http_router static_files json_body docx_fields ics)

if ! build_log=$(cd fuzz && cmake --preset fuzz 2>&1 && cmake --build --preset fuzz 2>&1); then
  echo "$build_log" | tail -60
  echo "fuzz: the targets do not build" >&2
  exit 1
fi
for t in "${targets[@]}"; do
  [ -x "build/fuzz/fuzz_$t" ] || { echo "fuzz $t: not built" >&2; exit 1; }
done

work=$(mktemp -d /tmp/renkei-fuzz.XXXXXX)
trap 'rm -rf "$work"' EXIT
# One target per core at a time: each libFuzzer run is single-threaded.
jobs=$(nproc 2>/dev/null || echo 2)
run_target() {
  local t=$1
  mkdir -p "$work/$t/corpus" "$work/$t/tmp" "$work/$t/artifacts"
  cp -R "fuzz/corpus/$t/." "$work/$t/corpus/"
  local args=(-max_total_time="$seconds" -timeout=25 -rss_limit_mb=2560 -print_final_stats=1
        -artifact_prefix="$work/$t/artifacts/")
  [ -f "fuzz/dict/$t.dict" ] && args+=(-dict="fuzz/dict/$t.dict")
  local started rc
  started=$(date +%s)
  set +e
  TMPDIR="$work/$t/tmp" UBSAN_OPTIONS=print_stacktrace=1 \
    "build/fuzz/fuzz_$t" "${args[@]}" "$work/$t/corpus" >"$work/$t/log" 2>&1
  rc=$?
  set -e
  echo "$rc $(( $(date +%s) - started ))" >"$work/$t/result"
}
for t in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  run_target "$t" &
done
wait

failed=0
for t in "${targets[@]}"; do
  read -r rc elapsed <"$work/$t/result"
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t/log" | tail -1)
  cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$work/$t/log" | tail -1 || true)
  if [ "$rc" -eq 0 ]; then
    echo "fuzz $t: ${runs:-?} runs in $elapsed s, no crash (${cov:-no coverage line}, $(ls "$work/$t/corpus" | wc -l) inputs)"
  else
    failed=1
    mkdir -p "build/fuzz/crashes/$t"
    cp "$work/$t/artifacts/"* "build/fuzz/crashes/$t/" 2>/dev/null || true
    cp "$work/$t/log" "build/fuzz/crashes/$t/log"
    grep -v -E '^#[0-9]+' "$work/$t/log" | tail -60
    echo "fuzz $t: CRASH after ${runs:-?} runs in $elapsed s (exit $rc); input and log in $root/build/fuzz/crashes/$t/"
    echo "  reproduce: build/fuzz/fuzz_$t build/fuzz/crashes/$t/<crash-file>"
  fi
done
exit $failed
