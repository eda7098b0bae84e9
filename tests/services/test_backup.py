"""Issue #16: `python -m app backup FILE` and `restore FILE`, run as a council's IT team would.
A backup restored into an empty database holds the same cases, the same issued documents to
the byte, and an audit trail that verifies; a restore never goes into a database that
already holds a record."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, make_url, select, text
from sqlalchemy.orm import Session

from app.config import ROOT
from app.models.case import Case
from app.models.document import IssuedDocument
from app.models.enums import Category
from app.services import audit, family_summary
from app.services.audit import SYSTEM
from tests.conftest import DATABASE_URL, is_postgres
from tests.factories import make_case, make_child, make_item, make_mapping, make_team, make_user


def _cli(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "DATABASE_URL": url}, timeout=300, check=False,
    )


@pytest.fixture
def empty_database(tmp_path: Path) -> Iterator[str]:
    """A second, empty database on the same engine as the suite."""
    if not is_postgres():
        yield f"sqlite:///{tmp_path / 'restored.db'}"
        return
    name = f"signs_restore_{secrets.token_hex(4)}"
    admin = create_engine(os.environ["TEST_DATABASE_URL"], isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(DATABASE_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _record(url: str) -> tuple[list[Any], list[Any], audit.VerifyResult]:
    engine = create_engine(url)
    try:
        with Session(engine) as s:
            cases = [(c.id, c.reference, c.family_name, c.version)
                     for c in s.scalars(select(Case).order_by(Case.id))]
            docs = [(d.id, d.sha256, bytes(d.content)) for d in s.scalars(
                select(IssuedDocument).order_by(IssuedDocument.id))]
            return cases, docs, audit.verify(s)
    finally:
        engine.dispose()


def test_a_backup_restores_into_an_empty_database(session: Any, tmp_path: Path,
                                                    empty_database: str) -> None:
    team = make_team(session)
    worker = make_user(session, team=team, name="Sam Patel")
    case = make_case(session, team=team, worker=worker, family_name="Harper")
    make_child(session, case=case, given_name="Mia")
    make_case(session, team=team, worker=worker, family_name="Okafor")
    mapping = make_mapping(session, case=case)
    make_item(session, mapping=mapping, category=Category.danger_statement,
              ds_behaviour="Lee may hit Mia again when he and Jade argue")
    family_summary.issue(session, case=case, mapping=mapping, issued_to="Jade Harper",
                           actor=SYSTEM)
    session.commit()

    file = tmp_path / "record.backup"
    made = _cli(DATABASE_URL, "backup", str(file))
    assert made.returncode == 0, made.stderr
    assert file.stat().st_size > 0

    restored = _cli(empty_database, "restore", str(file))
    assert restored.returncode == 0, restored.stderr
    assert "Restored 2 case(s) and 1 issued document(s)." in restored.stdout
    assert "Audit trail intact" in restored.stdout

    cases, docs, chain = _record(DATABASE_URL)
    cases_after, docs_after, chain_after = _record(empty_database)
    assert cases_after == cases and len(cases) == 2
    assert docs_after == docs and docs[0][2].startswith(b"%PDF-")  # the same bytes
    assert chain.ok and chain_after.ok and chain_after.checked == chain.checked

    # Never into a database that already holds a record.
    again = _cli(empty_database, "restore", str(file))
    assert again.returncode == 1
    assert "already holds a record" in again.stderr
    assert _record(empty_database)[0] == cases
