"""Backup and restore of the whole record (cases, people, mappings, issued documents with their
exact bytes, the audit trail), each database by its own means.

SQLite: SQLite's online backup, a consistent copy taken while the app runs.
PostgreSQL: `pg_dump --format=custom` and `pg_restore`, the server's own tools (they must be
on the PATH, from the same major version as the server or newer).

A restore goes into an empty database only, so it can never mix two records; afterwards the
audit trail is verified."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, inspect, make_url
from sqlalchemy.orm import Session

from app.services import audit


class BackupFailed(Exception):
    """Said in words a person running the command can act on."""


@dataclass
class Restored:
    cases: int
    documents: int
    audit: audit.VerifyResult


def _sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    if not parsed.database or parsed.database == ":memory:":
        raise BackupFailed("An in-memory database cannot be backed up.")
    return Path(parsed.database)


def _libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupFailed(f"{name} is not installed. Install the PostgreSQL client tools "
                           f"(e.g. apt-get install postgresql-client) and run this again.")
    return found


def backup(url: str, to: Path) -> None:
    """Write a backup of the database at `url` to the file `to` (replaced if it exists)."""
    to.parent.mkdir(parents=True, exist_ok=True)
    path = _sqlite_path(url)
    if path is not None:
        if not path.exists():
            raise BackupFailed(f"There is no database at {path}.")
        source, target = sqlite3.connect(path), sqlite3.connect(to)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        return
    done = subprocess.run(
        [_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(to),
         "--dbname", _libpq(url)],
        capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        raise BackupFailed(f"pg_dump failed: {done.stderr.strip()[:500]}")


def restore(url: str, source: Path) -> Restored:
    """Restore the backup `source` into the empty database at `url`, then verify it."""
    if not source.is_file():
        raise BackupFailed(f"There is no backup at {source}.")
    engine = create_engine(url)
    try:
        if "case_record" in inspect(engine).get_table_names():
            raise BackupFailed("That database already holds a record. Restore into an empty "
                               "database, so that two records are never mixed.")
    finally:
        engine.dispose()
    path = _sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        backup_db, target = sqlite3.connect(source), sqlite3.connect(path)
        try:
            backup_db.backup(target)
        finally:
            target.close()
            backup_db.close()
    else:
        done = subprocess.run(
            [_tool("pg_restore"), "--no-owner", "--exit-on-error", "--single-transaction",
             "--dbname", _libpq(url), str(source)],
            capture_output=True, text=True, check=False,
        )
        if done.returncode != 0:
            raise BackupFailed(f"pg_restore failed: {done.stderr.strip()[:500]}")
    return _check(url)


def _check(url: str) -> Restored:
    from sqlalchemy import func, select

    from app.models.case import Case
    from app.models.document import IssuedDocument

    engine = create_engine(url)
    try:
        with Session(engine) as session:
            return Restored(
                cases=session.scalar(select(func.count()).select_from(Case)) or 0,
                documents=session.scalar(select(func.count()).select_from(IssuedDocument)) or 0,
                audit=audit.verify(session),
            )
    finally:
        engine.dispose()
