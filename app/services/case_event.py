"""The dated events of each child's journey that the statutory return needs (referral,
assessment, section 47 enquiry, first child protection conference, plan reviews, closure).
Recording one is part of the work already done: a signed-off assessment mapping proposes the
assessment event, with the factors tagged on its harm and danger statements. Audited; changed
with the version the worker saw; withdrawn, never deleted."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import FieldError, Invalid, NotFound
from app.models.case import Case
from app.models.case_event import CaseEvent
from app.models.child_status import ChildStatus
from app.models.enums import LABELS, CaseEventKind, Category, MappingKind, MappingStatus
from app.models.mapping import Mapping
from app.models.mapping_item import MappingItem
from app.models.person import Person
from app.schemas.case_event import CaseEventIn, CaseEventProposal, CaseEventRead, CaseEventUpdate
from app.services import audit, census_codes
from app.services.audit import Actor
from app.services.case import check_version

K = CaseEventKind
WORDS = {
    K.referral: "Referral",
    K.assessment: "Assessment",
    K.section47: "Child protection enquiry (section 47)",
    K.initial_conference: "First child protection conference",
    K.cp_review: "Child protection plan review",
    K.closure: "Case closed",
}
#: The fields each kind of event may carry beside `happened_on` and `note`.
FIELDS: dict[CaseEventKind, tuple[str, ...]] = {
    K.referral: ("code", "need_code", "no_further_action"),
    K.assessment: ("completed_on", "factors", "mapping_id"),
    K.section47: ("strategy_on", "no_conference"),
    K.initial_conference: ("mapping_id",),
    K.cp_review: ("mapping_id",),
    K.closure: ("code", "mapping_id"),
}
OPTIONAL = ("completed_on", "strategy_on", "code", "need_code", "no_further_action",
            "no_conference", "factors", "mapping_id")
AUDITED = ["kind", "happened_on", *OPTIONAL, "note", "withdrawn"]
#: The census allows a referral up to 40 weeks before a baby is born.
BEFORE_BIRTH = timedelta(weeks=40)
#: These may happen before a baby is born (a pre-birth assessment, enquiry and conference).
PRE_BIRTH = {K.referral, K.assessment, K.section47, K.initial_conference}


def _d(day: date | None) -> str:
    return f"{day:%-d %B %Y}" if day else ""


def describe(row: CaseEvent) -> str:
    """"Referral from School (2A): abuse or neglect"."""
    words = WORDS[row.kind]
    if row.kind == K.referral:
        words += f" from {census_codes.label('referral_source', row.code)}" if row.code else ""
        if row.no_further_action:
            words += ", no further action"
        elif row.need_code:
            words += f": {census_codes.label('primary_need', row.need_code).lower()}"
    elif row.kind == K.assessment:
        words += f", authorised {_d(row.completed_on)}" if row.completed_on else ", not finished"
    elif row.kind == K.section47:
        words += ", no conference needed" if row.no_conference else ""
    elif row.kind == K.closure and row.code:
        words += f": {census_codes.label('closure_reason', row.code).lower()}"
    return words


def read(row: CaseEvent) -> CaseEventRead:
    return CaseEventRead(
        id=row.id, child_id=row.child_id, kind=row.kind, happened_on=row.happened_on,
        completed_on=row.completed_on, strategy_on=row.strategy_on, code=row.code,
        need_code=row.need_code, no_further_action=row.no_further_action,
        no_conference=row.no_conference, factors=row.factors, mapping_id=row.mapping_id,
        note=row.note, withdrawn=row.withdrawn, recorded_by_name=row.recorded_by_name,
        version=row.version, described=describe(row))


def for_case(session: Session, *, case_ids: list[int],
             withdrawn: bool = False) -> dict[int, list[CaseEvent]]:
    """child id -> their events in the order they happened (one query for many cases)."""
    stmt = select(CaseEvent).where(CaseEvent.case_id.in_(case_ids))
    if not withdrawn:
        stmt = stmt.where(CaseEvent.withdrawn.is_(False))
    out: dict[int, list[CaseEvent]] = {}
    for row in session.scalars(stmt.order_by(CaseEvent.happened_on, CaseEvent.id)):
        out.setdefault(row.child_id, []).append(row)
    return out


def for_child(session: Session, *, case: Case, child: Person,
              withdrawn: bool = False) -> list[CaseEvent]:
    return for_case(session, case_ids=[case.id], withdrawn=withdrawn).get(child.id, [])


def load(session: Session, *, case: Case, child: Person, event_id: int) -> CaseEvent:
    row = session.scalar(select(CaseEvent).where(
        CaseEvent.id == event_id, CaseEvent.case_id == case.id,
        CaseEvent.child_id == child.id))
    if row is None:
        raise NotFound("We could not find that event for this child.")
    return row


def mapping_factors(session: Session, mapping_id: int) -> list[str]:
    """The census factors tagged on a mapping's harm and danger statements, in census order."""
    tagged: set[str] = set()
    for codes in session.scalars(select(MappingItem.census_factors).where(
            MappingItem.mapping_id == mapping_id, MappingItem.removed.is_(False),
            MappingItem.category.in_([Category.harm, Category.danger_statement]))):
        tagged.update(census_codes.split(codes))
    order = list(census_codes.labels("assessment_factor"))
    return sorted(tagged, key=order.index)


