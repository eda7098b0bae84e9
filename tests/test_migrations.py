"""Alembic is the only way the schema is made: it must go up, down and up again cleanly, and
the models must not drift from the migrations."""

import secrets

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, make_url, text

from app.db import make_engine
from app.models.base import Base
from tests.conftest import _PG_ADMIN_URL, _TMP, alembic_config, is_postgres


def _fresh_url() -> tuple[str, object]:
    if not is_postgres():
        return f"sqlite:///{_TMP / f'migrations-{secrets.token_hex(3)}.db'}", None
    assert _PG_ADMIN_URL
    name = f"signs_mig_{secrets.token_hex(4)}"
    admin = create_engine(_PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(_PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    return url, (admin, name)


def _drop(handle: object) -> None:
    if handle is None:
        return
    admin, name = handle  # type: ignore[misc]
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


# The name search indexes exist only on PostgreSQL, and SQLite cannot reflect such indexes.
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based")
def test_upgrade_downgrade_upgrade_and_no_drift():
    url, handle = _fresh_url()
    try:
        cfg = alembic_config(url)
        command.upgrade(cfg, "head")
        engine = make_engine(url)
        tables = set(inspect(engine).get_table_names())
        assert {"case_record", "person", "audit_event", "user_account"} <= tables
        engine.dispose()

        command.downgrade(cfg, "base")
        engine = make_engine(url)
        left = set(inspect(engine).get_table_names()) - {"alembic_version"}
        assert left == set(), f"downgrade left tables behind: {left}"
        engine.dispose()

        command.upgrade(cfg, "head")
        engine = make_engine(url)
        with engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(ctx, Base.metadata)
        engine.dispose()
        assert diff == [], f"models and migrations differ: {diff}"
    finally:
        _drop(handle)


def test_engine_settings(database):
    """SQLite runs with WAL and foreign keys on; PostgreSQL stores text as UTF-8."""
    from app.db import get_engine

    with get_engine().connect() as conn:
        if is_postgres():
            assert conn.exec_driver_sql("SHOW server_encoding").scalar() == "UTF8"
        else:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
