"""Engine and the request session: one transaction per request, committed here and nowhere else."""

import threading
import time
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Annotated, Any

from anyio import CapacityLimiter
from fastapi import Depends, Request
from sqlalchemy import Connection, Engine, create_engine, event, exc
from sqlalchemy.orm import Session, sessionmaker

from app.config import get_settings


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN, so we can choose IMMEDIATE.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_WAIT_S * 1000)}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


#: How long a writer waits for SQLite's write lock before giving up (the busy_timeout).
SQLITE_WAIT_S = 5.0


class _SqliteWriters:
    """Writers in this process queue for SQLite's one write lock on a Python lock first.

    SQLite's own busy handler makes a waiting writer sleep and retry, with sleeps growing to
    100 ms, so with several writers waiting the lock sits free while they sleep: 8 writers got
    57 additions a second with a p95 of 860 ms. Waiting on a Python lock instead hands the write
    lock on the moment it is let go. Writers in other processes (a command run beside the
    server) still meet at SQLite's own lock."""

    KEY = "holds_sqlite_writer_lock"

    def __init__(self) -> None:
        self.lock = threading.Lock()

    def begin(self, conn: Connection) -> None:
        # Writes take SQLite's write lock at BEGIN, so two writers queue instead of one failing
        # half-way with "database is locked" after reading a stale snapshot.
        immediate = conn.get_execution_options().get("sqlite_immediate", True)
        info = conn.connection.info
        if immediate and not info.get(self.KEY):
            # Past the wait, go on to SQLite's own lock, which then says "database is locked".
            info[self.KEY] = self.lock.acquire(timeout=SQLITE_WAIT_S)
        # Straight to the driver: one statement per transaction, so the engine's execution
        # machinery (events, result objects) is not worth its cost here.
        try:
            conn.connection.driver_connection.execute(  # type: ignore[union-attr]
                "BEGIN IMMEDIATE" if immediate else "BEGIN"
            )
        except BaseException:
            self._release(info)
            raise

    def commit(self, conn: Connection) -> None:
        # The event comes before the COMMIT is sent: commit here, so that the next writer is
        # let in only once this one's changes are in (the driver's own commit then has
        # nothing left to do).
        self._end(conn, conn.connection.driver_connection.commit)  # type: ignore[union-attr]

    def rollback(self, conn: Connection) -> None:
        self._end(conn, conn.connection.driver_connection.rollback)  # type: ignore[union-attr]

    def _end(self, conn: Connection, finish: Callable[[], None]) -> None:
        info = conn.connection.info
        if not info.get(self.KEY):
            return
        try:
            finish()
        finally:
            self._release(info)

    def on_reset(self, dbapi_connection: Any, connection_record: Any, reset_state: Any) -> None:
        self._release(connection_record.info)

    def on_close(self, dbapi_connection: Any, connection_record: Any) -> None:
        self._release(connection_record.info)

    def on_invalidate(self, dbapi_connection: Any, connection_record: Any, exception: Any) -> None:
        self._release(connection_record.info)

    def _release(self, info: dict[Any, Any]) -> None:
        if info.pop(self.KEY, False):
            self.lock.release()

    def install(self, engine: Engine) -> None:
        event.listen(engine, "begin", self.begin)
        event.listen(engine, "commit", self.commit)
        event.listen(engine, "rollback", self.rollback)
        # A connection handed back or thrown away without its transaction ended.
        event.listen(engine.pool, "reset", self.on_reset)
        event.listen(engine.pool, "close", self.on_close)
        event.listen(engine.pool, "invalidate", self.on_invalidate)


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            from pathlib import Path

            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        _SqliteWriters().install(engine)
    else:
        engine = create_engine(url, pool_size=10, max_overflow=10)
    for name in ("connect", "checkin"):
        event.listen(engine.pool, name, _note_checkin)
    event.listen(engine.pool, "checkout", _ping_if_idle)
    return engine


#: A pooled connection idle for longer than this is tested before it is used.
IDLE_PING_S = 2.0
_CHECKED_IN = "checked_in_at"


def _note_checkin(_dbapi_connection: Any, record: Any) -> None:
    record.info[_CHECKED_IN] = time.monotonic()


