#!/usr/bin/env bash
# bench/kpi: the KPI page's calls on the demo scaled ×100 (issue 18).
# Loads the demo into a fresh SQLite database (migrated by renkei itself), then copies the demo's
# needs, seeds, introductions, contracts (with their parties, covered people and status history),
# projects (members, organisations, links, stage history, products, sales), inventions, ethics
# protocols (with transitions), COI cases, bookings and events (with registrations) SCALE-1 more
# times with new ids — SQL straight into the database, every copy keeping the original's dates and
# links (a copy's foreign keys point at the same copy) — starts `renkei serve`, logs in as the
# office, and times what /kpi asks: the funnel (this fiscal year, the last three fiscal years, and
# filtered by area), the series by month and by fiscal year, and the two exports.
# Prints each call's time and ends with kpi_ms=<the slowest call's median>: each call runs
# BENCH_REQUESTS times, its median is its time, and the line reports the largest median.
# Server time is curl's time to the first byte on the loopback (no network in between).
# Settings: RENKEI_BIN (default build/release/renkei, else build/test/renkei), BENCH_SCALE (100),
# BENCH_REQUESTS (15).
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
bin=${RENKEI_BIN:-}
if [ -z "$bin" ]; then
  for candidate in "$here/build/release/renkei" "$here/build/test/renkei"; do
    [ -x "$candidate" ] && { bin=$candidate; break; }
  done
fi
[ -x "${bin:-}" ] || { echo "bench/kpi: no renkei binary (set RENKEI_BIN)" >&2; exit 1; }
scale=${BENCH_SCALE:-100}
requests=${BENCH_REQUESTS:-15}
tmp=$(mktemp -d)
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT INT TERM
db="$tmp/bench.db"
"$bin" migrate --db "sqlite:$db" >/dev/null
RENKEI_TEST_CHEAP_PASSWORD_HASHES=1 "$bin" demo --db "sqlite:$db" >/dev/null
echo "scaling the demo ×$scale ..."
python3 - "$db" "$scale" <<'PY'
import sqlite3, sys
db, scale = sys.argv[1], int(sys.argv[2])
c = sqlite3.connect(db)
# table → the columns that hold ids of copied rows (rewritten to the copy's ids).
tables = {
    "exchange_needs": ["id"],
    "exchange_seeds": ["id"],
    "exchange_introductions": ["id", "item_id", "via_id", "project_id", "booking_id"],
    "projects": ["id"],
    "project_members": ["project_id"],
    "project_organisations": ["project_id"],
    "project_links": ["project_id", "target_id"],
    "project_stage_history": ["id", "project_id"],
    "project_budgets": ["project_id"],
    "project_milestones": ["id", "project_id"],
    "project_products": ["project_id", "id"],
    "project_sales": ["project_id"],
    "contracts": ["id", "project_id"],
    "contract_parties": ["contract_id"],
    "contract_covered_people": ["contract_id"],
    "contract_status_history": ["id", "contract_id"],
    "ip_inventions": ["id", "project_id", "contract_id"],
    "ip_inventors": ["invention_id"],
    "ethics_protocols": ["id", "project_id"],
    "ethics_transitions": ["id", "protocol_id"],
    "coi_cases": ["id", "project_id"],
    "bookings": ["id"],
    "events": ["id", "booking_id"],
    "event_registrations": ["id", "event_id", "cancel_token_hash"],
}
before = {t: c.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
for table, id_columns in tables.items():
    columns = [r[1] for r in c.execute(f"PRAGMA table_info({table})")]
    rows = c.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
    marks = ", ".join("?" for _ in columns)
    for k in range(1, scale):
        out = []
        for row in rows:
            row = list(row)
            for col in id_columns:
                i = columns.index(col)
                if row[i]:
                    row[i] = f"{row[i]}x{k}"
            out.append(row)
        c.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", out)
c.commit()
for t in tables:
    after = c.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
    print(f"  {t}: {before[t]} → {after}")
PY
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" serve --db "sqlite:$db" --listen "127.0.0.1:$port" --no-access-log >"$tmp/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
curl -sf -c "$tmp/cookies" -H 'Content-Type: application/json' \
  -d '{"email":"nakamura.yumi@renkei.example","password":"renkei-demo-2026"}' "http://127.0.0.1:$port/api/session" >/dev/null
fy=$(python3 -c 'import time; t=time.gmtime(time.time()+9*3600); y=t.tm_year if t.tm_mon>=4 else t.tm_year-1; print(y)')
calls=(
  "/api/kpi/funnel"
  "/api/kpi/funnel?from=$((fy-2))-04-01&to=$((fy+1))-03-31"
  "/api/kpi/funnel?area=medical_device"
  "/api/kpi/series?by=month"
  "/api/kpi/series?from=$((fy-2))-04-01&to=$((fy+1))-03-31&by=fiscal_year"
  "/api/kpi/export.xlsx"
  "/api/kpi/export.csv?lang=en"
)
echo "funnel over three fiscal years:"
curl -sf -b "$tmp/cookies" "http://127.0.0.1:$port${calls[1]}" | python3 -c '
import json, sys
for s in json.load(sys.stdin)["steps"]:
    print("  %-13s count=%-6d conversion=%-6s median_days=%s" % (s["name"], s["count"], s["conversion"], s["median_days"]))'
worst=0
for call in "${calls[@]}"; do
  times=()
  for _ in $(seq 1 "$requests"); do
    code_t=$(curl -s -o /dev/null -b "$tmp/cookies" -w '%{http_code} %{time_starttransfer}' "http://127.0.0.1:$port$call")
    code=${code_t% *}
    [ "$code" = 200 ] || { echo "bench/kpi: $call answered $code" >&2; exit 1; }
    times+=("$(python3 -c "print(round(${code_t#* }*1000, 1))")")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}')
  max=$(printf '%s\n' "${times[@]}" | sort -n | tail -1)
  echo "$call: median ${median} ms, max ${max} ms over $requests"
  worst=$(python3 -c "print(max($worst, $median))")
done
echo "kpi_ms=$worst"
