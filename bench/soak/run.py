#!/usr/bin/env python3
"""Crash soak (issue 20): mixed writes from several signed-in clients while `renkei serve` is killed
with SIGKILL at random moments. See bench/README.md.

  bench/soak/run.py --engine sqlite --kills 100
  bench/soak/run.py --engine postgresql --kills 100

Last line: engine=sqlite lost=0 torn=0 kills=100
"""
import argparse
import datetime
import os
import random
import re
import shutil
import sqlite3
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from renkei_drill import ADMIN, DEFAULT_BIN, DEMO_PASSWORD, Client, Database, Server, log, renkei  # noqa: E402

ROOMS = {  # space code -> the thread that books it (so that slots never collide between threads)
    "1F-MR1": 1, "1F-MR2": 1, "1F-MR3": 1,
    "2F-DR-A": 2, "2F-DR-B": 2, "2F-DR-C": 2,
    "3F-DR-A": 3, "3F-DR-B": 3, "3F-DR-C": 3,
}
SEQ = re.compile(r"#(\d+)\b")


class Problems:
    def __init__(self):
        self.lost, self.torn, self.notes = 0, 0, []
        self.lock = threading.Lock()

    def add(self, kind, msg):
        with self.lock:
            setattr(self, kind, getattr(self, kind) + 1)
            if len(self.notes) < 50:
                self.notes.append("%s: %s" % (kind, msg))
            log("!!", kind, msg)


