"""Alembic is the only way the schema is made: it must go up, down and up again cleanly, and
the models must not drift from the migrations."""

import secrets

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, make_url, text

from app.db import include_object, make_engine
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
            ctx = MigrationContext.configure(conn, opts={"compare_type": True,
                                                         "include_object": include_object})
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


def test_0008_keeps_every_record_and_matches_raters_to_people():
    """A database at 0007 with mappings and free-text raters goes to head: the mapping keeps
    its status, exact names become the person (or user) they name, every other rater stays a
    named rater, and the board's summary is filled with the new figures."""
    url, handle = _fresh_url()
    try:
        cfg = alembic_config(url)
        command.upgrade(cfg, "0007")
        engine = make_engine(url)
        with engine.begin() as conn:
            run = conn.execute
            run(text("INSERT INTO team (id, name, version) VALUES (1, 'North', 1)"))
            run(text("INSERT INTO user_account (id, name, email, password_hash, role, team_id, "
                     "active, failed_logins, version) VALUES (1, 'Sam Patel', 's@x.test', 'x', "
                     "'practitioner', 1, true, 0, 1)"))
            run(text("INSERT INTO case_record (id, reference, family_name, status, opened_on, "
                     "team_id, worker_id, restricted, version) VALUES (1, 'SR-1', 'Harper', "
                     "'open', '2026-01-01', 1, 1, false, 1)"))
            for pid, kind, given in ((1, "child", "Mia"), (2, "adult", "Jade"),
                                     (3, "adult", "Lee"), (4, "adult", "Lee")):
                run(text("INSERT INTO person (id, case_id, kind, given_name, family_name, "
                         "archived, version) VALUES (:id, 1, :kind, :given, 'Harper', false, 1)"),
                    {"id": pid, "kind": kind, "given": given})
            run(text("INSERT INTO mapping (id, case_id, kind, held_on, status, agreed_note, "
                     "version) VALUES (1, 1, 'review', '2026-02-01', 'agreed', 'Jade agreed', 3)"))
            run(text("INSERT INTO mapping_item (id, mapping_id, category, position, text, "
                     "recorded_on, removed, ns_done, version) VALUES (1, 1, 'danger_statement', "
                     "0, 'Lee may hit Mia', '2026-02-01', false, false, 1)"))
            for rid, kind, name, score in ((1, "parent", "Jade Harper", 8),
                                           (2, "worker", "Sam Patel", 3),
                                           (3, "parent", "Lee Harper", 9),
                                           (4, "network", "Gran", 6)):
                run(text("INSERT INTO rating (id, mapping_id, rater_kind, rater_name, score, "
                         "rated_on, removed, version) VALUES (:id, 1, :kind, :name, :score, "
                         "'2026-02-01', false, 1)"),
                    {"id": rid, "kind": kind, "name": name, "score": score})
        engine.dispose()

        command.upgrade(cfg, "head")
        engine = make_engine(url)
        with engine.connect() as conn:
            raters = {r.id: (r.rater_person_id, r.rater_user_id, r.rater_name) for r in
                      conn.execute(text("SELECT id, rater_person_id, rater_user_id, rater_name "
                                        "FROM rating"))}
            mapping = conn.execute(text("SELECT status, agreed_note, version FROM mapping")).one()
            summary = conn.execute(text(
                "SELECT mapping_id, overall_low, overall_low_by, overall_high, overall_high_by, "
                "widest_gap FROM practice_summary WHERE case_id = 1")).one()
        engine.dispose()
        assert raters == {
            1: (2, None, "Jade Harper"),   # exactly one person of that name
            2: (None, 1, "Sam Patel"),     # the worker is the user of that name
            3: (None, None, "Lee Harper"),  # two people share the name: kept as a name
            4: (None, None, "Gran"),       # no one of that name: kept as a name
        }
        assert tuple(mapping) == ("agreed", "Jade agreed", 3)
        assert tuple(summary) == (1, 3, "Sam Patel", 9, "Lee Harper", 6)
    finally:
        _drop(handle)