def _check(session: Session, case: Case, child: Person, v: dict[str, Any],
           row_id: int | None) -> None:
    """The rules, in words a social worker uses, each on the field to change."""
    kind: CaseEventKind = v["kind"]
    errors: list[FieldError] = []
    name = child.given_name

    def err(field: str, message: str) -> None:
        errors.append(FieldError(["body", field], message))

    for field in OPTIONAL:
        if v.get(field) not in (None, False, "") and field not in FIELDS[kind]:
            err(field, f"A {WORDS[kind].lower()} does not have this. Leave it empty")
    on: date = v["happened_on"]
    if on > date.today():
        err("happened_on", "This cannot be in the future")
    born = child.date_of_birth or child.expected_date
    if born is not None:
        if on < born - BEFORE_BIRTH:
            err("happened_on", f"This is more than 40 weeks before {name} was born "
                               f"({_d(born)})")
        elif on < born and kind not in PRE_BIRTH and child.date_of_birth is not None:
            err("happened_on", f"This is before {name} was born ({_d(born)})")
    if kind == K.referral:
        if not v.get("code"):
            err("code", "Choose where the referral came from")
        elif not census_codes.valid("referral_source", v["code"]):
            err("code", "Choose where the referral came from, from the list")
        if v.get("need_code") and not census_codes.valid("primary_need", v["need_code"]):
            err("need_code", "Choose the main need from the list")
        if not v.get("need_code") and not v.get("no_further_action"):
            err("need_code", "Choose the main need, or tick “no further action”")
    if kind == K.closure:
        if not v.get("code"):
            err("code", "Choose why the case closed")
        elif not census_codes.valid("closure_reason", v["code"]):
            err("code", "Choose why the case closed, from the list")
    done = v.get("completed_on")
    if done is not None and done < on:
        err("completed_on", "The day it was authorised must be on or after the day it started")
    if done is not None and done > date.today():
        err("completed_on", "This cannot be in the future")
    strategy = v.get("strategy_on")
    if strategy is not None and strategy > on:
        err("strategy_on", "The strategy discussion comes on or before the day the enquiry "
                           "starts")
    codes = census_codes.split(v.get("factors"))
    errors.extend(census_codes.factor_errors(codes, "factors"))
    if codes and done is None:
        err("factors", "Factors are recorded when the assessment is authorised. Enter the day "
                       "it was authorised")
    mapping_id = v.get("mapping_id")
    if mapping_id is not None and session.scalar(select(Mapping.id).where(
            Mapping.id == mapping_id, Mapping.case_id == case.id)) is None:
        err("mapping_id", "Choose a mapping of this case")
    if not errors:
        errors.extend(_journey(session, case, child, kind, on, row_id))
    if errors:
        raise Invalid(errors)


