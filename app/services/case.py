"""Cases: open, change, close and reopen. Never deleted."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    any_,
    bindparam,
    column,
    func,
    select,
    text,
    union,
)
from sqlalchemy.orm import Session, joinedload, selectinload

from app.errors import Conflict, FieldError, Invalid, NotFound, PreconditionFailed
from app.models.base import Versioned
from app.models.case import Case
from app.models.enums import CaseStatus
from app.models.person import Person
from app.models.team import Team
from app.models.user import User
from app.schemas.case import CaseClose, CaseCreate, CaseUpdate
from app.services import audit
from app.services.audit import Actor

AUDITED = [
    "reference",
    "family_name",
    "status",
    "opened_on",
    "closed_on",
    "closure_reason",
    "team_id",
    "worker_id",
]
FIELD_NAMES = {
    "reference": "case reference",
    "family_name": "family name",
    "status": "status",
    "opened_on": "date opened",
    "closed_on": "date closed",
    "closure_reason": "reason for closing",
    "team_id": "team",
    "worker_id": "allocated worker",
}


def check_version(obj: Versioned, expected: int | None) -> None:
    """A write must name the version it was based on; a stale one changes nothing."""
    if expected is not None and obj.version != expected:
        raise PreconditionFailed()


def _new_reference(session: Session) -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    while True:
        ref = "SR-" + "".join(secrets.choice(alphabet) for _ in range(6))
        if session.scalar(select(Case.id).where(Case.reference == ref)) is None:
            return ref


def _check_team_and_worker(session: Session, team_id: int, worker_id: int | None) -> None:
    errors: list[FieldError] = []
    if session.get(Team, team_id) is None:
        errors.append(FieldError(["body", "team_id"], "Select a team that exists"))
    if worker_id is not None:
        worker = session.get(User, worker_id)
        if worker is None or not worker.active:
            errors.append(FieldError(["body", "worker_id"], "Select a worker who exists"))
        elif worker.team_id != team_id:
            errors.append(
                FieldError(["body", "worker_id"], "The allocated worker must be in the case's team")
            )
    if errors:
        raise Invalid(errors)


def _check_reference_free(session: Session, reference: str, case_id: int | None = None) -> None:
    existing = session.scalar(select(Case.id).where(Case.reference == reference))
    if existing is not None and existing != case_id:
        raise Invalid(
            [FieldError(["body", "reference"], f"Another case already has reference {reference}")]
        )


# Built once: every case-scoped request runs one of these.
_BY_ID = select(Case).where(Case.id == bindparam("case_id"))
_BY_ID_WITH_PEOPLE = _BY_ID.options(joinedload(Case.team), joinedload(Case.worker))


def find(session: Session, case_id: int, *, related: bool = True) -> Case | None:
    """The case, or None. With `related`, its team and worker come in the same query; without,
    reaching them raises (use it where only the case's own columns are read)."""
    return session.scalar(_BY_ID_WITH_PEOPLE if related else _BY_ID, {"case_id": case_id})


def load(session: Session, case_id: int) -> Case:
    case = find(session, case_id)
    if case is None:
        raise NotFound()
    return case


def create(session: Session, *, data: CaseCreate, actor: Actor) -> Case:
    _check_team_and_worker(session, data.team_id, data.worker_id)
    reference = data.reference or _new_reference(session)
    _check_reference_free(session, reference)
    case = Case(
        reference=reference,
        family_name=data.family_name,
        team_id=data.team_id,
        worker_id=data.worker_id,
        opened_on=data.opened_on or date.today(),
        status=CaseStatus.open,
    )
    session.add(case)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="create",
        entity_type="case",
        entity_id=case.id,
        case_id=case.id,
        summary=f"opened the case for the {case.family_name} family ({case.reference})",
        changes=audit.diff({}, audit.snapshot(case, AUDITED)),
    )
    return load(session, case.id)


def update(
    session: Session, *, case: Case, data: CaseUpdate, expected_version: int | None, actor: Actor
) -> Case:
    check_version(case, expected_version)
    changes = data.model_dump(exclude_unset=True)
    for key in ("family_name", "team_id"):
        if key in changes and changes[key] is None:
            raise Invalid([FieldError(["body", key], f"Enter the {FIELD_NAMES[key]}")])
    team_id = changes.get("team_id", case.team_id)
    worker_id = changes.get("worker_id", case.worker_id)
    if "team_id" in changes or "worker_id" in changes:
        _check_team_and_worker(session, team_id, worker_id)
    if changes.get("reference"):
        _check_reference_free(session, changes["reference"], case.id)
    elif "reference" in changes:
        changes.pop("reference")
    before = audit.snapshot(case, AUDITED)
    for key, value in changes.items():
        setattr(case, key, value)
    after = audit.snapshot(case, AUDITED)
    delta = audit.diff(before, after)
    if delta:
        session.flush()
        action = "allocate" if set(delta) <= {"worker_id", "team_id"} else "update"
        audit.record(
            session,
            actor=actor,
            action=action,
            entity_type="case",
            entity_id=case.id,
            case_id=case.id,
            summary=describe_changes("the case", _named_delta(session, delta)),
            changes=delta,
        )
    return load(session, case.id)


