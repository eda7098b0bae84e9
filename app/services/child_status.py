"""What applies to each child of a case (a child in need plan, a child protection plan with
its category, being looked after), each for a span of dates, and the child's own status
drawn from them. Changed by whoever may change the case; audited; ended, never deleted."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import Conflict, FieldError, Invalid, NotFound
from app.models.case import Case
from app.models.child_status import ChildStatus
from app.models.enums import LABELS, ChildStatusKind
from app.models.person import Person
from app.schemas.child_status import ChildStatusIn, ChildStatusRead
from app.services import audit
from app.services.audit import Actor

AUDITED = ["kind", "category", "starts_on", "ends_on", "note"]


def current(row: ChildStatus, today: date | None = None) -> bool:
    today = today or date.today()
    return row.starts_on <= today and (row.ends_on is None or row.ends_on >= today)


def read(row: ChildStatus) -> ChildStatusRead:
    return ChildStatusRead(id=row.id, child_id=row.child_id, kind=row.kind,
                           category=row.category, starts_on=row.starts_on,
                           ends_on=row.ends_on, note=row.note, current=current(row),
                           version=row.version)


def describe(row: ChildStatus) -> str:
    """"Child protection plan (neglect)"."""
    words = LABELS[row.kind.value]
    return words + (f" ({LABELS[row.category.value].lower()})" if row.category else "")


def for_case(session: Session, *, case: Case) -> dict[int, list[ChildStatus]]:
    """child id -> their statuses, latest first (one query for the case page)."""
    out: dict[int, list[ChildStatus]] = {}
    for row in session.scalars(select(ChildStatus).where(ChildStatus.case_id == case.id)
                               .order_by(ChildStatus.starts_on.desc(), ChildStatus.id.desc())):
        out.setdefault(row.child_id, []).append(row)
    return out


def for_child(session: Session, *, case: Case, child: Person) -> list[ChildStatus]:
    return for_case(session, case=case).get(child.id, [])


def load(session: Session, *, case: Case, child: Person, status_id: int) -> ChildStatus:
    row = session.scalar(select(ChildStatus).where(
        ChildStatus.id == status_id, ChildStatus.case_id == case.id,
        ChildStatus.child_id == child.id))
    if row is None:
        raise NotFound()
    return row


def _check(session: Session, child: Person, kind: ChildStatusKind, category: object,
           starts: date, ends: date | None, row_id: int | None) -> None:
    errors: list[FieldError] = []
    if kind == ChildStatusKind.child_protection_plan and category is None:
        errors.append(FieldError(["category"], "Choose the category of the child protection "
                                               "plan"))
    if kind != ChildStatusKind.child_protection_plan and category is not None:
        errors.append(FieldError(["category"], "Only a child protection plan has a category"))
    born = child.date_of_birth
    if born and starts < born and kind == ChildStatusKind.child_in_need:
        errors.append(FieldError(["starts_on"], f"The first day is before {child.given_name} "
                                                f"was born ({born:%-d %B %Y})"))
    if ends is not None and ends < starts:
        errors.append(FieldError(["ends_on"], "The last day must be on or after the first day"))
    if not errors:
        for other in session.scalars(select(ChildStatus).where(
                ChildStatus.child_id == child.id, ChildStatus.kind == kind,
                ChildStatus.id != (row_id or 0))):
            if ((other.ends_on is None or other.ends_on >= starts)
                    and (ends is None or ends >= other.starts_on)):
                errors.append(FieldError(["starts_on"], f"{child.given_name} already has a "
                                         f"{LABELS[kind.value].lower()} for some of those days "
                                         f"(from {other.starts_on:%-d %B %Y})"))
                break
    if errors:
        raise Invalid(errors)


def add(session: Session, *, case: Case, child: Person, data: ChildStatusIn,
        actor: Actor) -> ChildStatus:
    _check(session, child, data.kind, data.category, data.starts_on, data.ends_on, None)
    row = ChildStatus(case_id=case.id, child_id=child.id, kind=data.kind,
                      category=data.category, starts_on=data.starts_on, ends_on=data.ends_on,
                      note=data.note or None, recorded_by_name=actor.name)
    session.add(row)
    session.flush()
    audit.record(session, actor=actor, action="create", entity_type="child_status",
                 entity_id=row.id, case_id=case.id,
                 summary=f"recorded {describe(row).lower()} for {child.given_name} from "
                         f"{row.starts_on:%-d %B %Y}",
                 changes=audit.diff({}, audit.snapshot(row, AUDITED)))
    return row


def end(session: Session, *, case: Case, child: Person, row: ChildStatus, ends_on: date,
        expected_version: int, actor: Actor) -> ChildStatus:
    if expected_version != row.version:
        raise Conflict("Someone else changed this while you were looking, so nothing was "
                       "saved. Check the list and try again.")
    _check(session, child, row.kind, row.category, row.starts_on, ends_on, row.id)
    before = audit.snapshot(row, AUDITED)
    row.ends_on = ends_on
    session.flush()
    audit.record(session, actor=actor, action="update", entity_type="child_status",
                 entity_id=row.id, case_id=case.id,
                 summary=f"ended {describe(row).lower()} for {child.given_name} on "
                         f"{ends_on:%-d %B %Y}",
                 changes=audit.diff(before, audit.snapshot(row, AUDITED)))
    return row
