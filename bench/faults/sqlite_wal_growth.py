#!/usr/bin/env python3
"""SQLite WAL size under sustained load (issue 20). See bench/README.md.

Four signed-in clients post needs and read the needs list without pause for --seconds; every 5 s the
database and WAL file sizes are printed. Last line: wal_growth seconds=40 db_mb=10.3 wal_mb=185.6
(a WAL many times the database means checkpoints never get to reset it while the load lasts).
"""
import argparse
import os
import shutil
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from renkei_drill import DEFAULT_BIN, DEMO_PASSWORD, Client, Server, log, renkei  # noqa: E402

ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("--seconds", type=int, default=40)
ap.add_argument("--bin", default=DEFAULT_BIN)
a = ap.parse_args()
tmp = tempfile.mkdtemp(prefix="renkei-wal-")
path = os.path.join(tmp, "renkei.db")
server = None
stop = False
try:
    renkei(a.bin, "sqlite:" + path, "migrate")
    renkei(a.bin, "sqlite:" + path, "demo")
    server = Server(a.bin, "sqlite:" + path, tmp)
    server.start()
    clients = [Client(server.port, e, DEMO_PASSWORD) for e in (
        "tanaka.kenji@renkei.example", "kato.sakura@renkei.example", "yoshida.sho@renkei.example",
        "yamada.hanako@renkei.example")]

    def run(c):
        n = 0
        while not stop:
            n += 1
            c.request("POST", "/api/exchange/needs", {"title": "wal %d" % n, "problem": "p" * 500, "area": "medical_device"})
            c.request("GET", "/api/exchange/needs?limit=20")
    threads = [threading.Thread(target=run, args=(c,), daemon=True) for c in clients]
    for t in threads:
        t.start()
    mb = lambda p: os.path.getsize(p) / 1e6 if os.path.exists(p) else 0.0  # noqa: E731
    for i in range(0, a.seconds, 5):
        time.sleep(5)
        log("t=%3ds db=%7.1f MB wal=%7.1f MB" % (i + 5, mb(path), mb(path + "-wal")))
    stop = True
    for t in threads:
        t.join(10)
    print("wal_growth seconds=%d db_mb=%.1f wal_mb=%.1f" % (a.seconds, mb(path), mb(path + "-wal")))
finally:
    stop = True
    if server:
        server.kill()
    shutil.rmtree(tmp, ignore_errors=True)
