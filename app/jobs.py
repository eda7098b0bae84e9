"""Work that outlives a request (a census run) goes to huey, a job library, with its queue kept
in the app's own database through peewee: the SQLite file by default, PostgreSQL in production
(where workers take jobs with FOR UPDATE SKIP LOCKED, so any number of replicas can run them).
Its tables are named job_* and made by huey on first use.

Who runs the jobs: each app process runs one worker thread (JOB_WORKERS, default 1; 0 turns it
off), started with the app and stopped after it. A council that wants them elsewhere sets
JOB_WORKERS=0 on the web replicas and runs `python -m app worker` on its own."""

from __future__ import annotations

import logging
import threading
from typing import Any

from huey import Huey
from huey.consumer import Consumer
from huey.contrib.sql_huey import SqlStorage
from peewee import PostgresqlDatabase
from sqlalchemy import make_url

from app.config import get_settings

log = logging.getLogger(__name__)


class JobStorage(SqlStorage):  # type: ignore[misc]  # huey ships no types
    """huey's SQL storage with its tables named job_* beside the app's."""

    def create_models(self) -> Any:
        kv, schedule, task, counter = super().create_models()
        for model in (kv, schedule, task, counter):
            model._meta.set_table_name("job_" + model._meta.table_name)
        # The index huey adds by expression was bound to the old name: add it again.
        task._meta.indexes = []
        task.add_index(task.priority.desc(), task.id)
        return kv, schedule, task, counter


def peewee_url(url: str) -> str:
    """The app's SQLAlchemy address as peewee's (`postgresql+psycopg://` -> `postgresql://`)."""
    parsed = make_url(url)
    return parsed.set(drivername=parsed.get_backend_name()).render_as_string(hide_password=False)


huey = Huey(get_settings().job_queue, storage_class=JobStorage, results=False, utc=True,
            database=peewee_url(get_settings().database_url), create_tables=False)
_ready = threading.Lock()
_made = False


#: PostgreSQL advisory lock key held while the queue's tables are made: two processes making
#: them at once (app replicas, or one's two workers, starting together on a new database)
#: would otherwise collide inside PostgreSQL (CREATE TABLE IF NOT EXISTS is not safe run
#: concurrently: the second fails on pg_type's unique index) and the app would not start.
TABLES_LOCK = 727_455_002


def ready() -> None:
    """Make the queue's tables once per process (CREATE TABLE IF NOT EXISTS), one process at
    a time on PostgreSQL."""
    global _made
    with _ready:
        if _made:
            return
        db, storage = huey.storage.database, huey.storage
        models = [storage.KV, storage.Schedule, storage.Task, storage.Counter]
        with db, db.atomic():  # a connection of its own (closed after), one transaction
            if isinstance(db, PostgresqlDatabase):
                db.execute_sql(  # type: ignore[no-untyped-call]  # peewee has no types
                    "SELECT pg_advisory_xact_lock(%s)", (TABLES_LOCK,))
            db.create_tables(models)  # IF NOT EXISTS
        _made = True


def made() -> bool:
    """Whether this process has made (or checked) the queue's tables."""
    return _made


def enqueue(task: Any, *args: Any) -> None:
    ready()
    task(*args)


def work_pending() -> int:
    """Run the jobs waiting now in this thread (the command line, and tests); how many ran."""
    ready()
    ran = 0
    while (job := huey.dequeue()) is not None:
        huey.execute(job)
        ran += 1
    return ran


def consumer(workers: int, graceful_term: bool = False) -> Consumer:
    """huey's consumer; `graceful_term`: SIGTERM lets the jobs in progress finish (for
    `python -m app worker` under a process manager)."""
    return Consumer(huey, workers=workers, worker_type="thread", periodic=False,
                    initial_delay=0.2, max_delay=2.0, check_worker_health=False,
                    graceful_signal="TERM" if graceful_term else "INT")


class Workers:
    """huey's worker threads inside the app process. Only the workers are started: the app
    has no scheduled jobs, and the web server keeps its own signal handlers (huey's consumer
    would take SIGTERM from uvicorn's graceful shutdown)."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.running: Consumer | None = None

    def start(self) -> None:
        if self.count <= 0:
            return
        ready()
        self.running = consumer(self.count)
        for _, thread in self.running.worker_threads:
            thread.start()
        log.info("job workers started: %s", self.count)

    def stop(self, timeout: float = 30.0) -> None:
        """Let a job in progress finish (up to `timeout` seconds), then stop."""
        if self.running is None:
            return
        self.running.stop_flag.set()
        for _, thread in self.running.worker_threads:
            thread.join(timeout)
        self.running = None
