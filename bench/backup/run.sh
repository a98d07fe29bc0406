#!/usr/bin/env bash
# Backup and restore under write load (issue 20). See bench/README.md.
#
# SQLite: `renkei serve` with clients posting needs and moving bookings as fast as they can; during
# the load `renkei backup` copies the live database; the copy is restored into a fresh directory,
# `renkei migrate` accepts it, `PRAGMA integrity_check` is ok, and every write acknowledged before
# the backup began is in it (checked through the API of a server on the restored copy).
#
# Last line, e.g.: backup acked_before=812 missing=0 integrity=ok backup_s=0.21 restored_migrate=ok
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin=${RENKEI_BIN:-}
for c in "$repo/build/release/renkei" "$repo/build/test/renkei"; do
  [ -z "$bin" ] && [ -x "$c" ] && bin=$c
done
load_before=${LOAD_BEFORE:-6}   # seconds of load before the backup
load_after=${LOAD_AFTER:-3}     # ... and after it
tmp=$(mktemp -d /tmp/renkei-backup-XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT
log() { echo "$*" >&2; }

db="sqlite:$tmp/live/renkei.db"
mkdir -p "$tmp/live" "$tmp/restore"
"$bin" --db "$db" migrate >/dev/null 2>&1
"$bin" --db "$db" demo >/dev/null 2>&1
freeport() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(freeport)
"$bin" --db "$db" serve --no-access-log --listen 127.0.0.1:$port >"$tmp/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done

# The load: each client signs in once, then posts needs; every 201 is logged as "time id".
cat >"$tmp/load.py" <<'EOF'
import os, sys, threading, time
sys.path.insert(0, sys.argv[1])
from renkei_drill import Client, DEMO_PASSWORD
port, out, stop_file = int(sys.argv[2]), sys.argv[3], sys.argv[4]
lock = threading.Lock()
f = open(out, "a")
def run(email, tid):
    c = Client(port, email, DEMO_PASSWORD)
    n = 0
    while not os.path.exists(stop_file):
        n += 1
        st, r = c.request("POST", "/api/exchange/needs", {"title": "backup t%d n%d" % (tid, n), "problem": "p" * 500,
                                                          "area": "medical_device"})
        t = time.time()
        if st == 201:
            with lock:
                f.write("%.6f %s\n" % (t, r["id"]))
                f.flush()
ts = [threading.Thread(target=run, args=(e, i)) for i, e in enumerate(
    ["tanaka.kenji@renkei.example", "kato.sakura@renkei.example", "yoshida.sho@renkei.example"])]
for t in ts: t.start()
for t in ts: t.join()
EOF
python3 "$tmp/load.py" "$repo/bench/lib" "$port" "$tmp/acks.txt" "$tmp/stop" &
pids+=($!)
loadpid=$!
sleep "$load_before"
t_begin=$(date +%s.%N)
"$bin" --db "$db" backup "$tmp/backup.db" >"$tmp/backup.log" 2>&1 || { cat "$tmp/backup.log" >&2; exit 1; }
t_end=$(date +%s.%N)
backup_s=$(python3 -c "print('%.2f' % ($t_end - $t_begin))")
log "backup took ${backup_s}s under load: $(tail -1 "$tmp/backup.log"); size $(stat -c %s "$tmp/backup.db") bytes"
sleep "$load_after"
touch "$tmp/stop"
wait "$loadpid" || true

# Restore: the copy alone, in a fresh directory
cp "$tmp/backup.db" "$tmp/restore/renkei.db"
restored="sqlite:$tmp/restore/renkei.db"
migrate=ok
"$bin" --db "$restored" migrate >"$tmp/migrate.log" 2>&1 || migrate="failed"
integrity=$(python3 -c 'import sqlite3,sys; print(",".join(r[0] for r in sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check")))' "$tmp/restore/renkei.db")
port2=$(freeport)
"$bin" --db "$restored" serve --no-access-log --listen 127.0.0.1:$port2 >"$tmp/serve2.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port2/readyz" >/dev/null && break; sleep 0.1; done
python3 - "$repo/bench/lib" "$port2" "$tmp/acks.txt" "$t_begin" "$t_end" "$backup_s" "$integrity" "$migrate" <<'EOF'
import sys
sys.path.insert(0, sys.argv[1])
from renkei_drill import ADMIN, Client
port, acks, t_begin, t_end = int(sys.argv[2]), sys.argv[3], float(sys.argv[4]), float(sys.argv[5])
backup_s, integrity, migrate = sys.argv[6:9]
admin = Client(port, *ADMIN)
before = during = after = 0
missing = 0
in_during = in_after = 0
for line in open(acks):
    t, nid = line.split()
    t = float(t)
    st, _ = admin.request("GET", "/api/exchange/needs/" + nid)
    if t < t_begin:
        before += 1
        if st != 200:
            missing += 1
            print("missing: need %s acknowledged %.3fs before the backup began (%s)" % (nid, t_begin - t, st),
                  file=sys.stderr)
    elif t <= t_end:
        during += 1
        in_during += st == 200
    else:
        after += 1
        in_after += st == 200
print("acknowledged before the backup: %d (missing %d); during it: %d (%d in the copy); after it: %d (%d in the copy)"
      % (before, missing, during, in_during, after, in_after), file=sys.stderr)
print("backup acked_before=%d missing=%d integrity=%s backup_s=%s restored_migrate=%s"
      % (before, missing, integrity, backup_s, migrate))
sys.exit(0 if missing == 0 and integrity == "ok" and migrate == "ok" else 1)
EOF
