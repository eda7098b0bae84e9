"""Test set-up: a real database made by Alembic, on SQLite by default or on PostgreSQL when
TEST_DATABASE_URL is set (CI sets it). Each test starts from empty tables.

The app is tested as it runs: it commits its own transactions (sign-in bookkeeping and the
audit of opening a restricted case commit separately from the request), so instead of wrapping
each test in a rolled-back transaction we empty every table after each test.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

_TMP = Path(tempfile.mkdtemp(prefix="signs-test-"))
_PG_ADMIN_URL = os.environ.get("TEST_DATABASE_URL")
_PG_DB_NAME: str | None = None


def _make_pg_database() -> str:
    global _PG_DB_NAME
    assert _PG_ADMIN_URL
    _PG_DB_NAME = f"signs_test_{secrets.token_hex(4)}"
    admin = create_engine(_PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{_PG_DB_NAME}"'))
    admin.dispose()
    return make_url(_PG_ADMIN_URL).set(database=_PG_DB_NAME).render_as_string(hide_password=False)


DATABASE_URL = _make_pg_database() if _PG_ADMIN_URL else f"sqlite:///{_TMP / 'test.db'}"
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ.setdefault("ARGON2_TIME_COST", "1")
os.environ.setdefault("ARGON2_MEMORY_COST", "256")
os.environ.setdefault("ARGON2_PARALLELISM", "1")
os.environ.setdefault("MAX_BODY_BYTES", "200000")
# Jobs run where a test says (jobs.work_pending(), or a served app given JOB_WORKERS=1).
os.environ.setdefault("JOB_WORKERS", "0")

from alembic import command  # noqa: E402
from alembic.config import Config  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from app.config import ROOT  # noqa: E402
from app.db import get_engine, get_read_sessionmaker  # noqa: E402
from app.models.base import Base  # noqa: E402


def is_postgres() -> bool:
    return DATABASE_URL.startswith("postgresql")


def alembic_config(url: str) -> Config:
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    cfg.attributes["configure_logger"] = False
    return cfg


@pytest.fixture(scope="session", autouse=True)
def database() -> Iterator[str]:
    command.upgrade(alembic_config(DATABASE_URL), "head")
    yield DATABASE_URL
    get_engine().dispose()
    if _PG_DB_NAME and _PG_ADMIN_URL:
        admin = create_engine(_PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{_PG_DB_NAME}" WITH (FORCE)'))
        admin.dispose()


def _empty_tables() -> None:
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    with get_engine().begin() as conn:
        if is_postgres():
            conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for name in tables:
                conn.execute(text(f"DELETE FROM {name}"))
            conn.execute(text("DELETE FROM sqlite_sequence")) if conn.execute(
                text("SELECT 1 FROM sqlite_master WHERE name='sqlite_sequence'")
            ).first() else None


@pytest.fixture(autouse=True)
def _clean() -> Iterator[None]:
    yield
    _empty_tables()
    from app.services import auth

    auth.forget_tokens()
    from app import jobs

    if jobs.made():
        jobs.huey.flush()


@pytest.fixture
def session() -> Iterator[Session]:
    """A session for setting up data; commit to make it visible to the app. It begins its
    transactions lazily (no up-front write lock on SQLite), so it never blocks the app; end
    its transaction (commit) before reading what the app has written since."""
    s = get_read_sessionmaker()()
    try:
        yield s
    finally:
        s.rollback()
        s.close()


@pytest.fixture
def app():  # type: ignore[no-untyped-def]
    from app.main import app as the_app

    return the_app


@pytest.fixture
def client(app):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


_skipped: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    # In CI every dependency is installed, so a skipped test means something is missing.
    if os.environ.get("CI", "").lower() == "true" and _skipped:
        print(f"\nCI=true: {len(_skipped)} test(s) were skipped, which CI does not allow:")
        for nodeid in _skipped:
            print("  " + nodeid)
        session.exitstatus = 1
