"""Throwaway datasets: a database made by Alembic, then filled fast with bulk Core inserts.

The rows are shaped like the app's own (a case per family, children and adults with their
relationships, one sealed audit event per case), but they are written with `insert()` and lists
of dicts rather than through the services, so 100k cases take seconds. The one API token is
issued through `app.services.auth.issue_token`, so its hash and audit event are the app's own.
"""

from __future__ import annotations

import os
import random
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, insert, make_url, text
from sqlalchemy.orm import Session

from app.config import ROOT
from app.db import make_engine
from app.models import (
    AuditEvent,
    AuditHead,
    Case,
    Person,
    PersonRelationship,
    Team,
    User,
)
from app.models.enums import AdultRole, CaseStatus, Gender, PersonKind, Role

#: Used as the admin URL: each dataset gets a database of its own, dropped at the end.
BENCH_DATABASE_URL_ENV = "BENCH_DATABASE_URL"
TEAMS = 5
WORKERS = 50
BATCH = 5_000
MANAGER_EMAIL = "bench.manager@example.org"
MANAGER_PASSWORD = "bench-password-only"

FAMILY_NAMES = """
Harper Brooks Wren Patel Morgan Kaur Ellis Dale Cole Yusuf Smith Jones Taylor Brown Williams
Wilson Johnson Davies Robinson Wright Thompson Evans Walker White Roberts Green Hall Wood
Jackson Clarke Hughes Edwards Hill Moore Clark Harrison Scott Young Morris Ward Turner Carter
Phillips Mitchell Parker Cook Bennett Bailey Collins Bell Shaw Murphy Miller Cox Richardson
Khan Marshall Anderson Simpson Begum Ali Ahmed Hussain Singh Chapman Mason Webb Rogers Gray
Lloyd Hunt Palmer Holmes Mills Barnes Knight Butler Russell Foster Owen Stevens Lee Fisher
Jenkins Reid Kelly Matthews Dixon Price Rahman Okafor Mensah Nowak Kowalski Murray Graham Fox
Lewis
""".split()  # noqa: SIM905
GIVEN_NAMES = """
Mia Leo Ellie Noah Amelia Oliver Isla George Ava Arthur Ivy Muhammad Freya Oscar Lily Harry
Sophia Jack Grace Charlie Willow Theo Evie Alfie Aisha Zain Ruby Finley Poppy Jacob Maya Ethan
Jade Ryan Pat Amina Sam Alex Chris Robin Jo Kelly Dean Tanya Marcus Leanne Gareth Nadia Stacey
""".split()  # noqa: SIM905
RELATIONS = ["mother", "father", "grandmother", "step-father", "aunt", "foster carer"]
CLOSURE_REASONS = ["The plan was completed", "The family moved away", "Stepped down to early help"]


@dataclass
class Dataset:
    """A filled database and what a scenario needs to use it."""

    name: str
    url: str
    cases: int
    people: int
    token: str
    #: Ids of cases the service-wide read token may see (not restricted).
    visible_ids: list[int] = field(repr=False)
    family_names: list[str] = field(repr=False)
    seconds_to_build: float = 0.0
    manager_email: str = MANAGER_EMAIL
    manager_password: str = MANAGER_PASSWORD

    def summary(self) -> dict[str, Any]:
        return {
            "cases": self.cases,
            "people": self.people,
            "seconds_to_build": round(self.seconds_to_build, 2),
            "database": make_url(self.url).get_backend_name(),
        }


def alembic_config(url: str) -> Config:
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    cfg.attributes["configure_logger"] = False
    return cfg


