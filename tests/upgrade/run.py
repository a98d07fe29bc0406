#!/usr/bin/env python3
"""Upgrades (issue 20): a released database through today's migrations, and rolling upgrades.

    tests/upgrade/run.py                  check every fixture (PostgreSQL ones need RENKEI_TEST_PG_URL)
    tests/upgrade/run.py --make-fixture   record today's schema and demo centre as a release fixture

A fixture is a released database: the demo centre as `renkei demo` left it, dumped as SQL
(`fixtures/sqlite-<version>.sql.gz` by Python's sqlite3 iterdump, `fixtures/postgresql-<version>.sql.gz`
by pg_dump --no-owner), where <version> is the newest migration of that release. For each fixture:

* it is loaded into a fresh database and `renkei migrate` (today's binary) brings it up to date;
* no table of the fixture has fewer rows afterwards (a migration never loses data);
* today's server serves it: the clinician and the admin sign in with the demo passwords and the
  main pages' API calls answer 200.

Rolling upgrades: docs/deploying.md upgrades instances one at a time, so while the new binary's
migrations run, old instances keep serving from the same database. A migration newer than the
newest fixture must therefore be expand-only: it may add tables, columns (nullable or with a
default) and indexes, but not drop or rename a table or column, change a column's type, or make
a column NOT NULL. The check reads the SQL; a migration that cannot be expand-only says so on a
line `-- rolling-upgrade: no (<why>)`, and the release notes must then say to stop every instance.

Record a fixture when a release lands with a new migration: `tests/upgrade/run.py --make-fixture`
(both engines; RENKEI_TEST_PG_URL for PostgreSQL), and commit it. Older fixtures stay.
"""
import argparse
import datetime
import glob
import gzip
import http.client
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("RENKEI_BIN", os.path.join(ROOT, "build/test/renkei"))
FIXTURES = os.path.join(ROOT, "tests/upgrade/fixtures")
CLINICIAN = ("tanaka.kenji@renkei.example", "renkei-demo-2026")
ADMIN = ("admin@renkei.example", "renkei-admin-2026")

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)


def migrations():
    """(version, name, text) of every migration in the repository."""
    out = []
    for path in sorted(glob.glob(os.path.join(ROOT, "migrations/*.sql"))):
        name = os.path.basename(path)
        out.append((int(name.split("_", 1)[0]), name, open(path, encoding="utf-8").read()))
    return out


# ---------------------------------------------------------------- rolling-upgrade rule

NOT_EXPAND_ONLY = [
    (r"\bDROP\s+TABLE\b", "drops a table"),
    (r"\bDROP\s+COLUMN\b", "drops a column"),
    (r"\bRENAME\b", "renames a table or column"),
    (r"\bALTER\s+COLUMN\s+\w+\s+(SET\s+DATA\s+)?TYPE\b", "changes a column's type"),
    (r"\bSET\s+NOT\s+NULL\b", "makes a column NOT NULL"),
    (r"\bADD\s+(COLUMN\s+)?\w+\s+[^,;]*\bNOT\s+NULL\b(?![^,;]*\bDEFAULT\b)", "adds a NOT NULL column without a default"),
]


def rolling_problems(sql):
    """What in a migration would break an old instance still serving; [] when expand-only."""
    if re.search(r"^--\s*rolling-upgrade:\s*no\s*\(.+\)", sql, re.M | re.I):
        return []
    code = re.sub(r"--[^\n]*", "", sql)
    return [why for pattern, why in NOT_EXPAND_ONLY if re.search(pattern, code, re.I)]


def self_test_rolling_rule():
    cases = [
        ("CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER NOT NULL);", []),
        ("ALTER TABLE t ADD COLUMN note TEXT;", []),
        ("ALTER TABLE t ADD COLUMN n INTEGER NOT NULL DEFAULT 0;", []),
        ("CREATE INDEX t_n ON t (n);", []),
        ("-- DROP TABLE t in a comment\nCREATE TABLE u (id TEXT);", []),
        ("ALTER TABLE t ADD COLUMN n INTEGER NOT NULL;", ["adds a NOT NULL column without a default"]),
        ("DROP TABLE t;", ["drops a table"]),
        ("ALTER TABLE t DROP COLUMN n;", ["drops a column"]),
        ("ALTER TABLE t RENAME COLUMN a TO b;", ["renames a table or column"]),
        ("ALTER TABLE t ALTER COLUMN n TYPE BIGINT;", ["changes a column's type"]),
        ("ALTER TABLE t ALTER COLUMN n SET NOT NULL;", ["makes a column NOT NULL"]),
        ("-- rolling-upgrade: no (the old table is unused since 0012)\nDROP TABLE t;", []),
    ]
    for sql, expected in cases:
        got = rolling_problems(sql)
        if got != expected:
            raise SystemExit(f"rolling-upgrade rule self-test: {sql!r} gave {got}, expected {expected}")


