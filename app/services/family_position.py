"""Where each family member stands on a mapping: agrees, partly agrees or disagrees, in their
own words. Recorded per person, while the mapping is a draft or shared, never after sign-off.
Recording it moves the mapping's version on (app.services.mapping's hook)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import FieldError, Invalid
from app.models.case import Case
from app.models.enums import label
from app.models.family_position import FamilyPosition
from app.models.mapping import Mapping
from app.models.person import Person
from app.schemas.family_position import PositionIn, PositionRead
from app.services import audit
from app.services.audit import Actor
from app.services.mapping import require_open

AUDITED = ["position", "words"]


def list_for(session: Session, *, mapping: Mapping) -> list[tuple[FamilyPosition, Person]]:
    """Who has said where they stand, in the order the case lists its people."""
    return [(fp, p) for fp, p in session.execute(
        select(FamilyPosition, Person).join(Person, Person.id == FamilyPosition.person_id)
        .where(FamilyPosition.mapping_id == mapping.id)
        .order_by(Person.kind, Person.id))]


def read(session: Session, *, mapping: Mapping) -> list[PositionRead]:
    return [PositionRead(person_id=p.id, name=p.full_name, position=fp.position, words=fp.words,
                         recorded_on=fp.recorded_on, version=fp.version)
            for fp, p in list_for(session, mapping=mapping)]


def record(session: Session, *, case: Case, mapping: Mapping, wanted: list[PositionIn],
           actor: Actor, field: str = "positions") -> None:
    """Record (or change) these people's positions; everyone else's stay as they are."""
    require_open(mapping)
    people = {p.id: p for p in session.scalars(
        select(Person).where(Person.case_id == case.id, Person.archived.is_(False)))}
    errors = []
    seen: set[int] = set()
    for i, w in enumerate(wanted):
        if w.person_id not in people:
            errors.append(FieldError(["body", field, i, "person_id"],
                                     "Choose someone on this case"))
        elif w.person_id in seen:
            errors.append(FieldError(["body", field, i, "person_id"],
                                     "This person is listed twice"))
        seen.add(w.person_id)
    if errors:
        raise Invalid(errors)
    existing = {fp.person_id: fp for fp in session.scalars(
        select(FamilyPosition).where(FamilyPosition.mapping_id == mapping.id))}
    for w in wanted:
        person = people[w.person_id]
        fp = existing.get(w.person_id)
        if fp is None:
            fp = FamilyPosition(mapping_id=mapping.id, person_id=person.id, position=w.position,
                                words=w.words, recorded_on=date.today(),
                                recorded_by_id=actor.user_id)
            session.add(fp)
            session.flush()
            audit.record(session, actor=actor, action="create", entity_type="family_position",
                         entity_id=fp.id, case_id=case.id,
                         summary=f"recorded {person.full_name}'s position on the mapping: "
                                 f"“{label(w.position).lower()}”",
                         changes=audit.diff({}, audit.snapshot(fp, AUDITED)))
            continue
        before = audit.snapshot(fp, AUDITED)
        fp.position, fp.words = w.position, w.words
        delta = audit.diff(before, audit.snapshot(fp, AUDITED))
        if delta:
            fp.recorded_on = date.today()
            fp.recorded_by_id = actor.user_id
            session.flush()
            audit.record(session, actor=actor, action="update", entity_type="family_position",
                         entity_id=fp.id, case_id=case.id,
                         summary=f"changed {person.full_name}'s position on the mapping to "
                                 f"“{label(w.position).lower()}”",
                         changes=delta)
