-- wrk script for bench/load/run.py: signed-in sessions, one per wrk thread (RENKEI_COOKIES="a|b|…"),
-- and a machine-readable last line (latencies in microseconds).
local cookies = {}
for c in string.gmatch(os.getenv("RENKEI_COOKIES") or "", "[^|]+") do
  table.insert(cookies, c)
end
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("cookie", cookies[(threads - 1) % #cookies + 1])
end

function init(args)
  wrk.headers["Cookie"] = "renkei_session=" .. cookie
  wrk.headers["Accept"] = "application/json"
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d p50=%d p99=%d max=%d status=%d connect=%d read=%d write=%d timeout=%d us=%d\n",
    summary.requests, latency:percentile(50), latency:percentile(99), latency.max,
    e.status, e.connect, e.read, e.write, e.timeout, summary.duration))
end