def close(
    session: Session, *, case: Case, data: CaseClose, expected_version: int | None, actor: Actor
) -> Case:
    check_version(case, expected_version)
    if case.status == CaseStatus.closed:
        raise Conflict("This case is already closed.")
    closed_on = data.closed_on or date.today()
    if closed_on < case.opened_on:
        raise Invalid(
            [
                FieldError(
                    ["body", "closed_on"],
                    "The closing date must be on or after the date "
                    f"the case opened ({case.opened_on:%-d %B %Y})",
                )
            ]
        )
    if closed_on > date.today():
        raise Invalid(
            [FieldError(["body", "closed_on"], "The closing date cannot be in the future")]
        )
    before = audit.snapshot(case, AUDITED)
    case.status = CaseStatus.closed
    case.closed_on = closed_on
    case.closure_reason = data.closure_reason
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="close",
        entity_type="case",
        entity_id=case.id,
        case_id=case.id,
        summary=f"closed the case: {data.closure_reason}",
        changes=audit.diff(before, audit.snapshot(case, AUDITED)),
    )
    return load(session, case.id)


def reopen(session: Session, *, case: Case, expected_version: int | None, actor: Actor) -> Case:
    check_version(case, expected_version)
    if case.status == CaseStatus.open:
        raise Conflict("This case is already open.")
    before = audit.snapshot(case, AUDITED)
    case.status = CaseStatus.open
    case.closed_on = None
    case.closure_reason = None
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="reopen",
        entity_type="case",
        entity_id=case.id,
        case_id=case.id,
        summary="reopened the case",
        changes=audit.diff(before, audit.snapshot(case, AUDITED)),
    )
    return load(session, case.id)


@dataclass
class CaseFilter:
    q: str | None = None
    status: CaseStatus | None = None
    team_id: int | None = None
    worker_id: int | None = None


def search(
    session: Session,
    *,
    filters: CaseFilter,
    page: int,
    page_size: int,
    visible: ColumnElement[bool] | None = None,
) -> tuple[list[Case], int]:
    """Cases matching the filters, newest first. `visible` is a SQL condition limiting the rows
    to those the user may see (from the access rules)."""
    stmt = select(Case)
    counted_with_page = False
    if visible is not None:
        stmt = stmt.where(visible)
    if filters.q:
        # The words typed are matched as they are: % and _ are not wildcards here.
        typed = filters.q.strip().lower()
        term = "%" + typed.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        # One branch per column, so that each can use its own index (trigram indexes on
        # PostgreSQL, see models.base.name_search_index); an OR across them could not.
        matching: Any = union(
            select(Case.id).where(func.lower(Case.family_name).like(term, escape="\\")),
            select(Case.id).where(func.lower(Case.reference).like(term, escape="\\")),
            select(Person.case_id).where(func.lower(Person.family_name).like(term, escape="\\")),
            select(Person.case_id).where(func.lower(Person.given_name).like(term, escape="\\")),
        )
        if len(typed) >= 3 and session.get_bind().dialect.name == "sqlite":
            # SQLite: the names' trigram index (migration 0025) finds the phrase anywhere in
            # a name, as the LIKE above would, without reading every row; asked once, for
            # both the page and the count (counted beside the page, below).
            matching = text("SELECT case_id FROM case_name_fts WHERE case_name_fts MATCH "
                            ":phrase").bindparams(phrase='"' + typed.replace('"', '""') + '"'
                                                  ).columns(column("case_id", Integer))
            counted_with_page = True
        if session.get_bind().dialect.name == "postgresql":
            # The matching ids first (each name by its trigram index), then the cases by
            # their key: as `id = ANY(ARRAY(...))` the planner cannot choose to read every
            # case and hash-join the matches, as it does with IN when they are many.
            stmt = stmt.where(Case.id == any_(func.array(matching.scalar_subquery())))
        else:
            stmt = stmt.where(Case.id.in_(matching))
    if filters.status:
        stmt = stmt.where(Case.status == filters.status)
    if filters.team_id:
        stmt = stmt.where(Case.team_id == filters.team_id)
    if filters.worker_id:
        stmt = stmt.where(Case.worker_id == filters.worker_id)
    page_of = (
        stmt.options(selectinload(Case.team), selectinload(Case.worker))
        .order_by(Case.opened_on.desc(), Case.id.desc())
        .limit(page_size)
        .offset((page - 1) * page_size)
    )
    if counted_with_page:
        found = session.execute(page_of.add_columns(func.count().over())).all()
        if found or page == 1:
            return [case for case, _ in found], (found[0][1] if found else 0)
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = session.scalars(page_of).all()
    return list(rows), total


def describe_changes(subject: str, delta: dict[str, dict[str, object]]) -> str:
    parts = []
    for key, change in delta.items():
        name = FIELD_NAMES.get(key, key.replace("_", " "))
        b, a = change.get("before"), change.get("after")
        if b in (None, ""):
            parts.append(f"set {name} to {a}")
        elif a in (None, ""):
            parts.append(f"removed {name} ({b})")
        else:
            parts.append(f"changed {name} from {b} to {a}")
    return f"{'; '.join(parts)} on {subject}"


def _named_delta(
    session: Session, delta: dict[str, dict[str, object]]
) -> dict[str, dict[str, object]]:
    """The same changes with team and worker ids replaced by names, for the history sentence."""
    out = dict(delta)
    models: tuple[tuple[str, type[User] | type[Team]], ...] = (
        ("worker_id", User),
        ("team_id", Team),
    )
    for key, model in models:
        if key in out:
            named = {}
            for side in ("before", "after"):
                value = out[key].get(side)
                obj = session.get(model, value) if isinstance(value, int) else None
                named[side] = getattr(obj, "name", None)
            out[key] = named
    return out
