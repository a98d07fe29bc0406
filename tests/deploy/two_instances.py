#!/usr/bin/env python3
"""nginx in front of two Renkei instances on one PostgreSQL, set up as docs/deploying.md says.

The guide is the configuration under test: the database is made with its createuser/createdb
steps, the instances are started with its environment, and nginx runs the guide's own ``nginx``
block (only the TLS lines and the ports are changed for loopback). Then, through nginx:

* the UI, /healthz and /readyz answer; /metrics is refused as the guide restricts it;
* a session and its CSRF token work on either instance; a need written through one instance is
  read and found by search through both; a booking is in both instances' day grid; the inbox
  count is the same from both; a write without the CSRF token is refused;
* nginx's request id reaches Renkei (X-Request-Id);
* the client address comes from X-Forwarded-For (``trusted_proxies``): an attacker who fails to
  sign in many times, and forges X-Forwarded-For to blame someone else, is throttled alone; the
  next person signs in at once, and Renkei's access log names the attacker's real address;
* one instance killed with SIGKILL while clients read: no request fails (nginx passes the reads
  in flight to the other instance), and the other keeps serving;
* the guide's backup and restore: pg_dump --format=custom while serving, pg_restore into a new
  database, `renkei migrate` accepts it, and it holds what was written through nginx.

Usage: RENKEI_BIN=build/test/renkei RENKEI_TEST_PG_URL=postgresql://postgres@127.0.0.1:PORT/postgres \
       python3 tests/deploy/two_instances.py
Addresses 127.0.0.2–127.0.0.5 stand for different clients (Linux routes all of 127/8 to loopback).
"""
import datetime
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("RENKEI_BIN", os.path.join(ROOT, "build/test/renkei"))
WEB_ROOT = os.path.join(ROOT, "web/dist")
CLINICIAN = ("tanaka.kenji@renkei.example", "renkei-demo-2026")
ADMIN = ("admin@renkei.example", "renkei-admin-2026")
ATTACKER, VICTIM, USER, READER = "127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(predicate, what, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise SystemExit(f"gave up waiting for {what}")


class Client:
    """One browser: its own source address, cookies and CSRF token, talking to nginx."""

    def __init__(self, port, source):
        self.port, self.source = port, source
        self.cookies, self.csrf = {}, None

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120, source_address=(self.source, 0))
        h = {"Accept": "application/json"}
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.csrf and method not in ("GET", "HEAD"):
            h["X-CSRF-Token"] = self.csrf
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        h.update(headers or {})
        try:
            conn.request(method, path, body=data, headers=h)
            r = conn.getresponse()
            raw = r.read()
            for value in r.headers.get_all("Set-Cookie") or []:
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
            return r.status, r.headers, raw
        finally:
            conn.close()

    def json(self, method, path, body=None, headers=None):
        status, hdrs, raw = self.request(method, path, body, headers)
        try:
            return status, hdrs, json.loads(raw) if raw else None
        except ValueError:
            return status, hdrs, None

    def login(self, who):
        status, _, body = self.json("POST", "/api/session", {"email": who[0], "password": who[1]})
        if status == 200:
            self.csrf = body["csrf_token"]
        return status


def guide_block(lang):
    text = open(os.path.join(ROOT, "docs/deploying.md"), encoding="utf-8").read()
    blocks = re.findall(r"```" + lang + r"\n(.*?)```", text, re.S)
    if len(blocks) != 1:
        raise SystemExit(f"docs/deploying.md: expected one ```{lang} block, found {len(blocks)}")
    return blocks[0]


