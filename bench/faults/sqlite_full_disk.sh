#!/usr/bin/env bash
# SQLite on a full file system (issue 20). See bench/README.md.
#
# A small tmpfs (as root; a loop-mounted ext4 file if tmpfs cannot be mounted) holds the database.
# After the demo data and the sign-ins, a filler file takes all the free space; then needs are posted
# until one is refused. Checks: the refusal is a clear error (its status, JSON error code and message
# are printed; a bare 500 `internal` is a defect), reads keep working, renkei serve keeps running,
# and after the filler is removed writes work again.
#
# Last line, e.g.: full_disk write_status=507 code=insufficient_storage reads=ok recovered=yes exited=0
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin=${RENKEI_BIN:-}
for c in "$repo/build/release/renkei" "$repo/build/test/renkei"; do
  [ -z "$bin" ] && [ -x "$c" ] && bin=$c
done
size=${SIZE_MB:-24}
tmp=$(mktemp -d /tmp/renkei-fulldisk-XXXXXX)
mnt=$tmp/mnt
mkdir -p "$mnt"
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  umount "$mnt" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
log() { echo "$*" >&2; }

if mount -t tmpfs -o size=${size}m tmpfs "$mnt" 2>/dev/null; then
  fs="tmpfs size=${size}M"
else
  truncate -s ${size}M "$tmp/fs.img"
  mkfs.ext4 -q -F "$tmp/fs.img"
  mount -o loop "$tmp/fs.img" "$mnt"
  fs="ext4 loop file ${size}M"
fi
log "file system: $fs at $mnt"
db="sqlite:$mnt/renkei.db"
"$bin" --db "$db" migrate >/dev/null 2>&1
"$bin" --db "$db" demo >/dev/null 2>&1
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" --db "$db" serve --no-access-log --listen 127.0.0.1:$port >"$tmp/serve.log" 2>&1 &
pid=$!
base=http://127.0.0.1:$port
for _ in $(seq 100); do curl -fs "$base/readyz" >/dev/null && break; sleep 0.1; done

jar=$tmp/jar
csrf=$(curl -fs -c "$jar" -H 'Content-Type: application/json' \
  -d '{"email":"tanaka.kenji@renkei.example","password":"renkei-demo-2026"}' "$base/api/session" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
post_need() {  # prints "STATUS BODY"; the body is one line
  local text=$1
  curl -s -m 30 -b "$jar" -o "$tmp/resp" -w '%{http_code}' -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" \
    -d "{\"title\":\"full disk $text\",\"problem\":\"$(head -c 3500 /dev/zero | tr '\0' 'x') $text\",\"area\":\"medical_device\"}" \
    "$base/api/exchange/needs"
  echo " $(tr -d '\n' <"$tmp/resp" | head -c 400)"
}
get() { curl -s -m 30 -b "$jar" -o /dev/null -w '%{http_code}' "$base$1"; }

first=$(post_need before)
log "before filling: $first"
existing=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$tmp/resp")

# take all the free space
dd if=/dev/zero of="$mnt/filler" bs=64k status=none 2>/dev/null || true
log "filled: $(df -h "$mnt" | tail -1)"

status="" body="" n=0
for n in $(seq 1 400); do
  r=$(post_need "n$n")
  status=${r%% *} body=${r#* }
  [ "${status:0:1}" = 2 ] || { cp "$tmp/resp" "$tmp/refused"; break; }
done
log "first refused write after $((n - 1)) accepted: status $status body $body"
code=$(python3 -c 'import json,sys
try: print(json.load(open(sys.argv[1]))["error"]["code"])
except Exception: print("not-json")' "$tmp/refused" 2>/dev/null || echo none)
# reads while full
reads=ok
for p in /api/me "/api/exchange/needs?limit=20" "/api/exchange/needs/$existing" /api/projects /api/inbox/count /healthz; do
  s=$(get "$p")
  log "read $p while full: $s"
  [ "$s" = 200 ] || reads="failed($p=$s)"
done
second=$(post_need again)
log "a second write while full: ${second:0:200}"
rz=$(curl -s -o /dev/null -w '%{http_code}' "$base/readyz")
log "/readyz while full: $rz"

rm -f "$mnt/filler"
log "freed: $(df -h "$mnt" | tail -1)"
recovered=no
for i in $(seq 1 20); do
  r=$(post_need "after$i")
  if [ "${r:0:1}" = 2 ]; then recovered=yes; log "write after freeing (attempt $i): ${r:0:3}"; break; fi
  log "write after freeing (attempt $i): ${r:0:200}"
  sleep 0.5
done
exited=0
kill -0 "$pid" 2>/dev/null || exited=1
integrity=$(python3 -c 'import sqlite3,sys; print(",".join(r[0] for r in sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check")))' "$mnt/renkei.db")
log "integrity_check after: $integrity"
echo "full_disk write_status=$status code=$code reads=$reads recovered=$recovered integrity=$integrity exited=$exited"