class Databases:
    """Fresh empty databases, one per dataset: SQLite files under `tmp`, or, when
    BENCH_DATABASE_URL is set (an admin URL such as postgresql+psycopg://user@host/postgres),
    PostgreSQL databases created here and dropped by `close()`."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.admin_url = os.environ.get(BENCH_DATABASE_URL_ENV)
        self._created: list[str] = []

    @property
    def kind(self) -> str:
        return make_url(self.admin_url).get_backend_name() if self.admin_url else "sqlite"

    def new(self, name: str) -> str:
        if not self.admin_url:
            return f"sqlite:///{self.tmp / f'bench-{name}.db'}"
        db = f"signs_bench_{name}_{secrets.token_hex(3)}".lower()
        admin = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{db}"'))
        finally:
            admin.dispose()
        self._created.append(db)
        return make_url(self.admin_url).set(database=db).render_as_string(hide_password=False)

    def close(self) -> None:
        if not self._created:
            return
        admin = create_engine(self.admin_url or "", isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                for db in self._created:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'))
        finally:
            admin.dispose()
        self._created.clear()


def build(name: str, url: str, n_cases: int, *, seed: int = 1) -> Dataset:
    """Migrate an empty database to head and fill it with `n_cases` cases."""
    started = time.perf_counter()
    command.upgrade(alembic_config(url), "head")
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            ids = _fill(conn, n_cases, random.Random(seed))
        if engine.dialect.name == "postgresql":
            _reset_sequences(engine)
        token = _issue_token(engine)
        # Fresh statistics, as a live database would have; on PostgreSQL vacuumed too, as
        # autovacuum soon would be after a bulk load (until then the names' trigram indexes
        # hold the new rows in a list each search reads through, twice as slow).
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql(
                "VACUUM ANALYZE" if engine.dialect.name == "postgresql" else "ANALYZE")
    finally:
        engine.dispose()
    return Dataset(
        name=name,
        url=url,
        cases=n_cases,
        people=ids["people"],
        token=token,
        visible_ids=ids["visible"],
        family_names=ids["family_names"],
        seconds_to_build=time.perf_counter() - started,
    )


def _chunks(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), BATCH):
        yield rows[i : i + BATCH]


def _fill(conn: Any, n_cases: int, rng: random.Random) -> dict[str, Any]:
    from app.services import auth

    now = datetime.now(UTC)
    today = now.date()
    stamp = {"version": 1, "created_at": now, "updated_at": now}
    conn.execute(
        insert(Team), [{"id": t, "name": f"Bench Team {t}", **stamp} for t in range(1, TEAMS + 1)]
    )
    users = [
        {
            "id": u,
            "name": f"Bench Worker {u}",
            "email": f"bench.worker{u}@example.org",
            "role": Role.practitioner,
            "team_id": (u - 1) % TEAMS + 1,
            "active": True,
            "password_hash": None,
            "failed_logins": 0,
            **stamp,
        }
        for u in range(1, WORKERS + 1)
    ]
    # A service manager who can sign in, for scenarios that drive the web pages.
    users.append(
        {
            "id": WORKERS + 1,
            "name": "Bench Manager",
            "email": MANAGER_EMAIL,
            "role": Role.service_manager,
            "team_id": None,
            "active": True,
            "password_hash": auth.hash_password(MANAGER_PASSWORD),
            "failed_logins": 0,
            **stamp,
        }
    )
    conn.execute(insert(User), users)
    workers_by_team = {
        t: [u["id"] for u in users if u["team_id"] == t] for t in range(1, TEAMS + 1)
    }

    # Ids are assigned here (1..n), so people point at their case without RETURNING.
    cases: list[dict[str, Any]] = []
    people: list[dict[str, Any]] = []
    rels: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    visible: list[int] = []
    family_names: set[str] = set()
    person_id = 0
    prev_hash = ""
    for case_id in range(1, n_cases + 1):
        family = rng.choice(FAMILY_NAMES)
        family_names.add(family)
        team_id = case_id % TEAMS + 1
        worker_id = None if rng.random() < 0.05 else rng.choice(workers_by_team[team_id])
        opened_on = today - timedelta(days=rng.randrange(5 * 365))
        closed = rng.random() < 0.6
        closed_on = (
            min(today, opened_on + timedelta(days=rng.randrange(30, 600))) if closed else None
        )
        restricted = rng.random() < 0.005
        reference = f"SR-B{case_id:07d}"
        cases.append(
            {
                "id": case_id,
                "reference": reference,
                "family_name": family,
                "status": CaseStatus.closed if closed else CaseStatus.open,
                "opened_on": opened_on,
                "closed_on": closed_on,
                "closure_reason": rng.choice(CLOSURE_REASONS) if closed else None,
                "team_id": team_id,
                "worker_id": worker_id,
                "restricted": restricted,
                **stamp,
            }
        )
        if not restricted:
            visible.append(case_id)
        children = []
        for _ in range(rng.choice((1, 1, 2))):
            person_id += 1
            children.append(person_id)
            people.append(
                _person(
                    person_id,
                    case_id,
                    PersonKind.child,
                    rng.choice(GIVEN_NAMES),
                    family,
                    stamp,
                    date_of_birth=today - timedelta(days=rng.randrange(17 * 365)),
                    gender=rng.choice((Gender.female, Gender.male)),
                )
            )
        person_id += 1
        people.append(
            _person(
                person_id,
                case_id,
                PersonKind.adult,
                rng.choice(GIVEN_NAMES),
                family if rng.random() < 0.7 else rng.choice(FAMILY_NAMES),
                stamp,
                role=AdultRole.parent,
                phone="07700 900 000",
            )
        )
        for child in children:
            rels.append(
                {
                    "adult_id": person_id,
                    "child_id": child,
                    "relation": rng.choice(RELATIONS),
                    "created_at": now,
                    "updated_at": now,
                }
            )
        event = {
            "seq": case_id,
            "at": now,
            "actor_user_id": None,
            "actor_token_id": None,
            "actor_name": "System",
            "channel": "system",
            "request_id": None,
            "action": "create",
            "entity_type": "case",
            "entity_id": case_id,
            "case_id": case_id,
            "summary": f"opened the case for the {family} family ({reference})",
            "changes": {"family_name": {"before": None, "after": family}},
        }
        event["prev_hash"] = prev_hash
        prev_hash = event["hash"] = _chain_hash(prev_hash, event)
        events.append(event)

        if len(cases) >= BATCH:
            _flush(conn, cases, people, rels, events)
    _flush(conn, cases, people, rels, events)
    # The chain's head, so `python -m app audit verify` passes and the token's event follows on.
    conn.execute(insert(AuditHead), [{"id": 1, "seq": n_cases, "hash": prev_hash}])
    return {"people": person_id, "visible": visible, "family_names": sorted(family_names)}


def _person(
    pid: int,
    case_id: int,
    kind: PersonKind,
    given: str,
    family: str,
    stamp: dict[str, Any],
    **extra: Any,
) -> dict[str, Any]:
    row = dict.fromkeys(
        (
            "date_of_birth",
            "expected_date",
            "gender",
            "ethnicity",
            "disability",
            "upn",
            "role",
            "organisation",
            "phone",
            "email",
            "address",
        )
    )
    row.update(
        id=pid,
        case_id=case_id,
        kind=kind,
        given_name=given,
        family_name=family,
        archived=False,
        **stamp,
    )
    row.update(extra)
    return row


def _chain_hash(prev_hash: str, event: dict[str, Any]) -> str:
    from app.services.audit import chain_hash

    return chain_hash(prev_hash, SimpleNamespace(**event))  # type: ignore[arg-type]


def _flush(conn: Any, *batches: list[dict[str, Any]]) -> None:
    """Insert the pending rows (cases before the people that point at them) and clear them."""
    for model, rows in zip((Case, Person, PersonRelationship, AuditEvent), batches, strict=True):
        for chunk in _chunks(rows):
            conn.execute(insert(model), chunk)
        rows.clear()


def _reset_sequences(engine: Engine) -> None:
    """Explicit ids leave PostgreSQL's sequences behind; move them past the rows."""
    with engine.begin() as conn:
        for table in ("team", "user_account", "case_record", "person", "audit_event"):
            conn.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )


def _issue_token(engine: Engine) -> str:
    from app.services import auth
    from app.services.audit import SYSTEM

    with Session(engine, expire_on_commit=False) as session:
        secret, _ = auth.issue_token(
            session,
            name="bench (service-wide, read)",
            scopes=["read"],
            team_id=None,
            expires_in_days=1,
            actor=SYSTEM,
        )
        session.commit()
    return secret
