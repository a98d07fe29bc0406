#!/usr/bin/env python3
"""PostgreSQL stopped under load (issue 20). See bench/README.md.

A throwaway PostgreSQL 15 cluster, `renkei migrate` + `demo`, one `renkei serve`; client threads write
(needs) and read (needs list, /api/me) while a poller watches /readyz and /healthz. After --warmup
seconds PostgreSQL is stopped (`pg_ctl stop -m fast`) for --down seconds and started again.

Checks: while it is down every database request is answered 503 with Retry-After, fast (max latency);
/readyz answers 503 and /healthz 200; renkei serve does not exit; after the start the pool reconnects
by itself (seconds from PostgreSQL accepting connections to the first 200 on each path); every write
acknowledged before, during or after is present at the end.

Last line, e.g.:
  pg_stop down=30s answers_while_down=5120 non503=0 no_retry_after=0 max_ms=12 readyz_down=503 \
    reconnect_s=0.4 exited=0 lost=0
"""
import argparse
import os
import shutil
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from renkei_drill import ADMIN, DEFAULT_BIN, DEMO_PASSWORD, Client, Database, Server, log, raw_request, renkei  # noqa


class Rec:
    def __init__(self):
        self.lock = threading.Lock()
        self.events = []  # (t_sent, latency_s, kind, status, retry_after)
        self.acked = []   # need ids

    def add(self, *e):
        with self.lock:
            self.events.append(e)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--down", type=float, default=30.0, help="seconds PostgreSQL stays stopped")
    ap.add_argument("--warmup", type=float, default=8.0)
    ap.add_argument("--after", type=float, default=15.0, help="seconds of load after the start")
    ap.add_argument("--bin", default=DEFAULT_BIN)
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="renkei-pgstop-")
    os.chmod(tmp, 0o755)
    db = server = None
    stop = threading.Event()
    rec = Rec()
    try:
        db = Database("postgresql", tmp)
        renkei(a.bin, db.url, "migrate")
        renkei(a.bin, db.url, "demo")
        server = Server(a.bin, db.url, tmp)
        server.start()
        admin = Client(server.port, *ADMIN)
        writers = [Client(server.port, e, DEMO_PASSWORD) for e in
                   ("tanaka.kenji@renkei.example", "kato.sakura@renkei.example")]
        readers = [Client(server.port, "nakamura.yumi@renkei.example", DEMO_PASSWORD)]

        def writer(c, tid):
            n = 0
            while not stop.is_set():
                n += 1
                t = time.time()
                st, r = c.request("POST", "/api/exchange/needs", {"title": "pgstop t%d n%d" % (tid, n),
                                                                  "problem": "p", "area": "medical_device"})
                rec.add(t, time.time() - t, "write", st, c.headers.get("retry-after") if st else None)
                if 200 <= st < 300:
                    with rec.lock:
                        rec.acked.append(r["id"])
                if st != 201:
                    time.sleep(0.05)

        def reader(c):
            i = 0
            while not stop.is_set():
                i += 1
                path = "/api/me" if i % 2 else "/api/exchange/needs?limit=20"
                t = time.time()
                st, _ = c.request("GET", path)
                rec.add(t, time.time() - t, "read", st, c.headers.get("retry-after") if st else None)
                if st != 200:
                    time.sleep(0.05)

        def poller():
            while not stop.is_set():
                for p in ("/readyz", "/healthz"):
                    t = time.time()
                    st, h, _ = raw_request(server.port, "GET", p, timeout=10)
                    rec.add(t, time.time() - t, p, st, h.get("retry-after"))
                time.sleep(0.1)

        threads = [threading.Thread(target=writer, args=(c, i), daemon=True) for i, c in enumerate(writers)]
        threads += [threading.Thread(target=reader, args=(c,), daemon=True) for c in readers]
        threads.append(threading.Thread(target=poller, daemon=True))
        for t in threads:
            t.start()
        time.sleep(a.warmup)
        log("stopping PostgreSQL (pg_ctl stop -m fast)")
        t_stop0 = time.time()
        db.pg_stop("fast")
        t_down = time.time()
        log("stopped in %.2fs; down for %ss" % (t_down - t_stop0, a.down))
        time.sleep(a.down)
        t_start0 = time.time()
        db.pg_start()
        t_up = time.time()
        log("started in %.2fs" % (t_up - t_start0))
        time.sleep(a.after)
        stop.set()
        for t in threads:
            t.join(15)
        exited = 0 if server.alive() else 1
        ev = sorted(rec.events)
        # while down: requests sent after the stop completed and answered before the start began
        down = [e for e in ev if e[0] >= t_down and e[0] + e[1] <= t_start0]
        api_down = [e for e in down if e[2] in ("write", "read")]
        non503 = [e for e in api_down if e[3] != 503]
        no_ra = [e for e in api_down if e[3] == 503 and not e[4]]
        max_ms = max((e[1] for e in api_down), default=0) * 1000
        readyz_down = sorted({e[3] for e in down if e[2] == "/readyz"})
        healthz_down = sorted({e[3] for e in down if e[2] == "/healthz"})
        during_stop = [e for e in ev if t_stop0 <= e[0] < t_down and e[2] in ("write", "read")]

        def first_ok(kind):
            ok = [e for e in ev if e[2] == kind and e[0] >= t_up and e[3] in (200, 201)]
            return (ok[0][0] + ok[0][1] - t_up) if ok else None
        rc = {k: first_ok(k) for k in ("write", "read", "/readyz")}
        after = [e for e in ev if e[0] >= t_up + 5 and e[2] in ("write", "read")]
        after_bad = [e for e in after if e[3] not in (200, 201)]
        # nothing acknowledged lost
        lost = 0
        for nid in rec.acked:
            st, _ = admin.request("GET", "/api/exchange/needs/" + nid)
            if st != 200:
                lost += 1
                log("lost: need", nid, st)
        codes = {}
        for e in api_down:
            codes[e[3]] = codes.get(e[3], 0) + 1
        log("while PostgreSQL was being stopped (%.2fs): %d answers, statuses %s" % (
            t_down - t_stop0, len(during_stop), sorted({e[3] for e in during_stop})))
        log("while down (%.1fs): %d API answers, statuses %s, max latency %.1f ms, mean %.1f ms" % (
            t_start0 - t_down, len(api_down), codes, max_ms,
            1000 * sum(e[1] for e in api_down) / max(1, len(api_down))))
        log("  /readyz %s  /healthz %s" % (readyz_down, healthz_down))
        log("after start: first 200 write %.2f s, read %.2f s, /readyz %.2f s; from +5 s: %d answers, %d not 2xx" % (
            *[(-1 if rc[k] is None else rc[k]) for k in ("write", "read", "/readyz")], len(after), len(after_bad)))
        log("acknowledged writes: %d, missing at the end: %d; renkei serve exited: %s" % (
            len(rec.acked), lost, bool(exited)))
        reconnect = max(v for v in rc.values() if v is not None) if all(v is not None for v in rc.values()) else -1
        print("pg_stop down=%gs answers_while_down=%d non503=%d no_retry_after=%d max_ms=%.0f readyz_down=%s "
              "reconnect_s=%.2f errors_after=%d exited=%d lost=%d" % (
                  a.down, len(api_down), len(non503), len(no_ra), max_ms, "/".join(map(str, readyz_down)),
                  reconnect, len(after_bad), exited, lost), flush=True)
        ok = not non503 and not no_ra and readyz_down == [503] and reconnect >= 0 and not exited and not lost
        return 0 if ok else 1
    finally:
        stop.set()
        if server:
            server.kill()
        if db:
            db.close()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
