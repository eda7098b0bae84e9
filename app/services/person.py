"""People on a case: the children, and the adults around them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.errors import FieldError, Invalid, NotFound
from app.models.base import utcnow
from app.models.case import Case
from app.models.enums import Gender, PersonKind
from app.models.person import Person, PersonRelationship
from app.schemas.person import PersonCreate, PersonUpdate, RelationshipIn
from app.services import audit, census_codes, language
from app.services.audit import Actor
from app.services.case import check_version

AUDITED = [
    "kind",
    "given_name",
    "family_name",
    "date_of_birth",
    "expected_date",
    "gender",
    "ethnicity",
    "disability",
    "upn",
    "upn_unknown",
    "sex",
    "disabilities",
    "role",
    "organisation",
    "language",
    "phone",
    "email",
    "address",
    "deceased",
    "died_on",
    "archived",
]
FIELD_NAMES = {
    "given_name": "first name",
    "family_name": "last name",
    "date_of_birth": "date of birth",
    "expected_date": "expected date of birth",
    "upn": "unique pupil number",
    "upn_unknown": "why there is no pupil number",
    "disabilities": "disability codes",
    "role": "role",
    "relationships": "relationships",
    "died_on": "date they died",
    "language": "preferred language",
}
CHILD_ONLY = ("date_of_birth", "expected_date", "gender", "ethnicity", "disability", "upn",
              "upn_unknown", "sex", "disabilities")


def _census(values: dict[str, Any]) -> list[FieldError]:
    """The characteristics the Children in Need census asks, checked against its own codes."""
    errors: list[FieldError] = []
    ethnicity = values.get("ethnicity")
    if ethnicity and not census_codes.valid("ethnicity", ethnicity):
        errors.append(FieldError(["body", "ethnicity"], f"“{ethnicity}” is not an ethnicity code "
                                 "in the census list. Choose one from the list, or “Not known "
                                 "yet” (NOBT)"))
    upn = values.get("upn")
    if upn and (problem := census_codes.upn_problem(upn)):
        errors.append(FieldError(["body", "upn"], problem))
    unknown = values.get("upn_unknown")
    if unknown and not census_codes.valid("upn_unknown", unknown):
        errors.append(FieldError(["body", "upn_unknown"], "Choose a reason from the list"))
    if upn and unknown:
        errors.append(FieldError(["body", "upn_unknown"], "There is a unique pupil number, so "
                                 "leave the reason it is not known empty"))
    sex = values.get("sex")
    if sex and not census_codes.valid("sex", sex):
        errors.append(FieldError(["body", "sex"], "Choose male, female or not known"))
    codes = census_codes.split(values.get("disabilities"))
    wrong = [c for c in codes if not census_codes.valid("disability", c)]
    if wrong:
        errors.append(FieldError(["body", "disabilities"], f"“{wrong[0]}” is not a disability "
                                 "code in the census list"))
    elif "NONE" in codes and len(codes) > 1:
        errors.append(FieldError(["body", "disabilities"], "“No disability” cannot go with "
                                 "another disability"))
    elif len(set(codes)) != len(codes):
        errors.append(FieldError(["body", "disabilities"], "Each disability once"))
    return errors


def _validate(values: dict[str, Any], kind: PersonKind) -> None:
    """The rules that depend on more than one field, in the words a social worker would use."""
    errors: list[FieldError] = []
    code = values.get("language")
    if code and code not in language.PREFERRED:
        errors.append(FieldError(["body", "language"], "Choose a language from the list"))
    today = date.today()
    if kind == PersonKind.child:
        dob, expected = values.get("date_of_birth"), values.get("expected_date")
        if dob is None and expected is None:
            errors.append(
                FieldError(
                    ["body", "date_of_birth"],
                    "Enter the child's date of birth, or the expected date if the baby "
                    "is not born yet",
                )
            )
        if dob is not None and dob > today:
            errors.append(
                FieldError(
                    ["body", "date_of_birth"],
                    "Date of birth must be today or in the past. For an unborn baby, enter the "
                    "expected date instead",
                )
            )
        if dob is not None and dob < today - timedelta(days=366 * 25):
            errors.append(
                FieldError(
                    ["body", "date_of_birth"], "Date of birth must be within the last 25 years"
                )
            )
        if dob is None and expected is not None and expected < today - timedelta(days=31):
            errors.append(
                FieldError(
                    ["body", "expected_date"],
                    "The expected date is more than a month ago. If the baby has been born, enter "
                    "the date of birth",
                )
            )
        if values.get("role") is not None:
            errors.append(
                FieldError(["body", "role"], "Role is for adults; leave it empty for a child")
            )
        errors.extend(_census(values))
    else:
        if values.get("role") is None:
            errors.append(
                FieldError(
                    ["body", "role"],
                    "Select how this person is involved, for example parent or relative",
                )
            )
        if values.get("gender") == Gender.unborn:
            errors.append(FieldError(["body", "gender"], "Unborn is for a child on the case"))
        for key in ("date_of_birth", "expected_date"):
            if values.get(key) is not None and values[key] > today:
                errors.append(FieldError(["body", key], "Date of birth must be in the past"))
    died_on = values.get("died_on")
    if died_on is not None and not values.get("deceased"):
        errors.append(FieldError(["body", "deceased"],
                                 "Tick 'has died' to record the date they died"))
    if died_on is not None and died_on > today:
        errors.append(FieldError(["body", "died_on"], "The date they died cannot be in the "
                                                      "future"))
    dob = values.get("date_of_birth")
    if died_on is not None and dob is not None and died_on < dob:
        errors.append(FieldError(["body", "died_on"], "The date they died cannot be before "
                                                      "they were born"))
    if errors:
        raise Invalid(errors)


def _set_relationships(
    session: Session, *, person: Person, case: Case, wanted: list[RelationshipIn]
) -> dict[str, Any] | None:
    if person.kind != PersonKind.adult:
        if wanted:
            raise Invalid(
                [
                    FieldError(
                        ["body", "relationships"],
                        "Relationships are recorded on the adult, not the child",
                    )
                ]
            )
        return None
    children = {
        c.id: c
        for c in session.scalars(
            select(Person).where(Person.case_id == case.id, Person.kind == PersonKind.child)
        )
    }
    errors = []
    for i, rel in enumerate(wanted):
        if rel.child_id not in children:
            errors.append(
                FieldError(["body", "relationships", i, "child_id"], "Choose a child on this case")
            )
    if len({r.child_id for r in wanted}) != len(wanted):
        errors.append(FieldError(["body", "relationships"], "Each child can be listed only once"))
    if errors:
        raise Invalid(errors)
    existing = {
        r.child_id: r
        for r in session.scalars(
            select(PersonRelationship).where(PersonRelationship.adult_id == person.id)
        )
    }
    before = {
        children[c].full_name if c in children else str(c): r.relation for c, r in existing.items()
    }
    for child_id, old in list(existing.items()):
        if child_id not in {w.child_id for w in wanted}:
            session.delete(old)
    for w in wanted:
        if w.child_id in existing:
            existing[w.child_id].relation = w.relationship
        else:
            session.add(
                PersonRelationship(adult_id=person.id, child_id=w.child_id, relation=w.relationship)
            )
    after = {children[w.child_id].full_name: w.relationship for w in wanted}
    if before == after:
        return None
    return {"before": before, "after": after}


def load(session: Session, *, case: Case, person_id: int) -> Person:
    person = session.scalar(
        select(Person)
        .where(Person.id == person_id, Person.case_id == case.id)
        .options(selectinload(Person.relationships))
    )
    if person is None:
        raise NotFound("We could not find that person on this case.")
    return person


def load_child(session: Session, *, case: Case, child_id: int) -> Person:
    """A child of this case (its chronology, what applies to them), or 404."""
    found = session.scalar(select(Person).where(Person.id == child_id,
                                                Person.case_id == case.id,
                                                Person.kind == PersonKind.child))
    if found is None:
        raise NotFound("We could not find that child on this case.")
    return found


def list_for_case(session: Session, *, case: Case, include_archived: bool = True) -> list[Person]:
    stmt = (
        select(Person)
        .where(Person.case_id == case.id)
        .options(selectinload(Person.relationships))
        .order_by(Person.kind.desc(), Person.date_of_birth.desc(), Person.id)
    )
    if not include_archived:
        stmt = stmt.where(Person.archived.is_(False))
    return list(session.scalars(stmt))


def create(session: Session, *, case: Case, data: PersonCreate, actor: Actor) -> Person:
    values = data.model_dump(exclude={"relationships"})
    values["deceased"] = bool(values.get("deceased"))
    if (
        data.kind == PersonKind.child
        and values.get("gender") is None
        and data.expected_date
        and data.date_of_birth is None
    ):
        values["gender"] = Gender.unborn
    _validate(values, data.kind)
    person = Person(case_id=case.id, **values)
    session.add(person)
    session.flush()
    rel_change = _set_relationships(
        session, person=person, case=case, wanted=data.relationships or []
    )
    changes = audit.diff({}, audit.snapshot(person, AUDITED))
    if rel_change:
        changes["relationships"] = rel_change
    audit.record(
        session,
        actor=actor,
        action="create",
        entity_type="person",
        entity_id=person.id,
        case_id=case.id,
        summary=f"added {person.full_name} ({person.kind.value}) to the case",
        changes=changes,
    )
    session.expire(person)
    return load(session, case=case, person_id=person.id)


def update(
    session: Session,
    *,
    case: Case,
    person: Person,
    data: PersonUpdate,
    expected_version: int | None,
    actor: Actor,
) -> Person:
    check_version(person, expected_version)
    changes = data.model_dump(exclude_unset=True, exclude={"relationships"})
    for key in ("given_name", "family_name", "archived"):
        if key in changes and changes[key] is None:
            raise Invalid([FieldError(["body", key], f"Enter the {FIELD_NAMES.get(key, key)}")])
    before = audit.snapshot(person, AUDITED)
    merged = {**before, **changes}
    merged["date_of_birth"] = changes.get("date_of_birth", person.date_of_birth)
    merged["expected_date"] = changes.get("expected_date", person.expected_date)
    merged["role"] = changes.get("role", person.role)
    if "deceased" in changes and changes["deceased"] is None:
        changes["deceased"] = False
    merged["deceased"] = changes.get("deceased", person.deceased)
    merged["died_on"] = changes.get("died_on", person.died_on)
    _validate(merged, person.kind)
    for key, value in changes.items():
        setattr(person, key, value)
    delta = audit.diff(before, audit.snapshot(person, AUDITED))
    if data.relationships is not None:
        rel_change = _set_relationships(
            session, person=person, case=case, wanted=data.relationships
        )
        if rel_change:
            delta["relationships"] = rel_change
            # Bump the person's version too, so a stale edit of the relationships is caught.
            person.updated_at = utcnow()
    if delta:
        session.flush()
        audit.record(
            session,
            actor=actor,
            action="update",
            entity_type="person",
            entity_id=person.id,
            case_id=case.id,
            summary=describe(person.full_name, delta),
            changes=delta,
        )
    session.expire(person)
    return load(session, case=case, person_id=person.id)


def describe(name: str, delta: dict[str, dict[str, Any]]) -> str:
    parts = []
    for key, change in delta.items():
        label = FIELD_NAMES.get(key, key.replace("_", " "))
        b, a = change.get("before"), change.get("after")
        if key == "relationships":
            parts.append("changed relationships")
        elif key == "archived":
            parts.append("marked as no longer involved" if a else "marked as involved again")
        elif b in (None, ""):
            parts.append(f"set {label} to {_fmt(a)}")
        elif a in (None, ""):
            parts.append(f"removed {label} ({_fmt(b)})")
        else:
            parts.append(f"changed {label} from {_fmt(b)} to {_fmt(a)}")
    return f"{'; '.join(parts)} for {name}"


def _fmt(value: Any) -> str:
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date.fromisoformat(value).strftime("%-d %B %Y")
        except ValueError:
            return value
    return str(value).replace("_", " ")
