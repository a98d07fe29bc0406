#!/usr/bin/python3
"""Mail end to end, with a real SMTP sink (Debian's python3-aiosmtpd) on loopback (issue 17).

A demo centre on SQLite; Renkei serves with smtp_url pointing at the sink. Every message the sink
receives is parsed with Python's ``email`` package and must be well-formed MIME: a UTF-8 subject
in encoded words, Date, Message-ID, multipart/alternative with a text and an HTML part.

* a forgotten password: 202 for a known and an unknown address alike, one message (none to the
  unknown address), in the person's language, whose link ends in /reset/TOKEN; the token sets the
  new password once, ends the person's other sessions, and the new password signs in;
* the daily digest (`renkei remind`): it lists exactly the person's open inbox items (a kind the
  person switched off is left out, a resolved item is not there), in their language (ja and en),
  and a second run on the same day writes nothing;
* event guests: a registration's message carries the cancellation link; the link cancels, and the
  guest on the waiting list is told a place freed up;
* the sender killed with SIGKILL between the SMTP server's acceptance and marking the message
  sent: the message is sent once more after the claim runs out, with the same Message-ID, and is
  marked sent — never lost, never a third time;
* SMTP unreachable: the message stays in the outbox as pending with the error, which the office
  reads from GET /api/mail/outbox.

Usage: RENKEI_BIN=build/test/renkei /usr/bin/python3 tests/mail/run.py  (Debian's interpreter: python3-aiosmtpd)
"""
import email
import email.policy
import http.client
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

