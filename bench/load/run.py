#!/usr/bin/env python3
"""Load drill (issue 20): the API calls of the five most used pages under wrk, signed in.

    bench/load/run.py [--engine sqlite|postgresql|both] [--duration 60] [--connections 200] [--calls A,B]

* sqlite: one instance on a throwaway SQLite database with the demo centre;
* postgresql: a throwaway PostgreSQL cluster (scripts/pg-throwaway.sh), two instances behind
  nginx configured by docs/deploying.md's ``nginx`` block (as tests/deploy/two_instances.py does).

Each call gets its own wrk run (``wrk -t2 -cC -dDs``, one signed-in session per wrk thread, the
demo's clinician and PI), so each has its own percentiles. One line per call, then per engine:

    load engine=sqlite calls=8 worst_p99_ms=… errors=0

Aim (issue 20): p99 under 100 ms and 0 errors at 200 connections on a 2-core machine.
The binary: $RENKEI_BIN, else build/release/renkei, else build/test/renkei.
"""
import argparse
import datetime
import http.client
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
spec = importlib.util.spec_from_file_location("two_instances", os.path.join(ROOT, "tests/deploy/two_instances.py"))
deploy = importlib.util.module_from_spec(spec)
spec.loader.exec_module(deploy)

PEOPLE = [("tanaka.kenji@renkei.example", "renkei-demo-2026"), ("admin@renkei.example", "renkei-admin-2026")]


def binary():
    for path in (os.environ.get("RENKEI_BIN"), f"{ROOT}/build/release/renkei", f"{ROOT}/build/test/renkei"):
        if path and os.access(path, os.X_OK):
            return path
    raise SystemExit("no renkei binary: cmake --build --preset release")