def _journey(session: Session, case: Case, child: Person, kind: CaseEventKind, on: date,
             row_id: int | None) -> list[FieldError]:
    """The rules across events: one open referral at a time, closure only after a referral
    and with every plan ended."""
    others = [e for e in for_child(session, case=case, child=child) if e.id != row_id]
    name = child.given_name
    errors: list[FieldError] = []
    referrals = [e for e in others if e.kind == K.referral and not e.no_further_action]
    closures = [e for e in others if e.kind == K.closure]

    def open_at(day: date) -> CaseEvent | None:
        """The referral still open on `day` (no closure between it and the day)."""
        for ref in sorted(referrals, key=lambda e: e.happened_on, reverse=True):
            if ref.happened_on <= day:
                closed = any(ref.happened_on <= c.happened_on < day for c in closures)
                return None if closed else ref
        return None

    if kind == K.referral:
        still = open_at(on)
        if still is not None and still.happened_on != on:
            errors.append(FieldError(["body", "happened_on"], f"{name}'s referral of "
                                     f"{_d(still.happened_on)} is still open. Record its "
                                     "closure first"))
        elif still is not None:
            errors.append(FieldError(["body", "happened_on"], f"{name} already has a referral "
                                     "on this day"))
    elif kind == K.closure:
        if open_at(on) is None and not any(e.kind == K.referral and e.happened_on <= on
                                           for e in others):
            errors.append(FieldError(["body", "happened_on"], f"There is no referral for {name} "
                                     "on or before this day to close"))
        for plan in session.scalars(select(ChildStatus).where(ChildStatus.child_id == child.id)):
            if plan.starts_on <= on and (plan.ends_on is None or plan.ends_on > on):
                what = LABELS[plan.kind.value].lower()
                errors.append(FieldError(["body", "happened_on"], f"{name} still has a {what} "
                                         f"(from {_d(plan.starts_on)}). Record its last day, on "
                                         "or before the closure, first"))
                break
    return errors


def _values(data: CaseEventIn | CaseEventUpdate, row: CaseEvent | None) -> dict[str, Any]:
    given = data.model_dump(exclude_unset=True)
    if row is None:
        v: dict[str, Any] = {"no_further_action": False, "no_conference": False}
    else:
        v = {f: getattr(row, f) for f in ("kind", "happened_on", "note", *OPTIONAL)}
    v.update({k: val for k, val in given.items()})
    for flag in ("no_further_action", "no_conference"):
        v[flag] = bool(v.get(flag))
    if v.get("factors") is not None:
        v["factors"] = " ".join(census_codes.split(v["factors"])) or None
    if v.get("happened_on") is None:
        raise Invalid([FieldError(["body", "happened_on"], "Enter the day it happened")])
    return v


def add(session: Session, *, case: Case, child: Person, data: CaseEventIn,
        actor: Actor) -> CaseEvent:
    v = _values(data, None)
    _check(session, case, child, v, None)
    row = CaseEvent(case_id=case.id, child_id=child.id, recorded_by_name=actor.name, **v)
    session.add(row)
    session.flush()
    audit.record(session, actor=actor, action="create", entity_type="case_event",
                 entity_id=row.id, case_id=case.id,
                 summary=f"recorded {describe(row).lower()} for {child.given_name} on "
                         f"{_d(row.happened_on)}",
                 changes=audit.diff({}, audit.snapshot(row, AUDITED)))
    return row