from aiosmtpd.controller import Controller

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("RENKEI_BIN", os.path.join(ROOT, "build/test/renkei"))
PASSWORD = "renkei-demo-2026"
CLINICIAN = "tanaka.kenji@renkei.example"
OFFICE = "nakamura.yumi@renkei.example"

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Sink:
    """Keeps every message delivered to it: (recipients, parsed message, raw bytes)."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        parsed = email.message_from_bytes(raw, policy=email.policy.default)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), parsed, raw))
        return "250 OK"

    def to(self, address):
        with self.lock:
            return [m for rcpt, m, _ in self.messages if address in rcpt]

    def wait_for(self, address, count=1, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            got = self.to(address)
            if len(got) >= count:
                return got
            time.sleep(0.1)
        return self.to(address)


class Client:
    def __init__(self, port):
        self.port = port
        self.cookie = None
        self.csrf = None

    def call(self, method, path, body=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Content-Type": "application/json"}
        if self.cookie:
            headers["Cookie"] = self.cookie
        if self.csrf and method not in ("GET", "HEAD"):
            headers["X-CSRF-Token"] = self.csrf
        conn.request(method, path, json.dumps(body) if body is not None else None, headers)
        r = conn.getresponse()
        data = r.read()
        cookie = r.getheader("Set-Cookie")
        conn.close()
        try:
            parsed = json.loads(data) if data else None
        except ValueError:
            parsed = data
        return r.status, parsed, cookie

    def login(self, address, password=PASSWORD):
        status, body, cookie = self.call("POST", "/api/session", {"email": address, "password": password})
        if status == 200:
            self.cookie = cookie.split(";")[0]
            self.csrf = body["csrf_token"]
        return status


def well_formed(m, what):
    """The MIME shape every message must have."""
    ok = (
        m["Message-ID"] is not None and re.fullmatch(r"<[^<>@\s]+@[^<>@\s]+>", str(m["Message-ID"])) is not None
        and m["Date"] is not None and m["Subject"] is not None
        and m.get_content_type() == "multipart/alternative"
        and m.get_body(("plain",)) is not None and m.get_body(("html",)) is not None
        and m.get_body(("plain",)).get_content_charset() == "utf-8"
    )
    raw_subject = m.get("Subject", failobj=None)
    check(ok, f"{what}: well-formed MIME (Message-ID, Date, text and HTML parts in UTF-8)")
    return ok and raw_subject is not None


def text_of(m):
    return m.get_body(("plain",)).get_content()


class Server:
    def __init__(self, db, smtp_port, extra_env=None):
        self.port = free_port()
        env = dict(os.environ)
        env.update({
            "RENKEI_SMTP_URL": f"smtp://127.0.0.1:{smtp_port}",
            "RENKEI_MAIL_FROM": "連携センター <renkei@renkei.example>",
            "RENKEI_PUBLIC_URL": f"http://127.0.0.1:{self.port}",
            "RENKEI_DIGEST_HOUR": "0",
            "RENKEI_MAIL_POLL_SECONDS": "1",
            "RENKEI_REMINDER_INTERVAL_SECONDS": "0",
        })
        env.update(extra_env or {})
        self.env = env
        self.log = open(db + ".log", "ab")
        self.proc = subprocess.Popen(
            [BIN, "serve", "--db", f"sqlite:{db}", "--listen", f"127.0.0.1:{self.port}", "--web-root", "/nonexistent"],
            env=env, stdout=self.log, stderr=self.log)
        for _ in range(200):
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError("renkei serve exited")
                time.sleep(0.05)
        raise RuntimeError("renkei serve did not start")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def outbox_rows(db, kind=None):
    with sqlite3.connect(db) as c:
        q = "SELECT id, to_address, state, attempts, last_error FROM mail_outbox"
        rows = c.execute(q + (" WHERE kind = ?" if kind else ""), (kind,) if kind else ()).fetchall()
    return rows


def password_reset(server, sink):
    print("-- a forgotten password")
    anon = Client(server.port)
    before = Client(server.port)
    check(before.login(CLINICIAN) == 200, "the clinician signs in with the demo password")
    known = anon.call("POST", "/api/session/reset", {"email": CLINICIAN})
    unknown = anon.call("POST", "/api/session/reset", {"email": "nobody@renkei.example"})
    check(known[0] == 202 and unknown[0] == 202 and known[1] == unknown[1],
          "202 with the same body for a known and an unknown address")
    got = sink.wait_for(CLINICIAN)
    check(len(got) == 1, "one message reaches the clinician")
    check(not sink.to("nobody@renkei.example"), "nothing is sent to an unknown address")
    if not got:
        return
    m = got[0]
    well_formed(m, "reset message")
    check("パスワードの再設定" in str(m["Subject"]), "the subject is in the clinician's language (Japanese)")
    link = re.search(r"http://\S+/reset/([A-Za-z0-9_-]+)", text_of(m))
    check(link is not None, "the message holds a link whose path ends in /reset/TOKEN")
    if not link:
        return
    token = link.group(1)
    short = anon.call("POST", f"/api/session/reset/{token}", {"password": "short"})
    check(short[0] == 422 and short[1]["error"]["field"] == "password", "a too-short password: 422 naming password")
    done = anon.call("POST", f"/api/session/reset/{token}", {"password": "a-new-password-2026"})
    check(done[0] == 204, "the link sets the new password: 204")
    again = anon.call("POST", f"/api/session/reset/{token}", {"password": "another-password-2026"})
    check(again[0] == 422 and again[1]["error"]["field"] == "token", "the token works once (422 naming token after)")
    check(before.call("GET", "/api/me")[0] == 401, "the clinician's other session has ended")
    check(Client(server.port).login(CLINICIAN, "a-new-password-2026") == 200, "the new password signs in")
    check(Client(server.port).login(CLINICIAN, PASSWORD) == 401, "the old password does not")
    bogus = anon.call("POST", "/api/session/reset/" + "A" * 43, {"password": "a-new-password-2026"})
    check(bogus[0] == 422 and bogus[1]["error"]["field"] == "token", "an unknown token: 422 naming token")
    # Throttled like sign-ins: the address gets three links per window, then 429 (known or not).
    codes = [anon.call("POST", "/api/session/reset", {"email": "someone@renkei.example"})[0] for _ in range(4)]
    check(codes == [202, 202, 202, 429], f"throttled per address: {codes}")
    with open(server.log.name, "rb") as f:
        log = f.read().decode("utf-8", "replace")
    check(token not in log, "the token never appears in the server's log")


def digest(db, server, sink, lang_person):
    print("-- the daily digest")
    c = Client(server.port)
    check(c.login(lang_person, PASSWORD) == 200, "a committee member signs in")
    status, prefs, _ = c.call("GET", "/api/me/mail")
    check(status == 200 and any(k["kind"] == "ethics.deadline" and k["legal"] for k in prefs["kinds"]),
          "GET /api/me/mail lists the kinds, legal deadlines marked")
    _, inbox, _ = c.call("GET", "/api/inbox?state=open")
    items = inbox["items"]
    kinds = sorted({i["kind"] for i in items})
    check(len(items) >= 2, f"the member has open items ({len(items)}, kinds {kinds})")
    switched_off = kinds[0] if len(kinds) > 1 else None
    if switched_off:
        status, _, _ = c.call("PUT", "/api/me/mail", {"kinds": {switched_off: "off"}})
        check(status == 200, f"the member switches {switched_off} off")
    bad = c.call("PUT", "/api/me/mail", {"kinds": {"ethics.deadline": "off"}})
    check(bad[0] == 422 and bad[1]["error"]["field"] == "kinds.ethics.deadline",
          "a legal deadline cannot be switched off (422 naming kinds.ethics.deadline)")
    status, _, _ = c.call("PATCH", "/api/me", {"language": "en"})
    check(status == 200, "the member switches to English")
    _, inbox_en, _ = c.call("GET", "/api/inbox?state=open")
    # One item is dealt with before the digest is built (as its module would resolve it): it must
    # not be listed.
    resolved = next(i for i in inbox_en["items"] if i["kind"] != switched_off)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE inbox_items SET state = 'done', resolved_at = 0 WHERE id = ?", (resolved["id"],))
    expected = sorted(i["title_en"] for i in inbox_en["items"] if i["kind"] != switched_off and i is not resolved)
    left_out = sorted(i["title_en"] for i in inbox_en["items"] if i["kind"] == switched_off)
    env = dict(server.env)
    run = subprocess.run([BIN, "remind", "--db", f"sqlite:{db}"], env=env, capture_output=True, text=True)
    check(run.returncode == 0 and "digests written" in run.stdout, "renkei remind builds the digests: " + run.stdout.strip()[:120])
    got = sink.wait_for(lang_person)
    check(len(got) == 1, "one digest reaches the member")
    if not got:
        return
    m = got[-1]
    well_formed(m, "digest")
    body = text_of(m)
    check(str(m["Subject"]).startswith("Renkei: ") and "Dear " in body, "the digest is in English, as chosen")
    listed = sorted(t for t in expected if t in body)
    check(listed == expected, f"the digest lists every open item ({len(listed)} of {len(expected)})")
    check(f"{len(expected)} open item" in str(m["Subject"]), f"the subject counts them: {m['Subject']}")
    check(all(t not in body for t in left_out if t not in expected), "a kind switched off is left out")
    check(resolved["title_en"] in expected or resolved["title_en"] not in body, "an item resolved before the digest is not in it")
    jp = sink.wait_for(CLINICIAN, count=2)
    check(any("本日の未完了のタスク" in str(x["Subject"]) for x in jp), "a Japanese member's digest is in Japanese")
    count = len(outbox_rows(db, "digest"))
    again = subprocess.run([BIN, "remind", "--db", f"sqlite:{db}"], env=env, capture_output=True, text=True)
    check(again.returncode == 0 and len(outbox_rows(db, "digest")) == count and "0 digests written" in again.stdout,
          "a second run on the same day writes no digest")


def guests(server, sink):
    print("-- event guests")
    anon = Client(server.port)
    office = Client(server.port)
    check(office.login(OFFICE) == 200, "the office signs in")
    _, events, _ = anon.call("GET", "/api/public/events")
    items = events["items"] if isinstance(events, dict) else events
    if not items:
        check(False, "the demo has a public event")
        return
    e = items[0]
    first, second = "guest.one@example.org", "guest.two@example.org"
    status, r1, _ = anon.call("POST", f"/api/public/events/{e['id']}/registrations",
                              {"name": "山田 花子", "email": first, "affiliation": "来場者"})
    check(status == 201 and r1["status"] == "registered", "a guest registers")
    _, full, _ = office.call("GET", f"/api/events/{e['id']}")
    status, _, _ = office.call("PATCH", f"/api/events/{e['id']}", {"capacity": full["registered"]})
    check(status == 200, "the office closes the event at its current size")
    status, r2, _ = anon.call("POST", f"/api/public/events/{e['id']}/registrations",
                              {"name": "John Smith", "email": second})
    check(status == 201 and r2["status"] == "waitlisted", "a second guest goes on the waiting list")
    got = sink.wait_for(first)
    check(len(got) == 1, "the first guest gets their registration message")
    if got:
        well_formed(got[0], "registration message")
        link = re.search(r"/public/events/[a-z0-9]+\?registration=([A-Za-z0-9_-]+)", text_of(got[0]))
        check(link is not None, "it carries the cancellation link")
        check("参加登録を受け付けました" in str(got[0]["Subject"]) and "Your registration" in str(got[0]["Subject"]),
              "a guest's message is in Japanese and English")
        if link:
            status, _, _ = anon.call("POST", f"/api/public/events/{e['id']}/registration/cancel",
                                     {"token": link.group(1)})
            check(status == 200, "the link's token cancels the registration")
    waiting = sink.wait_for(second, count=2)
    check(len(waiting) == 2 and "waiting list" in str(waiting[0]["Subject"]) and "place freed up"
          in str(waiting[1]["Subject"]), "the waitlisted guest is told of the waiting list, then of the place")


def crash_between_send_and_mark(db, smtp_port, sink):
    print("-- the sender killed between sending and marking")
    address = "kobayashi.naoko@renkei.example"
    server = Server(db, smtp_port, {"RENKEI_TEST_MAIL_DIE_AFTER_SEND": "1", "RENKEI_MAIL_CLAIM_SECONDS": "2"})
    status, _, _ = Client(server.port).call("POST", "/api/session/reset", {"email": address})
    check(status == 202, "a reset link is asked for")
    server.proc.wait(30)
    check(server.proc.returncode == -signal.SIGKILL, "the server died with SIGKILL right after sending")
    server.stop()
    resets = lambda: [m for m in sink.to(address) if "パスワード" in str(m["Subject"])]
    deadline = time.time() + 20
    while not resets() and time.time() < deadline:
        time.sleep(0.1)
    check(len(resets()) == 1, "the message had reached the SMTP server once")
    rows = outbox_rows(db, "password_reset")
    mine = [r for r in rows if r[1] == address]
    check(len(mine) == 1 and mine[0][2] == "sending", "the outbox still shows it as being sent (not lost)")
    server = Server(db, smtp_port, {"RENKEI_MAIL_CLAIM_SECONDS": "2"})
    deadline = time.time() + 40
    while len(resets()) < 2 and time.time() < deadline:
        time.sleep(0.1)
    time.sleep(3)
    both = resets()
    check(len(both) == 2, f"after the claim ran out it was sent once more ({len(both)} copies in all)")
    if len(both) == 2:
        check(str(both[0]["Message-ID"]) == str(both[1]["Message-ID"]), "both copies carry the same Message-ID")
    mine = [r for r in outbox_rows(db, "password_reset") if r[1] == address]
    check(mine and mine[0][2] == "sent" and mine[0][3] == 2, f"marked sent after two attempts: {mine}")
    server.stop()


def smtp_down(db):
    print("-- SMTP unreachable")
    dead = free_port()
    server = Server(db, dead)
    try:
        office = Client(server.port)
        office.login(OFFICE)
        address = "suzuki.masaki@renkei.example"
        Client(server.port).call("POST", "/api/session/reset", {"email": address})
        entry = None
        for _ in range(100):
            _, page, _ = office.call("GET", "/api/mail/outbox?state=pending")
            entry = next((i for i in page["items"] if i["to"] == address and i["attempts"] >= 1), None)
            if entry:
                break
            time.sleep(0.1)
        check(entry is not None and entry["last_error"] != "",
              "the message stays pending with the reason: " + (entry["last_error"][:80] if entry else "none"))
        clinician = Client(server.port)
        clinician.login("sato.seiichi@renkei.example")
        check(clinician.call("GET", "/api/mail/outbox")[0] == 403, "only the office reads the outbox")
    finally:
        server.stop()


def two_senders_on_postgresql(sink):
    """Two instances on one PostgreSQL deliver 300 messages: each exactly once."""
    COUNT = 300
    url = os.environ.get("RENKEI_TEST_PG_URL")
    if not url:
        print("-- two senders on PostgreSQL: skipped (RENKEI_TEST_PG_URL is not set)")
        return
    print("-- two senders on one PostgreSQL")
    name = f"renkei_mail_{os.getpid()}"
    base = url.rsplit("/", 1)[0]
    subprocess.run(["psql", url, "-q", "-c", f"CREATE DATABASE {name}"], check=True, capture_output=True)
    db_url = f"{base}/{name}"
    try:
        subprocess.run([BIN, "migrate", "--db", db_url], check=True, capture_output=True)
        servers = []
        for _ in range(2):
            port = free_port()
            env = dict(os.environ, RENKEI_SMTP_URL=f"smtp://127.0.0.1:{sink_port}", RENKEI_MAIL_POLL_SECONDS="1",
                       RENKEI_REMINDER_INTERVAL_SECONDS="0")
            servers.append(subprocess.Popen([BIN, "serve", "--db", db_url, "--listen", f"127.0.0.1:{port}",
                                             "--web-root", "/nonexistent"], env=env,
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            for _ in range(200):
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                        break
                except OSError:
                    time.sleep(0.05)
        # Both are polling when the messages appear, so both reach for them.
        rows = ",".join(
            f"('pg{i:04d}aaaaaaaaaaa', 'pg{i}@example.org', 'test', 'ja', '件名 {i}', '本文 {i}', '<p>本文 {i}</p>', 0, 0)"
            for i in range(COUNT))
        subprocess.run(["psql", db_url, "-q", "-c",
                        "INSERT INTO mail_outbox (id, to_address, kind, language, subject, body_text, body_html, "
                        f"next_attempt_at, created_at) VALUES {rows}"], check=True, capture_output=True)
        deadline = time.time() + 60
        sent = 0
        while time.time() < deadline:
            out = subprocess.run(["psql", db_url, "-At", "-c", "SELECT COUNT(*) FROM mail_outbox WHERE state = 'sent'"],
                                 capture_output=True, text=True).stdout.strip()
            sent = int(out or 0)
            if sent == COUNT:
                break
            time.sleep(0.5)
        time.sleep(2)
        for p in servers:
            p.send_signal(signal.SIGTERM)
            p.wait(20)
        got = [m for rcpt, m, _ in sink.messages if rcpt and rcpt[0].startswith("pg") and rcpt[0].endswith("@example.org")]
        ids = [str(m["Message-ID"]) for m in got]
        check(sent == COUNT, f"all {COUNT} marked sent ({sent})")
        check(len(ids) == COUNT and len(set(ids)) == COUNT, f"each delivered exactly once ({len(ids)} deliveries, {len(set(ids))} distinct)")
        claimed_by = subprocess.run(["psql", db_url, "-At", "-c", "SELECT COUNT(DISTINCT claimed_by) FROM mail_outbox"],
                                    capture_output=True, text=True).stdout.strip()
        print(f"     senders that took part: {claimed_by}")
    finally:
        subprocess.run(["psql", url, "-q", "-c", f"DROP DATABASE IF EXISTS {name}"], capture_output=True)


sink_port = 0


def main():
    with tempfile.TemporaryDirectory(prefix="renkei-mail.") as work:
        db = os.path.join(work, "mail.db")
        for cmd in (["migrate"], ["demo"]):
            subprocess.run([BIN, *cmd, "--db", f"sqlite:{db}"], check=True, capture_output=True)
        with sqlite3.connect(db) as c:
            c.execute("DELETE FROM mail_outbox")  # what the demo's history wrote; this test starts clean
        sink = Sink()
        global sink_port
        smtp_port = sink_port = free_port()
        controller = Controller(sink, hostname="127.0.0.1", port=smtp_port)
        controller.start()
        try:
            server = Server(db, smtp_port)
            try:
                password_reset(server, sink)
                digest(db, server, sink, "sato.seiichi@renkei.example")
                guests(server, sink)
            finally:
                server.stop()
            crash_between_send_and_mark(db, smtp_port, sink)
            smtp_down(db)
            two_senders_on_postgresql(sink)
            for _, m, raw in sink.messages:
                if b"\r\n" not in raw:
                    check(False, "lines end in CRLF")
                    break
        finally:
            controller.stop()
    if failures:
        print(f"{len(failures)} mail checks failed")
        sys.exit(1)
    print("all mail checks passed")


if __name__ == "__main__":
    main()
