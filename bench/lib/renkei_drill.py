"""Shared helpers for the drills in bench/ (Python 3 standard library only).

A throwaway database (SQLite file or a throwaway PostgreSQL 15 cluster via scripts/pg-throwaway.sh),
a `renkei serve` process that can be killed and restarted, and a small HTTP client that signs in
once and keeps its session cookie and CSRF token.
"""
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_BIN = os.environ.get("RENKEI_BIN") or next(
    (p for p in (os.path.join(REPO, "build/release/renkei"), os.path.join(REPO, "build/test/renkei"))
     if os.path.exists(p)), "renkei")
PG_SCRIPT = os.path.join(REPO, "scripts/pg-throwaway.sh")
PG_BIN = "/usr/lib/postgresql/15/bin"

ADMIN = ("admin@renkei.example", "renkei-admin-2026")
DEMO_PASSWORD = "renkei-demo-2026"


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


class Database:
    """engine 'sqlite' -> sqlite:DIR/renkei.db; 'postgresql' -> a throwaway cluster in DIR/pg."""

    def __init__(self, engine, tmp):
        self.engine, self.tmp = engine, tmp
        self.pg_dir = None
        if engine == "sqlite":
            self.path = os.path.join(tmp, "renkei.db")
            self.url = "sqlite:" + self.path
        elif engine == "postgresql":
            self.pg_dir = os.path.join(tmp, "pg")
            self.pg_port = free_port()
            admin = subprocess.run([PG_SCRIPT, "start", self.pg_dir, str(self.pg_port)], check=True,
                                   capture_output=True, text=True).stdout.strip()
            subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", admin, "-c", "CREATE DATABASE renkei"], check=True,
                           capture_output=True)
            self.admin_url = admin
            self.url = "postgresql://postgres@127.0.0.1:%d/renkei" % self.pg_port
        else:
            raise SystemExit("unknown engine " + engine)

    def as_pg(self, args):
        if os.getuid() == 0:
            return ["runuser", "-u", "postgres", "--"] + args
        return args

    def pg_stop(self, mode="fast"):
        subprocess.run(self.as_pg([PG_BIN + "/pg_ctl", "-D", self.pg_dir + "/data", "-m", mode, "-w", "stop"]),
                       check=True, capture_output=True)

    def pg_start(self):
        o = ("-c listen_addresses=127.0.0.1 -p %d -k %s -c fsync=off -c synchronous_commit=off "
             "-c full_page_writes=off -c max_connections=300" % (self.pg_port, self.pg_dir))
        subprocess.run(self.as_pg([PG_BIN + "/pg_ctl", "-D", self.pg_dir + "/data", "-l", self.pg_dir + "/server.log",
                                   "-w", "-t", "60", "-o", o, "start"]), check=True, capture_output=True)

    def close(self):
        if self.pg_dir:
            subprocess.run([PG_SCRIPT, "stop", self.pg_dir], capture_output=True)


def renkei(bin_, db_url, *args, check=True):
    return subprocess.run([bin_, "--db", db_url] + list(args), check=check, capture_output=True, text=True)


class Server:
    def __init__(self, bin_, db_url, tmp, env=None, extra=()):
        self.bin, self.db_url, self.tmp = bin_, db_url, tmp
        self.port = free_port()
        self.proc = None
        self.env = dict(os.environ, **(env or {}))
        self.extra = list(extra)
        self.logf = open(os.path.join(tmp, "serve.log"), "ab")

    def start(self, wait=True, timeout=60):
        self.proc = subprocess.Popen([self.bin, "--db", self.db_url, "serve", "--no-access-log", "--listen",
                                      "127.0.0.1:%d" % self.port] + self.extra, stdout=self.logf,
                                     stderr=subprocess.STDOUT, env=self.env)
        if wait:
            self.wait_ready(timeout)

    def wait_ready(self, timeout=60):
        t0 = time.time()
        while time.time() - t0 < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError("renkei serve exited with %s (see %s/serve.log)" % (self.proc.returncode, self.tmp))
            st, _, _ = raw_request(self.port, "GET", "/readyz", timeout=2)
            if st == 200:
                return time.time() - t0
            time.sleep(0.02)
        raise RuntimeError("renkei serve not ready after %ss" % timeout)

    def kill(self, sig=signal.SIGKILL):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait()

    def alive(self):
        return self.proc is not None and self.proc.poll() is None


def raw_request(port, method, path, body=None, headers=None, timeout=10):
    """One request on a fresh connection: (status, headers dict lower-case, body bytes); status 0 on a
    connection error."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    except (OSError, http.client.HTTPException):
        return 0, {}, b""
    finally:
        c.close()


class Client:
    """A signed-in person: keeps one keep-alive connection, reconnecting after errors."""

    def __init__(self, port, email, password, timeout=15):
        self.port, self.timeout = port, timeout
        self.conn = None
        self.cookie = self.csrf = None
        st, body = self.request("POST", "/api/session", {"email": email, "password": password})
        if st != 200:
            raise RuntimeError("login %s: %s %s" % (email, st, body))
        self.csrf = body["csrf_token"]
        self.me = body["me"]

    def request(self, method, path, body=None):
        """(status, parsed JSON or None); status 0 when the connection failed (no answer)."""
        hdr = {"Content-Type": "application/json"}
        if self.cookie:
            hdr["Cookie"] = self.cookie
        if self.csrf and method != "GET":
            hdr["X-CSRF-Token"] = self.csrf
        data = json.dumps(body).encode() if body is not None else None
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            try:
                self.conn.request(method, path, body=data, headers=hdr)
                r = self.conn.getresponse()
                raw = r.read()
                self.headers = {k.lower(): v for k, v in r.getheaders()}
                for k, v in r.getheaders():
                    if k.lower() == "set-cookie" and v.startswith("renkei_session="):
                        self.cookie = v.split(";")[0]
                if r.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                try:
                    return r.status, json.loads(raw) if raw else None
                except ValueError:
                    return r.status, raw
            except (OSError, http.client.HTTPException):
                if self.conn:
                    self.conn.close()
                self.conn = None
                # A request on a kept-alive connection the server had already closed is retried once
                # only if nothing could have been sent: GETs only (writes are never retried here).
                if method == "GET" and attempt == 0:
                    continue
                return 0, None