def nginx_conf(work, listen, ports):
    block = guide_block("nginx")
    # The guide's upstream names ports 8081 and 8082 and listens on 443 with TLS; here: loopback.
    for guide_port, port in zip((8081, 8082), ports):
        if f"127.0.0.1:{guide_port}" not in block:
            raise SystemExit(f"docs/deploying.md: the nginx block no longer names 127.0.0.1:{guide_port}")
        block = block.replace(f"127.0.0.1:{guide_port}", f"127.0.0.1:{port}")
    block, n = re.subn(r"listen 443 ssl[^;]*;", f"listen 127.0.0.1:{listen};", block)
    if n != 1:
        raise SystemExit("docs/deploying.md: the nginx block no longer has `listen 443 ssl …;`")
    block = re.sub(r"\n\s*ssl_certificate(_key)?\s[^;]*;", "", block)
    temp = "\n".join(f"    {kind}_temp_path {work}/tmp/{kind};" for kind in
                     ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root;\n" if os.geteuid() == 0 else ""
    body = "\n".join("    " + line for line in block.splitlines())
    return f"""{user}worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 512; }}
http {{
    access_log {work}/nginx-access.log;
{temp}
{body}
}}
"""


def main():
    work = tempfile.mkdtemp(prefix="renkei-deploy.")
    os.makedirs(f"{work}/tmp", exist_ok=True)
    procs = {}
    nginx = None
    url = urllib.parse.urlsplit(os.environ["RENKEI_TEST_PG_URL"])
    pg = ["-h", url.hostname, "-p", str(url.port), "-U", url.username or "postgres"]
    db, role = f"renkei_deploy_{os.getpid()}", f"renkei_deploy_{os.getpid()}"
    try:
        # The guide's database steps (createuser; createdb -O renkei -E UTF8), on the throwaway cluster.
        subprocess.run(["createuser", *pg, "--login", role], check=True)
        subprocess.run(["createdb", *pg, "-O", role, "-E", "UTF8", db], check=True)
        env = dict(os.environ)
        env.update({
            "RENKEI_DB": f"postgresql://{role}@{url.hostname}:{url.port}/{db}",
            "RENKEI_TRUSTED_PROXIES": "127.0.0.1",   # as the guide's systemd EnvironmentFile says
            "RENKEI_DB_THREADS": "3",
            "RENKEI_LOGIN_MAX_FAILURES": "1",         # an address is throttled after 10 failures
        })
        for step in ("migrate", "demo"):
            done = subprocess.run([BIN, step], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            if done.returncode != 0:
                raise SystemExit(f"renkei {step} failed:\n{done.stdout}")

        ports = [free_port(), free_port()]
        logs = {}

        def start(i):
            logs[i] = open(f"{work}/renkei-{i}.log", "ab")
            procs[i] = subprocess.Popen([BIN, "serve", "--listen", f"127.0.0.1:{ports[i]}", "--web-root", WEB_ROOT],
                                        env=env, stdout=logs[i], stderr=subprocess.STDOUT)

        def up(port, path="/readyz"):
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                c.request("GET", path)
                return c.getresponse().status == 200
            except OSError:
                return False

        for i in (0, 1):
            start(i)
        for i in (0, 1):
            wait_until(lambda: up(ports[i]), f"instance {i} on port {ports[i]}")

        listen = free_port()
        with open(f"{work}/nginx.conf", "w") as f:
            f.write(nginx_conf(work, listen, ports))
        nginx_cmd = ["nginx", "-p", work, "-c", f"{work}/nginx.conf", "-e", f"{work}/nginx-error.log"]
        subprocess.run(nginx_cmd + ["-t", "-q"], check=True)
        nginx = subprocess.Popen(nginx_cmd + ["-g", "daemon off;"])
        wait_until(lambda: up(listen, "/healthz"), "nginx")

        anyone = Client(listen, USER)
        check(anyone.request("GET", "/readyz")[0] == 200, "through nginx: /readyz 200")
        status, hdrs, page = anyone.request("GET", "/")
        check(status == 200 and b"<html" in page.lower(), "through nginx: the UI's page")
        check(anyone.request("GET", "/metrics")[0] == 403, "through nginx: /metrics refused (the guide allows 10.0.0.0/8 only)")
        status, hdrs, _ = anyone.request("GET", "/api/me")
        check(status == 401, "through nginx: anonymous /api/me is 401")
        check(re.fullmatch(r"[0-9a-f]{32}", hdrs.get("X-Request-Id", "")) is not None,
              "nginx's $request_id comes back as X-Request-Id")

        # One session, either instance; a write through one is read through both.
        clinician = Client(listen, USER)
        check(clinician.login(CLINICIAN) == 200, "the clinician signs in through nginx")
        me = [clinician.json("GET", "/api/me")[0] for _ in range(12)]
        check(me == [200] * 12, f"12 reads of /api/me with one session all 200 ({me})")
        need = {"title": "二台構成の確認ニーズ", "problem": "nginx の後ろの二つのインスタンスで同じように見えること"}
        saved = clinician.csrf
        clinician.csrf = None
        check(clinician.json("POST", "/api/exchange/needs", need)[0] == 403, "a write without X-CSRF-Token is 403")
        clinician.csrf = saved
        status, _, created = clinician.json("POST", "/api/exchange/needs", need)
        check(status == 201 and created and created.get("id"), f"the need is written through nginx ({status})")
        reads = [clinician.json("GET", f"/api/exchange/needs/{created['id']}")[0] for _ in range(10)]
        check(reads == [200] * 10, f"the need is read back 10 times, by both instances ({reads})")
        served = [sum(1 for line in open(f"{work}/renkei-{i}.log", encoding="utf-8", errors="replace")
                      if f"GET /api/exchange/needs/{created['id']} 200" in line) for i in (0, 1)]
        check(min(served) >= 3, f"each instance served some of those reads ({served[0]} and {served[1]})")

        # The search index (each instance keeps its own, synced from the database), bookings and
        # inbox counts agree whichever instance answers.
        q = urllib.parse.quote(need["title"])
        found = []
        for _ in range(6):
            status, _, body = clinician.json("GET", f"/api/exchange/search?q={q}&lang=ja")
            found.append(status == 200 and any(h.get("id") == created["id"] for h in body.get("items", [])))
        check(all(found), f"the new need is found by search on both instances ({found})")
        status, _, spaces = clinician.json("GET", "/api/spaces")
        rooms = [s["id"] for s in spaces.get("items", []) if s.get("bookable")]
        check(status == 200 and rooms, "the demo centre has bookable spaces")
        tokyo = datetime.timezone(datetime.timedelta(hours=9))
        booked = None
        for days in range(7, 15):
            day = (datetime.datetime.now(tokyo) + datetime.timedelta(days=days)).date()
            for hour in (10, 13, 16):
                begin = datetime.datetime(day.year, day.month, day.day, hour, tzinfo=tokyo)
                status, _, body = clinician.json("POST", "/api/bookings", {
                    "space_id": rooms[0], "title": "二台構成の確認",
                    "start": begin.isoformat(), "end": (begin + datetime.timedelta(hours=1)).isoformat()})
                if status == 201:
                    booked = (body["id"], begin)
                    break
            if booked:
                break
        check(booked is not None, "a room is booked through nginx")
        if booked:
            span = urllib.parse.urlencode({"from": booked[1].isoformat(),
                                           "to": (booked[1] + datetime.timedelta(hours=1)).isoformat()})
            seen = []
            for _ in range(6):
                status, _, body = clinician.json("GET", f"/api/bookings?{span}")
                seen.append(status == 200 and any(b.get("id") == booked[0] for b in body.get("items", [])))
            check(all(seen), f"the booking is in the day grid of both instances ({seen})")
        counts = {json.dumps(clinician.json("GET", "/api/inbox/count")[2], sort_keys=True) for _ in range(6)}
        check(len(counts) == 1, f"the inbox count is the same on both instances ({counts})")

        # X-Forwarded-For from the trusted proxy is believed; a forged one is not.
        attacker = Client(listen, ATTACKER)
        attempts, throttled = 0, False
        while attempts < 30 and not throttled:
            attempts += 1
            status, _, _ = attacker.json("POST", "/api/session",
                                         {"email": f"nobody{attempts}@example.org", "password": "wrong-password-1"},
                                         {"X-Forwarded-For": VICTIM})
            throttled = status == 429
        check(throttled, f"the attacker is throttled after {attempts} failed sign-ins with made-up e-mails")
        victim = Client(listen, VICTIM)
        check(victim.login(ADMIN) == 200, "the next person, from another address, signs in at once (200, not 429)")
        status, hdrs, _ = attacker.json("POST", "/api/session", {"email": ADMIN[0], "password": ADMIN[1]})
        check(status == 429 and hdrs.get("Retry-After", "").isdigit(),
              "the attacker's own address stays throttled, with Retry-After")
        log_text = "".join(open(f"{work}/renkei-{i}.log", encoding="utf-8", errors="replace").read() for i in (0, 1))
        check(f"POST /api/session 401" in log_text and f"ip={ATTACKER}" in log_text,
              f"Renkei's access log names the attacker's address {ATTACKER}")
        check(not re.search(r"POST /api/session 401 \S+ \S+ ip=" + re.escape(VICTIM), log_text),
              "no failed sign-in is put on the forged address")

        # One instance killed under read load: nginx passes the reads in flight to the other.
        stop = threading.Event()
        results, lock = [], threading.Lock()

        def reader(n):
            c = Client(listen, READER)
            c.cookies, c.csrf = dict(clinician.cookies), clinician.csrf
            paths = ["/api/me", "/api/exchange/needs", "/api/inbox/count", f"/api/exchange/needs/{created['id']}"]
            k = 0
            while not stop.is_set():
                try:
                    status = c.request("GET", paths[(n + k) % len(paths)])[0]
                except OSError as e:
                    status = f"{type(e).__name__}"
                with lock:
                    results.append(status)
                k += 1

        threads = [threading.Thread(target=reader, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        wait_until(lambda: len(results) >= 40, "reads before the kill")
        before = len(results)
        procs[0].send_signal(signal.SIGKILL)
        procs[0].wait()
        wait_until(lambda: len(results) >= before + 80, "reads after the kill")
        stop.set()
        for t in threads:
            t.join()
        bad = [s for s in results if s != 200]
        check(not bad, f"instance 1 killed with SIGKILL during {len(results)} reads: {len(bad)} failed {bad[:5]}")
        check(up(ports[1]) and anyone.request("GET", "/readyz")[0] == 200, "the other instance keeps serving")
        start(0)
        wait_until(lambda: up(ports[0]), "instance 1 restarted")
        check(clinician.json("GET", f"/api/exchange/needs/{created['id']}")[0] == 200,
              "the restarted instance serves the same session")

        # The guide's backup and restore, while both instances serve: pg_dump --format=custom,
        # pg_restore into a new database, renkei migrate accepts it and it holds what was written.
        dump = f"{work}/renkei.dump"
        subprocess.run(["pg_dump", *pg, "--format=custom", f"--file={dump}", db], check=True)
        restored = f"{db}_restored"
        subprocess.run(["createdb", *pg, "-O", role, restored], check=True)
        subprocess.run(["pg_restore", *pg, "--no-owner", f"--role={role}", f"--dbname={restored}", dump], check=True)
        renv = dict(env, RENKEI_DB=f"postgresql://{role}@{url.hostname}:{url.port}/{restored}")
        done = subprocess.run([BIN, "migrate"], env=renv, capture_output=True, text=True)
        check(done.returncode == 0, f"the restored dump is accepted by renkei migrate {'' if done.returncode == 0 else done.stdout[-500:]}")
        count = lambda name: subprocess.run(["psql", *pg, "-d", name, "-At", "-c",
                                             f"SELECT COUNT(*) FROM exchange_needs WHERE id = '{created['id']}'"],
                                            capture_output=True, text=True).stdout.strip()
        check(count(restored) == "1", "the restored database holds the need written through nginx")
        subprocess.run(["dropdb", *pg, "--force", "--if-exists", restored])
    finally:
        if nginx:
            nginx.terminate()
            nginx.wait()
        for p in procs.values():
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(30)
                except subprocess.TimeoutExpired:
                    p.kill()
        subprocess.run(["dropdb", *pg, "--if-exists", db], stderr=subprocess.DEVNULL)
        subprocess.run(["dropuser", *pg, "--if-exists", role], stderr=subprocess.DEVNULL)
        if failures:
            for name in ("nginx-error.log", "renkei-0.log", "renkei-1.log"):
                path = os.path.join(work, name)
                if os.path.exists(path):
                    print(f"--- {name} (last 30 lines)")
                    print("".join(open(path, encoding="utf-8", errors="replace").readlines()[-30:]))
        shutil.rmtree(work, ignore_errors=True)

    if failures:
        print(f"deploy: {len(failures)} check(s) failed", flush=True)
        sys.exit(1)
    print("deploy: nginx and two instances on PostgreSQL behave as docs/deploying.md says", flush=True)


if __name__ == "__main__":
    main()