def update(session: Session, *, case: Case, child: Person, row: CaseEvent,
           data: CaseEventUpdate, expected_version: int | None, actor: Actor) -> CaseEvent:
    check_version(row, expected_version)
    if row.withdrawn:
        raise Invalid([FieldError(["body"], "This event was withdrawn and cannot be changed")])
    v = _values(data, row)
    _check(session, case, child, v, row.id)
    before = audit.snapshot(row, AUDITED)
    for key, value in v.items():
        setattr(row, key, value)
    delta = audit.diff(before, audit.snapshot(row, AUDITED))
    if delta:
        session.flush()
        audit.record(session, actor=actor, action="update", entity_type="case_event",
                     entity_id=row.id, case_id=case.id,
                     summary=f"changed {WORDS[row.kind].lower()} for {child.given_name}",
                     changes=delta)
    return row


def withdraw(session: Session, *, case: Case, child: Person, row: CaseEvent,
             expected_version: int | None, actor: Actor) -> CaseEvent:
    """Taken off the child's journey (recorded in error); kept, and the audit says why not."""
    check_version(row, expected_version)
    if row.withdrawn:
        return row
    row.withdrawn = True
    session.flush()
    audit.record(session, actor=actor, action="update", entity_type="case_event",
                 entity_id=row.id, case_id=case.id,
                 summary=f"withdrew {describe(row).lower()} for {child.given_name}",
                 changes={"withdrawn": {"before": False, "after": True}})
    return row


def proposals(session: Session, *, case: Case, child: Person) -> list[CaseEventProposal]:
    """Events the record already shows and nobody has recorded: a signed-off assessment
    mapping (the assessment, authorised that day, with its tagged factors), an assessment
    mapping in progress (the assessment started), a conference mapping (the first conference,
    or a review while a plan runs), a signed-off closure mapping (the closure)."""
    events = for_child(session, case=case, child=child)
    linked = {(e.kind, e.mapping_id) for e in events if e.mapping_id}
    plans = list(session.scalars(select(ChildStatus).where(ChildStatus.child_id == child.id)))
    out: list[CaseEventProposal] = []
    for m in session.scalars(select(Mapping).where(Mapping.case_id == case.id)
                             .order_by(Mapping.held_on, Mapping.id)):
        signed = m.signed_off_at.date() if m.signed_off_at else None
        if m.kind == MappingKind.initial_assessment:
            done = signed if m.status == MappingStatus.signed_off else None
            existing = next((e for e in events
                             if e.kind == K.assessment and e.mapping_id == m.id), None)
            if existing is not None and (existing.completed_on or done is None):
                continue
            factors = " ".join(mapping_factors(session, m.id)) or None
            because = (f"The assessment mapping of {_d(m.held_on)} was signed off on {_d(done)}"
                       if done else f"The assessment mapping of {_d(m.held_on)} is in progress")
            out.append(CaseEventProposal(
                child_id=child.id, kind=K.assessment,
                happened_on=existing.happened_on if existing else m.held_on, completed_on=done,
                factors=factors if done else None, mapping_id=m.id, because=because,
                event_id=existing.id if existing else None))
        elif m.kind == MappingKind.cp_conference and not (
                (K.initial_conference, m.id) in linked or (K.cp_review, m.id) in linked):
            running = any(p.kind.value == "child_protection_plan" and p.starts_on < m.held_on
                          and (p.ends_on is None or p.ends_on >= m.held_on) for p in plans)
            kind = K.cp_review if running else K.initial_conference
            out.append(CaseEventProposal(
                child_id=child.id, kind=kind, happened_on=m.held_on, mapping_id=m.id,
                because=f"The conference mapping of {_d(m.held_on)}"))
        elif (m.kind == MappingKind.closure and m.status == MappingStatus.signed_off
              and signed and (K.closure, m.id) not in linked):
            out.append(CaseEventProposal(
                child_id=child.id, kind=K.closure, happened_on=signed, mapping_id=m.id,
                because=f"The closure mapping was signed off on {_d(signed)}"))
    return out
