#!/usr/bin/env python3
"""bench/mail: the daily digest for 10,000 people with 100,000 open inbox items (issue 17; aim < 10 s).

Builds an SQLite database through `renkei migrate`, fills it with people (a tenth in English) and
open items of several kinds (some due, some overdue, some undated; a few people have switched a
kind off), then times `renkei remind`, which builds every digest due (digest_hour 0: everyone)
into the outbox in one transaction. Reported: the whole run's wall time as digest_s (it also runs
the other periodic tasks, which have nothing to do here), and what it wrote. A second run the same
day must write no digest (baseline: the same command with nothing to do).

Usage: RENKEI_BIN=build/release/renkei bench/mail/run.py [--people 10000] [--items 100000]
"""
import argparse
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("RENKEI_BIN", os.path.join(ROOT, "build/release/renkei"))
KINDS = ["projects.report_due", "projects.report_ack", "projects.milestone_due", "contracts.sign", "coi.declare",
         "ethics.deadline", "ip.deadline", "exchange.book_meeting"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", type=int, default=10_000)
    ap.add_argument("--items", type=int, default=100_000)
    args = ap.parse_args()
    rnd = random.Random(17)
    with tempfile.TemporaryDirectory(prefix="renkei-bench-mail.") as work:
        db = os.path.join(work, "bench.db")
        subprocess.run([BIN, "migrate", "--db", f"sqlite:{db}"], check=True, capture_output=True)
        now = int(time.time())
        today = time.strftime("%Y-%m-%d", time.gmtime(now + 9 * 3600))
        with sqlite3.connect(db) as c:
            c.executemany(
                "INSERT INTO people (id, email, email_key, name_ja, name_en, language, active, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)",
                [(f"p{i:015d}", f"person{i}@bench.example", f"person{i}@bench.example", f"研究者 {i}",
                  f"Researcher {i}", "en" if i % 10 == 0 else "ja", now, now) for i in range(args.people)])
            def due(i):
                r = i % 4
                if r == 0:
                    return None
                return time.strftime("%Y-%m-%d", time.gmtime(now + 9 * 3600 + 86400 * rnd.randint(-10, 60)))
            c.executemany(
                "INSERT INTO inbox_items (id, person_id, kind, source, source_key, title_ja, title_en, context_ja, "
                "context_en, link, due_on, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)",
                [(f"i{i:015d}", f"p{rnd.randrange(args.people):015d}", KINDS[i % len(KINDS)],
                  KINDS[i % len(KINDS)].split(".")[0], f"k{i}", f"報告書の提出 {i}", f"Report due {i}",
                  "心不全患者の在宅モニタリング", "Home monitoring of heart failure", f"/projects/x{i}", due(i), now)
                 for i in range(args.items)])
            c.executemany("INSERT INTO mail_preferences (person_id, kind, delivery) VALUES (?, ?, 'off')",
                          [(f"p{i:015d}", "exchange.book_meeting") for i in range(0, args.people, 7)])
        env = dict(os.environ, RENKEI_DIGEST_HOUR="0", RENKEI_PUBLIC_URL="https://renkei.example.ac.jp")
        start = time.monotonic()
        run = subprocess.run([BIN, "remind", "--db", f"sqlite:{db}"], env=env, capture_output=True, text=True)
        digest_s = time.monotonic() - start
        if run.returncode != 0:
            print(run.stdout, run.stderr)
            sys.exit(1)
        start = time.monotonic()
        again = subprocess.run([BIN, "remind", "--db", f"sqlite:{db}"], env=env, capture_output=True, text=True)
        baseline_s = time.monotonic() - start
        with sqlite3.connect(db) as c:
            digests = c.execute("SELECT COUNT(*) FROM mail_outbox WHERE kind = 'digest'").fetchone()[0]
            listed = c.execute("SELECT COALESCE(SUM(items), 0) FROM mail_digests").fetchone()[0]
            immediate = c.execute("SELECT COUNT(*) FROM mail_outbox WHERE kind <> 'digest'").fetchone()[0]
        print(f"people={args.people} open_items={args.items} digests={digests} items_listed={listed} "
              f"due_soon_messages={immediate}")
        print(f"second_run_s={baseline_s:.2f} (nothing left to build: {'0 digests written' in again.stdout})")
        print(f"digest_s={digest_s:.2f} aim: < 10 -> {'met' if digest_s < 10 else 'NOT met'}")


if __name__ == "__main__":
    main()