def _ping_if_idle(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
    """Test a connection that has sat in the pool for a while (the database may have been
    restarted or the connection cut meanwhile); a failed test makes the pool take a fresh one.

    Instead of SQLAlchemy's pre-ping, which tests every checkout: under load a connection comes
    back within milliseconds, and the test was one round trip in three of a case read. A
    connection broken while in use is still found out by its first statement, after which the
    pool drops every connection it holds."""
    last = record.info.get(_CHECKED_IN)
    if last is not None and time.monotonic() - last < IDLE_PING_S:
        return
    try:
        # SQLite's connections run without the driver's transactions (see _sqlite_pragmas).
        autocommit = getattr(dbapi_connection, "autocommit", True)
        dbapi_connection.execute("SELECT 1")
        if not autocommit:
            dbapi_connection.rollback()
    except Exception as error:
        raise exc.DisconnectionError(f"pooled connection failed its test: {error}") from error


@lru_cache
def get_engine() -> Engine:
    return make_engine(get_settings().database_url)


@lru_cache
def get_sessionmaker() -> sessionmaker[Session]:
    """Sessions that write (the default)."""
    return sessionmaker(bind=get_engine(), expire_on_commit=False, autoflush=True)


@lru_cache
def get_read_sessionmaker() -> sessionmaker[Session]:
    """Sessions for reading requests: on SQLite they do not take the write lock up front."""
    engine = get_engine().execution_options(sqlite_immediate=False)
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=True)


@lru_cache
def get_query_sessionmaker() -> sessionmaker[Session]:
    """Sessions for the busiest reads, which only run SELECTs. On PostgreSQL each statement
    runs on its own (autocommit): at READ COMMITTED, which these sessions use, every statement
    sees a fresh snapshot even inside a transaction, so BEGIN and ROLLBACK would only add two
    round trips. On SQLite they are read sessions (one snapshot for all their statements)."""
    if get_engine().dialect.name == "sqlite":
        return get_read_sessionmaker()
    engine = get_engine().execution_options(isolation_level="AUTOCOMMIT")
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=False)


@lru_cache
def readers() -> CapacityLimiter:
    """The thread-pool limiter the busiest reads share; a request waiting for its turn holds no
    thread and no connection. SQLite works inside this process, holding Python's interpreter
    lock like any other Python code, so reads running side by side only take turns at the
    lock (and run slower for the switching): one at a time is fastest. PostgreSQL works in
    its own processes and a read spends much of its time waiting for it, so a few overlap,
    still well under the connection pool's size."""
    return CapacityLimiter(1 if get_engine().dialect.name == "sqlite" else 4)


def get_session(request: Request) -> Iterator[Session]:
    """Commit once if the request succeeds; roll everything back if anything raised."""
    reading = request.method in ("GET", "HEAD", "OPTIONS")
    session = (get_read_sessionmaker() if reading else get_sessionmaker())()
    session.info["writer"] = not reading
    # On PostgreSQL the board's summaries of what it changes are refreshed by their next
    # reader (on SQLite, in the same transaction): practice_summary_hook.
    session.info[LEAVES_DUE] = True
    try:
        yield session
        if session.info.pop("discard", False):
            _roll_back(session)
        else:
            session.commit()
    except BaseException:
        _roll_back(session)
        raise
    finally:
        session.close()


def _roll_back(session: Session) -> None:
    session.rollback()
    for keep in session.info.pop("keep_after_rollback", []):
        # What must be written even when the request is not (an audited view): in a
        # transaction of its own, now that the request's write lock has been let go.
        with get_sessionmaker()() as s, s.begin():
            keep(s)


def is_writer(session: Session) -> bool:
    """Whether `session` is a request's writing session (on SQLite it holds the database's
    one write lock, so nothing else in the request may open a second writer)."""
    return bool(session.info.get("writer"))


def keep_after_rollback(session: Session, write: Callable[[Session], None]) -> None:
    """`write` runs in the request's own transaction now; should the request roll back, it runs
    again in a transaction of its own afterwards, so what it records is never lost."""
    write(session)
    session.info.setdefault("keep_after_rollback", []).append(write)


def discard(session: Session) -> None:
    """The request failed a rule after some changes may have been made in memory: roll back at
    the end instead of committing, while the page with the errors is still rendered."""
    session.info["discard"] = True


# scope="function": commit before the response is sent, so that a failed commit is never
# reported to the client as success.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


from app.services.practice_summary_hook import LEAVES_DUE  # noqa: E402


def _install_hooks() -> None:
    from app.services import mapping_version, practice_summary_hook

    practice_summary_hook.install()
    mapping_version.install()


_install_hooks()


#: Tables the models do not describe: the job queue's (job_*, made by huey itself;
#: app/jobs.py) and SQLite's name search index with its shadow tables (migration 0025).
NOT_MODELLED = ("job_", "case_name_fts")


def include_object(obj: object, name: str | None, type_: str, reflected: bool,
                   compare_to: object) -> bool:
    """For Alembic's comparison of the models with the database: leave NOT_MODELLED out."""
    return not (type_ == "table" and reflected and compare_to is None
                and (name or "").startswith(NOT_MODELLED))
