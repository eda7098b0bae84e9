"""Plain keyword factories that build data through the same services the app uses."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.case import Case, CaseAccess
from app.models.enums import AdultRole, Category, Gender, MappingKind, PersonKind, RaterKind, Role
from app.models.mapping import Mapping
from app.models.mapping_item import MappingItem
from app.models.person import Person
from app.models.rating import Rating
from app.models.team import Team
from app.models.user import User
from app.schemas.case import CaseCreate
from app.schemas.mapping import MappingCreate
from app.schemas.mapping_item import ItemCreate
from app.schemas.person import PersonCreate, RelationshipIn
from app.schemas.rating import RatingCreate
from app.services import auth
from app.services import case as case_service
from app.services import mapping as mapping_service
from app.services import mapping_item as item_service
from app.services import person as person_service
from app.services import rating as rating_service
from app.services.audit import SYSTEM

PASSWORD = "correct horse battery"
_n = 0


def _next() -> int:
    global _n
    _n += 1
    return _n


def make_team(session: Session, *, name: str | None = None) -> Team:
    team = Team(name=name or f"Team {_next()}")
    session.add(team)
    session.flush()
    return team


def make_user(
    session: Session,
    *,
    role: Role = Role.practitioner,
    team: Team | None = None,
    name: str | None = None,
    email: str | None = None,
    password: str = PASSWORD,
) -> User:
    n = _next()
    user = User(
        name=name or f"User {n}",
        email=email or f"user{n}@example.org",
        role=role,
        team_id=team.id if team else None,
        password_hash=auth.hash_password(password),
        phone="01632 960 000",
    )
    session.add(user)
    session.flush()
    return user


def make_case(
    session: Session,
    *,
    team: Team,
    worker: User | None = None,
    family_name: str = "Harper",
    restricted_to: list[User] | None = None,
) -> Case:
    case = case_service.create(
        session,
        data=CaseCreate(
            family_name=family_name, team_id=team.id, worker_id=worker.id if worker else None
        ),
        actor=SYSTEM,
    )
    if restricted_to is not None:
        case.restricted = True
        for u in restricted_to:
            session.add(CaseAccess(case_id=case.id, user_id=u.id))
        session.flush()
    return case


def make_child(
    session: Session,
    *,
    case: Case,
    given_name: str = "Mia",
    date_of_birth: date | None = date(2018, 5, 1),
    family_name: str | None = None,
) -> Person:
    return person_service.create(
        session,
        case=case,
        data=PersonCreate(
            kind=PersonKind.child,
            given_name=given_name,
            family_name=family_name or case.family_name,
            date_of_birth=date_of_birth,
            gender=Gender.female,
        ),
        actor=SYSTEM,
    )


def make_adult(
    session: Session,
    *,
    case: Case,
    given_name: str = "Jade",
    children: list[tuple[Person, str]] | None = None,
    family_name: str | None = None,
    role: AdultRole = AdultRole.parent,
) -> Person:
    return person_service.create(
        session,
        case=case,
        data=PersonCreate(
            kind=PersonKind.adult,
            given_name=given_name,
            family_name=family_name or case.family_name,
            role=role,
            relationships=[
                RelationshipIn(child_id=c.id, relationship=r) for c, r in children or []
            ],
        ),
        actor=SYSTEM,
    )


def make_token(
    session: Session, *, scopes: list[str], team: Team | None = None, days: int | None = 30
) -> str:
    secret, _ = auth.issue_token(
        session,
        name=f"token {_next()}",
        scopes=scopes,
        team_id=team.id if team else None,
        expires_in_days=days,
        actor=SYSTEM,
    )
    return secret


def login(client: TestClient, user: User, password: str = PASSWORD) -> str:
    """Sign in through the real form; returns the CSRF token for later posts."""
    response = client.post(
        "/login", data={"email": user.email, "password": password}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    return csrf_of(client)


def csrf_of(client: TestClient) -> str:
    import re

    page = client.get("/cases")
    match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert match, "no CSRF token on the page"
    return match.group(1)


def make_mapping(
    session: Session,
    *,
    case: Case,
    kind: MappingKind = MappingKind.initial_assessment,
    held_on: date | None = None,
    title: str | None = None,
) -> Mapping:
    """A draft mapping on the case, made through the mapping service (so it is audited)."""
    return mapping_service.create(
        session,
        case=case,
        data=MappingCreate(kind=kind, held_on=held_on, title=title),
        actor=SYSTEM,
    )


def make_item(
    session: Session, *, mapping: Mapping, category: Category, text: str = "", **fields: Any
) -> MappingItem:
    """An item in one of the seven categories (plus grey areas / bottom lines). Structured
    fields (ds_behaviour, sg_carers_doing, pairs_with_id, ...) go in as keywords."""
    case = session.get(Case, mapping.case_id)
    assert case is not None
    return item_service.create(
        session,
        case=case,
        mapping=mapping,
        data=ItemCreate(category=category, text=text, **fields),
        actor=SYSTEM,
    )


def make_rating(
    session: Session,
    *,
    mapping: Mapping,
    score: int,
    danger: MappingItem | None = None,
    rater_kind: RaterKind = RaterKind.worker,
    rater_name: str = "Sam Patel",
    reason: str | None = None,
    person: Person | None = None,
) -> Rating:
    """A score. A parent, carer, network member or child gives it as a person on the case:
    the one given, else the one called rater_name (added to the case if there is none)."""
    case = session.get(Case, mapping.case_id)
    assert case is not None
    if person is None and rater_kind in rating_service.PERSON_FITS \
            and rater_kind != RaterKind.professional:
        person = _person_named(session, case, rater_name, rater_kind)
    return rating_service.create(
        session,
        case=case,
        mapping=mapping,
        data=RatingCreate(
            danger_id=danger.id if danger else None,
            rater_kind=rater_kind,
            rater_person_id=person.id if person else None,
            rater_name=None if person else rater_name,
            score=score,
            reason=reason,
        ),
        actor=SYSTEM,
        manager=True,
    )


def _person_named(session: Session, case: Case, name: str, kind: RaterKind) -> Person:
    for p in session.scalars(select(Person).where(Person.case_id == case.id)):
        if p.full_name == name:
            return p
    given, _, family = name.partition(" ")
    if kind == RaterKind.child:
        return make_child(session, case=case, given_name=given, family_name=family or None)
    role = {RaterKind.parent: AdultRole.parent, RaterKind.carer: AdultRole.carer}.get(
        kind, AdultRole.relative)
    return make_adult(session, case=case, given_name=given, family_name=family or None,
                      role=role)