# ---------------------------------------------------------------- servers and databases

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    def __init__(self, port):
        self.port, self.cookie = port, None

    def get(self, path):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        c.request("GET", path, headers={"Cookie": f"renkei_session={self.cookie}"} if self.cookie else {})
        r = c.getresponse()
        body = r.read()
        return r.status, body

    def login(self, who):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        c.request("POST", "/api/session", body=json.dumps({"email": who[0], "password": who[1]}),
                  headers={"Content-Type": "application/json"})
        r = c.getresponse()
        r.read()
        for value in r.headers.get_all("Set-Cookie") or []:
            if value.startswith("renkei_session="):
                self.cookie = value.split(";", 1)[0].split("=", 1)[1]
        return r.status


def serve_and_read(db_url, work, label):
    port = free_port()
    log = open(f"{work}/serve.log", "wb")
    proc = subprocess.Popen([BIN, "serve", "--db", db_url, "--listen", f"127.0.0.1:{port}", "--no-access-log",
                             "--web-root", "/nonexistent"], stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(600):
            try:
                if Client(port).get("/readyz")[0] == 200:
                    break
            except OSError:
                pass
            if proc.poll() is not None:
                break
            time.sleep(0.2)
        clinician, admin = Client(port), Client(port)
        check(clinician.login(CLINICIAN) == 200, f"{label}: the demo clinician signs in")
        check(admin.login(ADMIN) == 200, f"{label}: the admin signs in")
        status, body = clinician.get("/api/projects")
        projects = json.loads(body).get("items", []) if status == 200 else []
        tokyo = datetime.timezone(datetime.timedelta(hours=9))
        today = datetime.datetime.now(tokyo).replace(hour=0, minute=0, second=0, microsecond=0)
        span = urllib.parse.urlencode({"from": today.isoformat(), "to": (today + datetime.timedelta(days=7)).isoformat()})
        reads = [(clinician, "/api/me"), (clinician, "/api/inbox"), (clinician, "/api/inbox/count"),
                 (clinician, "/api/exchange/needs"), (clinician, f"/api/exchange/search?q={urllib.parse.quote('内視鏡')}"),
                 (clinician, "/api/exchange/suggestions"), (clinician, f"/api/bookings?{span}"),
                 (clinician, "/api/coi/declarations/mine"), (clinician, "/api/contracts"),
                 (admin, "/api/people"), (admin, "/api/audit"), (admin, "/api/portfolio")]
        if projects:
            reads.append((clinician, f"/api/projects/{projects[0]['id']}"))
        bad = [f"{path} {status}" for who, path in reads for status in [who.get(path)[0]] if status != 200]
        check(status == 200 and projects and not bad, f"{label}: {len(reads)} page reads answer 200 {bad}")
    finally:
        proc.terminate()
        proc.wait()
        if failures:
            print(open(f"{work}/serve.log", encoding="utf-8", errors="replace").read()[-3000:])


def pg_parts():
    url = os.environ.get("RENKEI_TEST_PG_URL")
    if not url:
        return None, None
    p = urllib.parse.urlsplit(url)
    return url, ["-h", p.hostname, "-p", str(p.port), "-U", p.username or "postgres"]


def with_database(url, name):
    return url.rsplit("/", 1)[0] + "/" + name


def sqlite_counts(path):
    c = sqlite3.connect(path)
    names = [n for (n,) in c.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
    counts = {n: c.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0] for n in names}
    c.close()
    return counts


def pg_counts(pg, db):
    out = subprocess.run(["psql", *pg, "-d", db, "-At", "-c",
                          "SELECT table_name FROM information_schema.tables WHERE table_schema='public'"],
                         check=True, capture_output=True, text=True).stdout.split()
    counts = {}
    for table in out:
        counts[table] = int(subprocess.run(["psql", *pg, "-d", db, "-At", "-c", f'SELECT COUNT(*) FROM "{table}"'],
                                           check=True, capture_output=True, text=True).stdout)
    return counts


def migrate(db_url):
    done = subprocess.run([BIN, "migrate", "--db", db_url], capture_output=True, text=True)
    return done.returncode == 0, done.stdout + done.stderr


def compare(label, before, after):
    lost = [f"{t}: {n} → {after.get(t)}" for t, n in before.items() if after.get(t, -1) < n]
    check(not lost, f"{label}: every table keeps its rows ({sum(before.values())} rows in {len(before)} tables) {lost}")


def check_sqlite_fixture(path, work, latest):
    label = os.path.basename(path)
    db = f"{work}/upgrade.db"
    c = sqlite3.connect(db)
    c.executescript(gzip.open(path, "rt", encoding="utf-8").read())
    c.close()
    before = sqlite_counts(db)
    ok, out = migrate(f"sqlite:{db}")
    check(ok, f"{label}: today's `renkei migrate` upgrades it {'' if ok else out[-2000:]}")
    version = sqlite3.connect(db).execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0]
    check(version == latest, f"{label}: at migration {version} of {latest}")
    compare(label, before, sqlite_counts(db))
    check(sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0] == "ok", f"{label}: integrity_check ok")
    serve_and_read(f"sqlite:{db}", work, label)