def get(port, path, cookie=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    c.request("GET", path, headers={"Cookie": f"renkei_session={cookie}"} if cookie else {})
    r = c.getresponse()
    return r.status, r.read()


def sign_in(port, who):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    c.request("POST", "/api/session", body=json.dumps({"email": who[0], "password": who[1]}),
              headers={"Content-Type": "application/json"})
    r = c.getresponse()
    r.read()
    for value in r.headers.get_all("Set-Cookie") or []:
        if value.startswith("renkei_session="):
            return value.split(";", 1)[0].split("=", 1)[1]
    raise SystemExit(f"sign-in of {who[0]} failed: {r.status}")


def calls(port, cookie):
    """The API calls the five pages make (web/src: HomePage, InboxPage, the building's day grid,
    the exchange's search, a project's page), with ids and dates from the demo centre."""
    status, body = get(port, "/api/projects", cookie)
    projects = json.loads(body)["items"]
    if status != 200 or not projects:
        raise SystemExit(f"/api/projects: {status}")
    tokyo = datetime.timezone(datetime.timedelta(hours=9))
    day = datetime.datetime.now(tokyo).replace(hour=0, minute=0, second=0, microsecond=0)
    span = urllib.parse.urlencode({"from": day.isoformat(), "to": (day + datetime.timedelta(days=1)).isoformat()})
    q = urllib.parse.quote("内視鏡")
    return [
        ("home:me", "/api/me"),
        ("home:organisations", "/api/organisations"),
        ("home:suggestions", "/api/exchange/suggestions?lang=ja&limit=4"),
        ("shell:inbox-count", "/api/inbox/count"),
        ("inbox", "/api/inbox"),
        ("building:day", f"/api/bookings?{span}"),
        ("exchange:search", f"/api/exchange/search?q={q}&lang=ja"),
        ("project", f"/api/projects/{projects[0]['id']}"),
    ]


def measure(engine, port, cookies, args):
    todo = calls(port, cookies[0])
    if args.calls:
        wanted = args.calls.split(",")
        unknown = set(wanted) - {name for name, _ in todo}
        if unknown:
            raise SystemExit(f"unknown calls: {', '.join(sorted(unknown))} (known: {', '.join(n for n, _ in todo)})")
        todo = [(name, path) for name, path in todo if name in wanted]
    for name, path in todo:
        for cookie in cookies:
            status, body = get(port, path, cookie)
            if status != 200:
                raise SystemExit(f"{name} {path}: {status} {body[:200]!r}")
    worst, errors = 0.0, 0
    env = dict(os.environ, RENKEI_COOKIES="|".join(cookies))
    for name, path in todo:
        url = f"http://127.0.0.1:{port}{path}"
        subprocess.run(["wrk", "-t2", f"-c{args.connections}", "-d3s", "-s", f"{ROOT}/bench/load/calls.lua", url],
                       env=env, check=True, stdout=subprocess.DEVNULL)  # warm-up
        out = subprocess.run(["wrk", "-t2", f"-c{args.connections}", f"-d{args.duration}s", "--timeout", "10s",
                              "-s", f"{ROOT}/bench/load/calls.lua", url],
                             env=env, check=True, capture_output=True, text=True).stdout
        m = re.search(r"RESULT (.*)", out)
        if not m:
            raise SystemExit(f"wrk printed no RESULT for {name}:\n{out}")
        r = {k: int(v) for k, v in (kv.split("=") for kv in m.group(1).split())}
        failed = r["status"] + r["connect"] + r["read"] + r["write"] + r["timeout"]
        rate = r["requests"] / (r["us"] / 1e6)
        print(f"{engine:10} {name:18} {rate:8.0f} req/s  p50 {r['p50'] / 1000:7.1f} ms  p99 {r['p99'] / 1000:7.1f} ms"
              f"  max {r['max'] / 1000:7.1f} ms  errors {failed} of {r['requests']}", flush=True)
        worst, errors = max(worst, r["p99"] / 1000), errors + failed
    print(f"load engine={engine} calls={len(todo)} worst_p99_ms={worst:.1f} errors={errors}", flush=True)
    return worst, errors


def run_sqlite(args, work):
    db = f"sqlite:{work}/load.db"
    for step in ("migrate", "demo"):
        subprocess.run([binary(), step, "--db", db], check=True, capture_output=True)
    port = deploy.free_port()
    log = open(f"{work}/renkei.log", "wb")
    proc = subprocess.Popen([binary(), "serve", "--db", db, "--listen", f"127.0.0.1:{port}", "--no-access-log"],
                            stdout=log, stderr=subprocess.STDOUT)
    try:
        deploy.wait_until(lambda: get_ok(port, "/readyz"), "renkei")
        cookies = [sign_in(port, who) for who in PEOPLE]
        return measure("sqlite", port, cookies, args)
    finally:
        proc.terminate()
        proc.wait()


def get_ok(port, path):
    try:
        return get(port, path)[0] == 200
    except OSError:
        return False


def run_postgresql(args, work):
    pg_port = deploy.free_port()
    url = subprocess.run([f"{ROOT}/scripts/pg-throwaway.sh", "start", f"{work}/pg", str(pg_port)],
                         check=True, capture_output=True, text=True).stdout.strip()
    procs, nginx = [], None
    try:
        parts = urllib.parse.urlsplit(url)
        subprocess.run(["createdb", "-h", parts.hostname, "-p", str(parts.port), "-U", "postgres", "renkei_load"],
                       check=True)
        env = dict(os.environ, RENKEI_DB=url.rsplit("/", 1)[0] + "/renkei_load", RENKEI_ACCESS_LOG="false",
                   RENKEI_TRUSTED_PROXIES="127.0.0.1")
        for step in ("migrate", "demo"):
            subprocess.run([binary(), step], env=env, check=True, capture_output=True)
        ports = [deploy.free_port(), deploy.free_port()]
        for i, port in enumerate(ports):
            log = open(f"{work}/renkei-{i}.log", "wb")
            procs.append(subprocess.Popen([binary(), "serve", "--listen", f"127.0.0.1:{port}"], env=env,
                                          stdout=log, stderr=subprocess.STDOUT))
        for port in ports:
            deploy.wait_until(lambda: get_ok(port, "/readyz"), f"renkei on {port}")
        listen = deploy.free_port()
        os.makedirs(f"{work}/tmp", exist_ok=True)
        conf = deploy.nginx_conf(work, listen, ports).replace(f"access_log {work}/nginx-access.log;", "access_log off;")
        with open(f"{work}/nginx.conf", "w") as f:
            f.write(conf)
        nginx = subprocess.Popen(["nginx", "-p", work, "-c", f"{work}/nginx.conf", "-e", f"{work}/nginx-error.log",
                                  "-g", "daemon off;"])
        deploy.wait_until(lambda: get_ok(listen, "/readyz"), "nginx")
        cookies = [sign_in(listen, who) for who in PEOPLE]
        return measure("postgresql", listen, cookies, args)
    finally:
        if nginx:
            nginx.terminate()
            nginx.wait()
        for p in procs:
            p.terminate()
            p.wait()
        subprocess.run([f"{ROOT}/scripts/pg-throwaway.sh", "stop", f"{work}/pg"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engine", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--duration", type=int, default=60, help="seconds per call (default 60)")
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--calls", default="",
                        help="only these calls, comma-separated (e.g. home:suggestions,exchange:search); default all")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (scripts/deps.sh installs it)")
    work = tempfile.mkdtemp(prefix="renkei-load.")
    os.chmod(work, 0o755)
    results = []
    try:
        if args.engine in ("sqlite", "both"):
            results.append(run_sqlite(args, work))
        if args.engine in ("postgresql", "both"):
            results.append(run_postgresql(args, work))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    worst = max(r[0] for r in results)
    errors = sum(r[1] for r in results)
    print(f"load worst_p99_ms={worst:.1f} errors={errors} aim: p99<100 errors=0 -> "
          f"{'met' if worst < 100 and errors == 0 else 'NOT met'}")


if __name__ == "__main__":
    main()
