"""The job queue's tables are made by whichever app process needs them first. Several
processes starting together on a new database (app replicas, or the two workers of one app)
must all start: on PostgreSQL, making the same table at the same moment in two sessions
fails inside the database, and before this was fixed one worker then refused to start and
took the app down with it."""

from __future__ import annotations

import subprocess
import sys
import time

from sqlalchemy import text

from app import jobs
from app.config import ROOT
from app.db import get_engine

PROCESSES = 6
# Each process connects first, then waits for the same moment to make the tables, so that
# they meet inside the database as replicas started together do.
SCRIPT = """
import sys, time
from app import jobs
jobs.huey.storage.database.connect()
start = float(sys.argv[1])
while time.time() < start:
    time.sleep(0.001)
jobs.ready()
print("ready")
"""


def _drop_queue_tables() -> None:
    with get_engine().begin() as conn:
        for model in jobs.huey.storage.create_models():
            conn.execute(text(f"DROP TABLE IF EXISTS {model._meta.table_name}"))


def test_processes_starting_together_on_a_new_database_all_make_the_queue():
    for attempt in range(3):
        _drop_queue_tables()
        start = time.time() + 4
        procs = [subprocess.Popen([sys.executable, "-c", SCRIPT, str(start)], cwd=ROOT,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for _ in range(PROCESSES)]
        results = [(p.wait(timeout=60), *p.communicate()) for p in procs]
        failed = [err.decode(errors="replace")[-1500:] for code, _, err in results if code]
        assert not failed, f"attempt {attempt + 1}: {len(failed)} did not start:\n{failed[0]}"
        assert all(out.strip() == b"ready" for _, out, _ in results)
    # The queue the processes made works.
    with get_engine().connect() as conn:
        names = {m._meta.table_name for m in jobs.huey.storage.create_models()}
        for name in names:
            assert conn.execute(text(f"SELECT COUNT(*) FROM {name}")).scalar_one() == 0