def check_postgresql_fixture(path, work, latest):
    label = os.path.basename(path)
    url, pg = pg_parts()
    if not url:
        raise SystemExit(f"{label}: RENKEI_TEST_PG_URL is not set (./test starts PostgreSQL)")
    db = f"renkei_upgrade_{os.getpid()}"
    subprocess.run(["createdb", *pg, "-E", "UTF8", db], check=True)
    try:
        sql = f"{work}/fixture.sql"
        with open(sql, "w", encoding="utf-8") as f:
            f.write(gzip.open(path, "rt", encoding="utf-8").read())
        subprocess.run(["psql", *pg, "-d", db, "-q", "-v", "ON_ERROR_STOP=1", "-f", sql], check=True,
                       stdout=subprocess.DEVNULL)
        before = pg_counts(pg, db)
        ok, out = migrate(with_database(url, db))
        check(ok, f"{label}: today's `renkei migrate` upgrades it {'' if ok else out[-2000:]}")
        version = int(subprocess.run(["psql", *pg, "-d", db, "-At", "-c", "SELECT MAX(version) FROM schema_migrations"],
                                     check=True, capture_output=True, text=True).stdout)
        check(version == latest, f"{label}: at migration {version} of {latest}")
        compare(label, before, pg_counts(pg, db))
        serve_and_read(with_database(url, db), work, label)
    finally:
        subprocess.run(["dropdb", *pg, "--force", "--if-exists", db])


def make_fixtures(work, latest):
    os.makedirs(FIXTURES, exist_ok=True)
    db = f"{work}/fixture.db"
    for step in ("migrate", "demo"):
        subprocess.run([BIN, step, "--db", f"sqlite:{db}"], check=True, capture_output=True)
    c = sqlite3.connect(db)
    with gzip.open(f"{FIXTURES}/sqlite-{latest:04d}.sql.gz", "wt", encoding="utf-8", compresslevel=9) as f:
        for line in c.iterdump():
            f.write(line + "\n")
    c.close()
    print(f"wrote {FIXTURES}/sqlite-{latest:04d}.sql.gz")
    url, pg = pg_parts()
    if not url:
        print("RENKEI_TEST_PG_URL is not set: no PostgreSQL fixture")
        return
    name = f"renkei_fixture_{os.getpid()}"
    subprocess.run(["createdb", *pg, "-E", "UTF8", name], check=True)
    try:
        for step in ("migrate", "demo"):
            subprocess.run([BIN, step, "--db", with_database(url, name)], check=True, capture_output=True)
        dump = subprocess.run(["pg_dump", *pg, "--no-owner", "--no-privileges", "--format=plain", name],
                              check=True, capture_output=True, text=True).stdout
        with gzip.open(f"{FIXTURES}/postgresql-{latest:04d}.sql.gz", "wt", encoding="utf-8", compresslevel=9) as f:
            f.write(dump)
        print(f"wrote {FIXTURES}/postgresql-{latest:04d}.sql.gz")
    finally:
        subprocess.run(["dropdb", *pg, "--force", "--if-exists", name])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--make-fixture", action="store_true")
    args = parser.parse_args()
    all_migrations = migrations()
    latest = all_migrations[-1][0]
    work = tempfile.mkdtemp(prefix="renkei-upgrade.")
    try:
        if args.make_fixture:
            make_fixtures(work, latest)
            return
        self_test_rolling_rule()
        fixtures = sorted(glob.glob(f"{FIXTURES}/*.sql.gz"))
        check(bool(fixtures), f"release fixtures in {FIXTURES}")
        newest = max((int(re.search(r"-(\d+)\.sql\.gz$", f).group(1)) for f in fixtures), default=0)
        for version, name, sql in all_migrations:
            if version > newest:
                problems = rolling_problems(sql)
                check(not problems, f"{name} is expand-only (old instances keep serving while it runs) {problems}")
        for path in fixtures:
            if os.path.basename(path).startswith("sqlite-"):
                check_sqlite_fixture(path, work, latest)
            else:
                check_postgresql_fixture(path, work, latest)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print(f"upgrade: {len(failures)} check(s) failed")
        sys.exit(1)
    print(f"upgrade: {len(fixtures)} release database(s) upgraded to migration {latest} and served")


if __name__ == "__main__":
    main()