class Worker(threading.Thread):
    """One client: a person and the writes it does. Every attempt is recorded before it is sent."""

    def __init__(self, tid, port, email, password, ops, ctx):
        super().__init__(daemon=True)
        self.tid, self.ops, self.ctx = tid, ops, ctx
        self.client = Client(port, email, password)
        self.rng = random.Random(ctx.seed * 100 + tid)
        self.creates = {}      # marker -> dict(kind, body, id or None, status)
        self.edits = {}        # (kind, id) -> dict(attempted: set of seq, acked: max acked seq, rejected: set)
        self.my_needs = []
        self.booking_n = 0
        self.seq = 0
        self.counts = {"acked": 0, "rejected": 0, "no_answer": 0, "5xx": 0}
        self.idle = threading.Event()
        self.stop = False

    def run(self):
        while not self.stop:
            if not self.ctx.go.is_set():
                self.idle.set()
                self.ctx.go.wait(0.2)
                continue
            self.idle.clear()
            if not self.ctx.go.is_set():
                continue
            op = self.rng.choice(self.ops)
            try:
                getattr(self, "op_" + op)()
            except Exception as e:  # a bug in the drill, not the server
                log("worker", self.tid, op, "raised", repr(e))
                time.sleep(0.1)
        self.idle.set()

    def _tally(self, st):
        if 200 <= st < 300:
            self.counts["acked"] += 1
        elif st == 0:
            self.counts["no_answer"] += 1
            time.sleep(0.02)
        elif st >= 500:
            self.counts["5xx"] += 1
            time.sleep(0.02)
        else:
            self.counts["rejected"] += 1

    def _create(self, kind, path, body, marker):
        rec = {"kind": kind, "body": body, "id": None, "status": None, "marker": marker}
        self.creates[marker] = rec
        st, r = self.client.request("POST", path, body)
        rec["status"] = st
        self._tally(st)
        if 200 <= st < 300:
            rec["id"] = r["id"]
        elif 400 <= st < 500 and len(self.ctx.rejections) < 20:
            self.ctx.rejections.append((kind, st, str(r)[:200]))
        return rec

    def _edit(self, kind, id_, method, path, make_body):
        self.seq += 1
        s = self.seq
        e = self.edits.setdefault((kind, id_), {"attempted": set(), "acked": 0, "rejected": set()})
        e["attempted"].add(s)
        st, r = self.client.request(method, path, make_body(s))
        self._tally(st)
        if 200 <= st < 300:
            e["acked"] = max(e["acked"], s)
        elif 400 <= st < 500:
            e["rejected"].add(s)
            if len(self.ctx.rejections) < 20:
                self.ctx.rejections.append((kind, st, str(r)[:200]))

    # --- the writes -------------------------------------------------------------------------
    def op_need(self):
        self.seq += 1
        m = "soak-%s-t%d-n%d" % (self.ctx.run, self.tid, self.seq)
        body = {"title": m, "problem": "problem of " + m, "current_practice": "practice of " + m,
                "patients": "patients of " + m, "desired_outcome": "outcome of " + m, "area": "medical_device"}
        rec = self._create("need", "/api/exchange/needs", body, m)
        if rec["id"]:
            self.my_needs.append(rec["id"])

    def op_need_edit(self):
        if not self.my_needs:
            return self.op_need()
        nid = self.rng.choice(self.my_needs)
        self._edit("need", nid, "PATCH", "/api/exchange/needs/" + nid,
                   lambda s: {"title": "edited #%d" % s, "problem": "edited problem #%d" % s})

    def op_booking(self):
        rooms = [c for c, t in ROOMS.items() if t == self.tid]
        n = self.booking_n
        self.booking_n += 1
        room = rooms[n % len(rooms)]
        slot = n // len(rooms)
        day = self.ctx.first_day + datetime.timedelta(days=slot // 28)
        minutes = 8 * 60 + (slot % 28) * 30
        start = "%sT%02d:%02d:00+09:00" % (day.isoformat(), minutes // 60, minutes % 60)
        end_m = minutes + 30
        end = "%sT%02d:%02d:00+09:00" % (day.isoformat(), end_m // 60, end_m % 60)
        m = "soak-%s-t%d-b%d" % (self.ctx.run, self.tid, n)
        self._create("booking", "/api/bookings",
                     {"space_id": self.ctx.spaces[room], "start": start, "end": end, "title": m}, m)

    def op_project(self):
        pid = self.ctx.projects[self.tid % len(self.ctx.projects)]
        self._edit("project", pid, "PATCH", "/api/projects/" + pid,
                   lambda s: {"aims": "soak aims #%d" % s, "public_summary": "soak summary #%d" % s})

    def op_coi(self):
        me = self.client.me["id"]

        def body(s):
            return {"relationships": [
                {"organisation_id": self.ctx.company_division, "category": "consulting", "amount_yen": 1000 + s,
                 "note": "soak #%d a" % s},
                {"organisation_id": self.ctx.company_division, "category": "lecture", "amount_yen": 2000 + s,
                 "note": "soak #%d b" % s}]}
        self._edit("coi", me, "PUT", "/api/coi/declarations/mine", body)


class Ctx:
    pass


def wait_idle(workers, timeout=30):
    t0 = time.time()
    for w in workers:
        w.idle.wait(max(0.1, timeout - (time.time() - t0)))


def seqs_of(*texts):
    out = set()
    for t in texts:
        m = SEQ.search(t or "")
        out.add(int(m.group(1)) if m else None)
    return out


def check(workers, admin, probs, only_new, checked):
    """Every acknowledged write is there; what is there is whole."""
    n = 0
    for w in workers:
        for m, rec in list(w.creates.items()):
            if rec["id"] is None or (only_new and m in checked):
                continue
            path = {"need": "/api/exchange/needs/", "booking": "/api/bookings/"}[rec["kind"]] + rec["id"]
            st, r = admin.request("GET", path)
            n += 1
            if st == 404:
                probs.add("lost", "%s %s (%s) acknowledged but 404" % (rec["kind"], rec["id"], m))
            elif st != 200:
                probs.add("lost", "%s %s: GET answered %s" % (rec["kind"], rec["id"], st))
            else:
                if rec["kind"] == "need" and r["title"] != m and not r["title"].startswith("edited #"):
                    probs.add("torn", "need %s title %r" % (rec["id"], r["title"]))
                if rec["kind"] == "booking" and r["title"] != m:
                    probs.add("torn", "booking %s title %r" % (rec["id"], r["title"]))
                checked.add(m)
        for (kind, id_), e in list(w.edits.items()):
            if kind == "need":
                st, r = w.client.request("GET", "/api/exchange/needs/" + id_)
                got = seqs_of(r["title"], r["problem"]) if st == 200 else None
            elif kind == "project":
                st, r = w.client.request("GET", "/api/projects/" + id_)
                got = seqs_of(r.get("aims"), r.get("public_summary")) if st == 200 else None
            else:
                st, r = w.client.request("GET", "/api/coi/declarations/mine")
                d = r.get("declaration") if st == 200 else None
                rel = d["relationships"] if d else []
                got = seqs_of(*[x["note"] for x in rel]) if st == 200 else None
                if st == 200 and e["acked"] and len(rel) != 2:
                    probs.add("torn", "coi declaration has %d relationships, not 2" % len(rel))
            n += 1
            if st != 200:
                probs.add("lost", "%s %s: GET answered %s" % (kind, id_, st))
                continue
            if len(got) != 1:
                probs.add("torn", "%s %s: fields from different writes %s" % (kind, id_, got))
                continue
            s = got.pop()
            if s is None:
                if e["acked"]:
                    probs.add("lost", "%s %s: no edit visible, #%d acknowledged" % (kind, id_, e["acked"]))
            elif s < e["acked"]:
                probs.add("lost", "%s %s: shows #%d, #%d acknowledged" % (kind, id_, s, e["acked"]))
            elif s not in e["attempted"] or s in e["rejected"]:
                probs.add("torn", "%s %s: shows #%d, never sent or rejected" % (kind, id_, s))
    return n


def final_scan(workers, admin, probs, ctx):
    """Everything of this run that exists was sent and not refused, is whole, and has its audit entry."""
    by_marker = {m: rec for w in workers for m, rec in w.creates.items()}
    present = {}
    for w in workers:
        if "need" in w.ops:
            off = 0
            while True:
                st, r = w.client.request("GET", "/api/exchange/needs?mine=true&status=all&limit=100&offset=%d" % off)
                if st != 200:
                    probs.add("lost", "needs list answered %s" % st)
                    break
                items = r["items"] if isinstance(r, dict) else r
                for it in items:
                    it = it.get("item", it)
                    present[it["id"]] = ("need", it)
                if len(items) < 100:
                    break
                off += 100
        if "booking" in w.ops:
            st, r = w.client.request("GET", "/api/bookings?mine=true&from=%s&to=%s" % (
                ctx.first_day.isoformat(), (ctx.first_day + datetime.timedelta(days=400)).isoformat()))
            if st != 200:
                probs.add("lost", "bookings list answered %s" % st)
            else:
                for it in (r["items"] if isinstance(r, dict) else r):
                    present[it["id"]] = ("booking", it)
    ids_acked = {rec["id"] for rec in by_marker.values() if rec["id"]}
    extra = 0
    for id_, (kind, it) in present.items():
        m = it["title"]
        rec = by_marker.get(m)
        if rec is None:
            if kind == "need" and m.startswith("edited #"):
                if id_ not in ids_acked:
                    probs.add("torn", "need %s edited but its create is unknown" % id_)
            elif m.startswith("soak-%s-" % ctx.run):
                probs.add("torn", "%s %s %r was never sent" % (kind, id_, m))
            continue
        if rec["status"] and 400 <= rec["status"] < 500:
            probs.add("torn", "%s %r was refused (%s) but exists" % (kind, m, rec["status"]))
        if rec["id"] is None:
            extra += 1  # sent, no answer (killed), committed: allowed, but must be whole
            if kind == "need":
                st, full = admin.request("GET", "/api/exchange/needs/" + id_)
                b = rec["body"]
                if st != 200 or any(full.get(k) != b[k] for k in ("problem", "current_practice", "patients",
                                                                    "desired_outcome")):
                    probs.add("torn", "unacknowledged need %s is not whole" % id_)
    # audit: each acknowledged or present create has its create entry (same transaction as the data).
    # The log is read page by page per kind of object (one query per 200 entries, not one per object).
    created = {}
    for kind in ("need", "booking"):
        ids, before = {}, ""
        while True:
            st, r = admin.request("GET", "/api/audit?entity=%s&limit=200%s" % (kind, before))
            if st != 200:
                probs.add("lost", "audit of %s answered %s" % (kind, st))
                break
            for e in r["items"]:
                if e["action"] == "create":
                    ids[e["entity_id"]] = (int(e["id"]), (e.get("actor") or {}).get("id"))
            if not r.get("next_before") or int(r["items"][-1]["id"]) <= ctx.audit_start:
                break
            before = "&before=%s" % r["next_before"]
        created[kind] = ids
    audited = 0
    for id_, kind in ({r["id"]: r["kind"] for r in by_marker.values() if r["id"]} |
                      {i: k for i, (k, _) in present.items()}).items():
        if id_ not in created[kind]:
            probs.add("torn", "%s %s exists without an audit create entry" % (kind, id_))
        audited += 1
    # ... and the other way: no create entry for an object that is not there
    # (entries of this run only, read by their author: the demo's drafts are hidden even from an admin)
    authors = {w.client.me["id"]: w.client for w in workers}
    for kind, ids in created.items():
        for id_, (entry, actor) in ids.items():
            if entry <= ctx.audit_start or id_ in present:
                continue
            c = authors.get(actor, admin)
            st, _ = c.request("GET", {"need": "/api/exchange/needs/", "booking": "/api/bookings/"}[kind] + id_)
            if st == 404:
                probs.add("torn", "audit has a create entry for %s %s, which does not exist" % (kind, id_))
    return extra, audited


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    ap.add_argument("--kills", type=int, default=100)
    ap.add_argument("--min-run", type=float, default=0.3, help="seconds of load before a kill, at least")
    ap.add_argument("--max-run", type=float, default=2.5, help="... at most")
    ap.add_argument("--seed", type=int, default=int(time.time()))
    ap.add_argument("--bin", default=DEFAULT_BIN)
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    tmp = tempfile.mkdtemp(prefix="renkei-soak-")
    if a.engine == "postgresql":
        os.chmod(tmp, 0o755)
    db = server = None
    workers = []
    probs = Problems()
    try:
        log("soak: engine=%s kills=%d seed=%d dir=%s bin=%s" % (a.engine, a.kills, a.seed, tmp, a.bin))
        db = Database(a.engine, tmp)
        renkei(a.bin, db.url, "migrate")
        renkei(a.bin, db.url, "demo")
        server = Server(a.bin, db.url, tmp)
        server.start()
        admin = Client(server.port, *ADMIN)
        ctx = Ctx()
        ctx.seed, ctx.run = a.seed, "%x" % (a.seed & 0xffffff)
        ctx.go = threading.Event()
        ctx.rejections = []
        ctx.first_day = (datetime.datetime.utcnow() + datetime.timedelta(hours=9)).date() + datetime.timedelta(days=90)
        st, sp = admin.request("GET", "/api/spaces")
        ctx.spaces = {s["code"]: s["id"] for s in (sp["items"] if isinstance(sp, dict) else sp)}
        st, pr = admin.request("GET", "/api/projects")
        ctx.projects = [p["id"] for p in (pr["items"] if isinstance(pr, dict) else pr)][:4]
        st, orgs = admin.request("GET", "/api/organisations")
        ctx.company_division = next(o["id"] for o in (orgs["items"] if isinstance(orgs, dict) else orgs)
                                    if o["name_en"] == "Life Sciences Business Division")
        st, au = admin.request("GET", "/api/audit?limit=1")
        ctx.audit_start = int(au["items"][0]["id"]) if au["items"] else 0
        pw = DEMO_PASSWORD
        workers = [
            Worker(0, server.port, "tanaka.kenji@renkei.example", pw, ["need", "need", "need_edit", "coi"], ctx),
            Worker(1, server.port, "kato.sakura@renkei.example", pw, ["booking", "booking", "coi", "need"], ctx),
            Worker(2, server.port, "nakamura.yumi@renkei.example", pw, ["project", "booking", "booking"], ctx),
            Worker(3, server.port, "kobayashi.naoko@renkei.example", pw, ["project", "booking"], ctx),
        ]
        for w in workers:
            w.start()
        checked = set()
        t_start = time.time()
        restart_times = []
        checks = 0
        for k in range(1, a.kills + 1):
            ctx.go.set()
            time.sleep(rng.uniform(a.min_run, a.max_run))
            if not server.alive():
                probs.add("lost", "renkei serve exited by itself (%s) before kill %d" % (server.proc.returncode, k))
            server.kill()
            ctx.go.clear()
            wait_idle(workers)
            t0 = time.time()
            server.start()
            restart_times.append(time.time() - t0)
            checks += check(workers, admin, probs, True, checked)
            if k % 10 == 0 or k == a.kills:
                acked = sum(w.counts["acked"] for w in workers)
                log("kill %d/%d: %d writes acknowledged, %d checks, lost=%d torn=%d (%.0fs)" % (
                    k, a.kills, acked, checks, probs.lost, probs.torn, time.time() - t_start))
        # a last round of load, then a clean stop and the full checks
        ctx.go.set()
        time.sleep(1)
        ctx.go.clear()
        wait_idle(workers)
        for w in workers:
            w.stop = True
        checks += check(workers, admin, probs, False, checked)
        extra, audited = final_scan(workers, admin, probs, ctx)
        server.kill()
        integrity = "n/a"
        if a.engine == "sqlite":
            con = sqlite3.connect(db.path)
            integrity = ",".join(r[0] for r in con.execute("PRAGMA integrity_check"))
            fk = list(con.execute("PRAGMA foreign_key_check"))
            con.close()
            if integrity != "ok":
                probs.add("torn", "integrity_check: " + integrity)
            if fk:
                probs.add("torn", "foreign_key_check: %d rows, e.g. %s" % (len(fk), fk[:3]))
        tot = {k: sum(w.counts[k] for w in workers) for k in workers[0].counts}
        log("writes: acknowledged=%(acked)d refused(4xx)=%(rejected)d 5xx=%(5xx)d no_answer=%(no_answer)d" % tot)
        log("committed without an answer (allowed, checked whole): %d; audit entries checked: %d" % (extra, audited))
        log("restart to ready: mean %.2fs max %.2fs; integrity_check=%s; %.0fs in all" % (
            sum(restart_times) / max(1, len(restart_times)), max(restart_times or [0]), integrity,
            time.time() - t_start))
        for r in ctx.rejections[:10]:
            log("refused:", *r)
        for n in probs.notes:
            log(n)
        print("engine=%s lost=%d torn=%d kills=%d" % (a.engine, probs.lost, probs.torn, a.kills), flush=True)
        return 0 if probs.lost == 0 and probs.torn == 0 else 1
    finally:
        for w in workers:
            w.stop = True
        if server:
            server.kill()
        if db:
            db.close()
        if a.keep:
            log("kept", tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
