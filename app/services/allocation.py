"""Who works on a case. Its team manager (or a service manager) moves it to another team or
worker, and adds a co-worker or cover for a date range; while that runs, the colleague reads
and changes the case as the allocated worker does (services/access.py). Every change is
audited on the case; nothing is deleted: a co-worker or cover is ended."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.errors import Conflict, FieldError, Forbidden, Invalid, NotFound
from app.models.allocation import CaseAllocation
from app.models.case import Case
from app.models.enums import LABELS
from app.models.team import Team
from app.models.user import User
from app.schemas.allocation import AllocationIn, AllocationRead, TransferIn
from app.schemas.case import CaseUpdate
from app.schemas.common import Ref
from app.services import audit
from app.services import case as case_service
from app.services.access import HOLDS_CASES, Principal, can_allocate
from app.services.audit import Actor


def require_allocator(p: Principal, case: Case) -> None:
    if not can_allocate(p, case):
        raise Forbidden("Only the case's team manager or a service manager can move the case "
                        "or add a co-worker or cover.")


def list_for_case(session: Session, *, case: Case) -> list[CaseAllocation]:
    return list(session.scalars(
        select(CaseAllocation).where(CaseAllocation.case_id == case.id)
        .options(selectinload(CaseAllocation.user))
        .order_by(CaseAllocation.starts_on.desc(), CaseAllocation.id.desc())
    ))


def running(row: CaseAllocation, today: date | None = None) -> bool:
    today = today or date.today()
    return row.starts_on <= today and (row.ends_on is None or row.ends_on >= today)


def read(row: CaseAllocation) -> AllocationRead:
    return AllocationRead(id=row.id, user=Ref(id=row.user.id, name=row.user.name),
                          kind=row.kind, starts_on=row.starts_on, ends_on=row.ends_on,
                          note=row.note, running=running(row), version=row.version)


def load(session: Session, *, case: Case, allocation_id: int) -> CaseAllocation:
    row = session.scalar(
        select(CaseAllocation).where(CaseAllocation.id == allocation_id,
                                     CaseAllocation.case_id == case.id)
        .options(selectinload(CaseAllocation.user)))
    if row is None:
        raise NotFound()
    return row


def candidates(session: Session) -> list[User]:
    """Who may be a worker, co-worker or cover: active social workers and team managers."""
    return list(session.scalars(
        select(User).where(User.active.is_(True), User.role.in_(HOLDS_CASES))
        .options(selectinload(User.team)).order_by(User.name)))


def transfer(session: Session, *, case: Case, data: TransferIn, expected_version: int,
             principal: Principal) -> Case:
    """Move the case to another team or worker (or both). Audited as an allocation."""
    require_allocator(principal, case)
    if session.get(Team, data.team_id) is None:
        raise Invalid([FieldError(["team_id"], "Choose a team from the list")])
    update = CaseUpdate(team_id=data.team_id, worker_id=data.worker_id)
    return case_service.update(session, case=case, data=update,
                               expected_version=expected_version, actor=principal.actor)


def add(session: Session, *, case: Case, data: AllocationIn,
        principal: Principal) -> CaseAllocation:
    require_allocator(principal, case)
    errors: list[FieldError] = []
    user = session.get(User, data.user_id)
    if user is None or not user.active or user.role not in HOLDS_CASES:
        errors.append(FieldError(["user_id"], "Choose a social worker or team manager from "
                                              "the list"))
    elif user.id == case.worker_id:
        errors.append(FieldError(["user_id"], f"{user.name} is already the allocated worker"))
    if data.kind.value == "cover" and data.ends_on is None:
        errors.append(FieldError(["ends_on"], "Enter the last day of the cover"))
    if data.ends_on is not None and data.ends_on < data.starts_on:
        errors.append(FieldError(["ends_on"], "The last day must be on or after the first day"))
    if not errors and user is not None:
        for other in list_for_case(session, case=case):
            if other.user_id == user.id and _overlap(other, data.starts_on, data.ends_on):
                errors.append(FieldError(["user_id"], f"{user.name} is already on the case "
                                                      "for some of those days"))
                break
    if errors or user is None:
        raise Invalid(errors)
    row = CaseAllocation(case_id=case.id, user_id=user.id, kind=data.kind,
                         starts_on=data.starts_on, ends_on=data.ends_on, note=data.note or None,
                         added_by_name=principal.actor.name)
    session.add(row)
    session.flush()
    _record(session, principal.actor, case, row, "allocate",
            f"added {user.name} as {LABELS[data.kind.value].lower()} {_span(row)}",
            audit.diff({}, _snapshot(row)))
    return load(session, case=case, allocation_id=row.id)


def end(session: Session, *, case: Case, row: CaseAllocation, ends_on: date | None,
        expected_version: int, principal: Principal) -> CaseAllocation:
    """End a co-worker's or cover's time on the case (today unless another day is given;
    cover that has not started yet is cancelled)."""
    require_allocator(principal, case)
    if expected_version != row.version:
        raise Conflict("Someone else changed this while you were looking, so nothing was "
                       "saved. Check the list and try again.")
    day = ends_on or date.today()
    if row.ends_on is not None and row.ends_on <= day:
        raise Invalid([FieldError(["ends_on"], f"This already ends on {row.ends_on:%-d %B %Y}")])
    before = _snapshot(row)
    row.ends_on = max(day, row.starts_on - timedelta(days=1))
    session.flush()
    cancelled = row.ends_on < row.starts_on
    _record(session, principal.actor, case, row, "allocate",
            f"{'cancelled' if cancelled else 'ended'} {row.user.name}'s "
            f"{LABELS[row.kind.value].lower()}" + ("" if cancelled else
                                                   f" (last day {row.ends_on:%-d %B %Y})"),
            audit.diff(before, _snapshot(row)))
    return row


def _overlap(row: CaseAllocation, starts: date, ends: date | None) -> bool:
    return ((row.ends_on is None or row.ends_on >= starts)
            and (ends is None or ends >= row.starts_on))


def _span(row: CaseAllocation) -> str:
    start = f"{row.starts_on:%-d %B %Y}"
    return f"from {start}" + (f" to {row.ends_on:%-d %B %Y}" if row.ends_on else "")


def _snapshot(row: CaseAllocation) -> dict[str, object]:
    return audit.snapshot(row, ["user_id", "kind", "starts_on", "ends_on", "note"])


def _record(session: Session, actor: Actor, case: Case, row: CaseAllocation, action: str,
            summary: str, changes: dict[str, dict[str, object]]) -> None:
    audit.record(session, actor=actor, action=action, entity_type="case_allocation",
                 entity_id=row.id, case_id=case.id, summary=summary, changes=changes)
