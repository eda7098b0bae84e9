"""Who lives where, and since when: each person's stays in the family's households. The
genogram encloses each household's current members. Audited; removed, never deleted."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import FieldError, Invalid, NotFound
from app.models.case import Case
from app.models.household import HouseholdMember
from app.models.person import Person
from app.schemas.kinship import HouseholdIn, HouseholdRead, HouseholdUpdate
from app.services import audit
from app.services.audit import Actor
from app.services.case import check_version

AUDITED = ["person_id", "household", "moved_in", "moved_out"]


def stays(session: Session, *, case: Case) -> list[HouseholdMember]:
    """Every stay, by household then who moved in first."""
    rows = session.scalars(select(HouseholdMember).where(
        HouseholdMember.case_id == case.id, HouseholdMember.removed.is_(False))
        .order_by(HouseholdMember.id))
    return sorted(rows, key=lambda s: (s.household.casefold(), s.moved_in or date.min, s.id))


def current(stay: HouseholdMember, today: date | None = None) -> bool:
    today = today or date.today()
    return stay.moved_out is None or stay.moved_out > today


def households_now(rows: list[HouseholdMember]) -> dict[str, list[int]]:
    """Household name -> the people living there today."""
    out: dict[str, list[int]] = {}
    for s in rows:
        if current(s):
            out.setdefault(s.household, []).append(s.person_id)
    return out


def load(session: Session, *, case: Case, stay_id: int) -> HouseholdMember:
    s = session.scalar(select(HouseholdMember).where(
        HouseholdMember.id == stay_id, HouseholdMember.case_id == case.id,
        HouseholdMember.removed.is_(False)))
    if s is None:
        raise NotFound("We could not find that household entry on this case.")
    return s


def _check(session: Session, case: Case, person_id: int, household: str,
           moved_in: date | None, moved_out: date | None, row_id: int | None) -> None:
    errors: list[FieldError] = []
    person = session.get(Person, person_id)
    if person is None or person.case_id != case.id:
        errors.append(FieldError(["body", "person_id"], "Choose someone on this case"))
    if not household.strip():
        errors.append(FieldError(["body", "household"], "Name the household, for example "
                                                        "\"Mum's flat\""))
    today = date.today()
    if moved_in is not None and moved_in > today:
        errors.append(FieldError(["body", "moved_in"], "The day they moved in cannot be in "
                                                       "the future"))
    if moved_in and moved_out and moved_out < moved_in:
        errors.append(FieldError(["body", "moved_out"], "They cannot move out before they "
                                                        "moved in"))
    if not errors:
        for s in stays(session, case=case):
            if (s.id != row_id and s.person_id == person_id
                    and s.household.casefold() == household.strip().casefold()
                    and (s.moved_out is None or moved_in is None or s.moved_out > moved_in)
                    and (moved_out is None or s.moved_in is None or moved_out > s.moved_in)):
                errors.append(FieldError(["body", "household"],
                                         f"{person.full_name if person else 'They'} already "
                                         f"lives at {s.household} at that time"))
                break
    if errors:
        raise Invalid(errors)


def add(session: Session, *, case: Case, data: HouseholdIn, actor: Actor) -> HouseholdMember:
    _check(session, case, data.person_id, data.household, data.moved_in, data.moved_out, None)
    s = HouseholdMember(case_id=case.id, person_id=data.person_id,
                        household=data.household.strip(), moved_in=data.moved_in,
                        moved_out=data.moved_out)
    session.add(s)
    session.flush()
    name = session.get(Person, data.person_id)
    audit.record(session, actor=actor, action="create", entity_type="household_member",
                 entity_id=s.id, case_id=case.id,
                 summary=f"recorded that {name.full_name if name else ''} lives at "
                         f"{s.household}",
                 changes=audit.diff({}, audit.snapshot(s, AUDITED)))
    return s


def update(session: Session, *, case: Case, stay: HouseholdMember, data: HouseholdUpdate,
           expected_version: int | None, actor: Actor) -> HouseholdMember:
    check_version(stay, expected_version)
    changes = data.model_dump(exclude_unset=True)
    if "household" in changes and not changes["household"]:
        raise Invalid([FieldError(["body", "household"], "Name the household")])
    merged = {**{f: getattr(stay, f) for f in AUDITED}, **changes}
    _check(session, case, stay.person_id, merged["household"], merged["moved_in"],
           merged["moved_out"], stay.id)
    before = audit.snapshot(stay, AUDITED)
    for key, value in changes.items():
        setattr(stay, key, value.strip() if isinstance(value, str) else value)
    session.flush()
    diff = audit.diff(before, audit.snapshot(stay, AUDITED))
    if diff:
        audit.record(session, actor=actor, action="update", entity_type="household_member",
                     entity_id=stay.id, case_id=case.id,
                     summary=f"changed who lives at {stay.household}", changes=diff)
    return stay


def remove(session: Session, *, case: Case, stay: HouseholdMember,
           expected_version: int | None, actor: Actor) -> None:
    check_version(stay, expected_version)
    stay.removed = True
    session.flush()
    audit.record(session, actor=actor, action="remove", entity_type="household_member",
                 entity_id=stay.id, case_id=case.id,
                 summary=f"took off an entry of who lives at {stay.household}",
                 changes={"removed": {"before": False, "after": True}})


def read(s: HouseholdMember) -> HouseholdRead:
    return HouseholdRead(id=s.id, person_id=s.person_id, household=s.household,
                         moved_in=s.moved_in, moved_out=s.moved_out, current=current(s),
                         version=s.version)
