#!/usr/bin/env bash
# clang-tidy 14 with the repo's .clang-tidy over C++ sources: the files given; with --changed the
# .cpp files under src/ that the last commit (against its first parent) or the working tree
# changes, which is what ./test checks; with no arguments every .cpp under src/ (about 10 s a
# file). Needs the test preset's build directory (compile_commands.json); the precompiled-header
# flags, which clang cannot read from g++, are left out of the commands it is given.
set -euo pipefail
cd "$(dirname "$0")/.."
build=build/test
[ -f "$build/compile_commands.json" ] || cmake --preset test >/dev/null
mkdir -p "$build/tidy"
python3 - "$build/compile_commands.json" "$build/tidy/compile_commands.json" <<'PY'
import json, re, sys
commands = json.load(open(sys.argv[1]))
for c in commands:
    c["command"] = re.sub(r"\s-(Winvalid-pch|include\s+\S+cmake_pch\.hxx)", "", c["command"])
json.dump(commands, open(sys.argv[2], "w"))
PY
if [ "${1:-}" = --changed ]; then
  base=$(git rev-parse -q --verify HEAD^1 || true)
  mapfile -t files < <({ [ -n "$base" ] && git diff --name-only --diff-filter=d "$base" HEAD -- 'src/*.cpp'
                         git diff --name-only --diff-filter=d HEAD -- 'src/*.cpp'; } | sort -u)
elif (($#)); then files=("$@"); else mapfile -t files < <(git ls-files 'src/*.cpp'); fi
((${#files[@]})) || { echo "clang-tidy: nothing to check"; exit 0; }
run-clang-tidy-14 -p "$build/tidy" -quiet -j "$(nproc)" "${files[@]}" >"$build/tidy/out.txt" 2>&1 || true
if grep -q "error:" "$build/tidy/out.txt"; then
  grep -E "(error|warning):" "$build/tidy/out.txt" | sed 's/\x1b\[[0-9;]*m//g' | sort -u
  echo "clang-tidy: findings above (.clang-tidy); full output in $build/tidy/out.txt" >&2
  exit 1
fi
echo "clang-tidy: ${#files[@]} files clean"
