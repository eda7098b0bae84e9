"""Safety-scale ratings: 0 = the child cannot live at home, 10 = safe enough to close."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import Conflict, FieldError, Invalid, NotFound
from app.models.case import Case
from app.models.enums import AdultRole, Category, MappingStatus, PersonKind, RaterKind, label
from app.models.mapping import Mapping
from app.models.mapping_item import MappingItem
from app.models.network import NetworkMember
from app.models.person import Person
from app.models.rating import Rating
from app.models.user import User
from app.schemas.rating import RatingCreate, RatingUpdate
from app.services import audit
from app.services.audit import Actor
from app.services.case import check_version
from app.services.mapping import require_scorable
from app.services.mapping_item import display_text, short
from app.services.rater import Spread, rater_key
from app.services.rater import spread as spread_of

AUDITED = ["score", "reason", "rated_on", "rater_name", "rater_kind", "rater_person_id",
           "rater_user_id", "rater_member_id", "removed"]
#: Who may give a score as what: the role must fit the person, so a parent's score is never
#: saved under someone else's name.
PERSON_FITS: dict[RaterKind, tuple[PersonKind, frozenset[AdultRole] | None]] = {
    RaterKind.parent: (PersonKind.adult, frozenset({AdultRole.parent})),
    RaterKind.carer: (PersonKind.adult,
                      frozenset({AdultRole.carer, AdultRole.parent, AdultRole.relative})),
    RaterKind.network: (PersonKind.adult, frozenset(set(AdultRole) - {AdultRole.professional})),
    RaterKind.child: (PersonKind.child, None),
    RaterKind.professional: (PersonKind.adult, frozenset({AdultRole.professional})),
}
#: The person's role on the case, as a kind of rater (what the browser's one list uses).
KIND_OF_ROLE = {AdultRole.parent: RaterKind.parent, AdultRole.carer: RaterKind.carer,
                AdultRole.relative: RaterKind.network, AdultRole.friend: RaterKind.network,
                AdultRole.other: RaterKind.network, AdultRole.professional: RaterKind.professional}
MISFIT = {
    RaterKind.parent: "This person is not recorded as a parent: choose the parent, or say "
                      "who they are",
    RaterKind.carer: "This person is not recorded as a parent, carer or relative",
    RaterKind.network: "Choose an adult in the family's network",
    RaterKind.child: "Choose a child on this case",
    RaterKind.professional: "This person is not recorded as a professional",
}


def kind_for(person: Person) -> RaterKind:
    if person.kind == PersonKind.child:
        return RaterKind.child
    return KIND_OF_ROLE.get(person.role or AdultRole.other, RaterKind.network)


def _changeable(mapping: Mapping, rating: Rating, *, manager: bool) -> None:
    require_scorable(mapping, manager=manager)
    if mapping.status != MappingStatus.draft and rating.rater_kind != RaterKind.supervisor:
        raise Conflict("This mapping has been shared with the family, so the scores given "
                       "then stay as they were. The team manager can add their own score.")



def load(session: Session, *, mapping: Mapping, rating_id: int) -> Rating:
    rating = session.scalar(select(Rating).where(
        Rating.id == rating_id, Rating.mapping_id == mapping.id, Rating.removed.is_(False)))
    if rating is None:
        raise NotFound("We could not find that rating in this mapping.")
    return rating


def _what(session: Session, danger_id: int | None) -> str:
    if danger_id is None:
        return "overall safety"
    danger = session.get(MappingItem, danger_id)
    return f"“{short(display_text(danger) if danger else '', 40)}”"


def create(session: Session, *, case: Case, mapping: Mapping, data: RatingCreate,
           actor: Actor, manager: bool = False) -> Rating:
    """A score from a person on the case (its kind must fit them), a user (the worker, the
    team manager: the one acting unless another is named), or a professional by name."""
    require_scorable(mapping, manager=manager)
    errors = []
    if data.danger_id is not None:
        danger = session.get(MappingItem, data.danger_id)
        if danger is None or danger.mapping_id != mapping.id or danger.removed \
                or danger.category != Category.danger_statement:
            errors.append(FieldError(["body", "danger_id"],
                                     "Choose a danger statement in this mapping"))
    name = data.rater_name
    person_id, user_id = data.rater_person_id, data.rater_user_id
    if data.rater_kind in (RaterKind.worker, RaterKind.supervisor):
        if person_id is not None:
            errors.append(FieldError(["body", "rater_person_id"],
                                     f"A {label(data.rater_kind).lower()} is not one of the "
                                     "family: leave the person empty"))
        if user_id is None and not name:
            user_id = actor.user_id
        if user_id is not None:
            user = session.get(User, user_id)
            if user is None or not user.active:
                errors.append(FieldError(["body", "rater_user_id"], "Choose a current user"))
            else:
                name = user.name
    elif user_id is not None:
        errors.append(FieldError(["body", "rater_user_id"],
                                 "Only the worker or the team manager is a user: leave it empty"))
    elif data.rater_member_id is not None:
        member = session.get(NetworkMember, data.rater_member_id)
        if (data.rater_kind != RaterKind.network or person_id is not None or member is None
                or member.case_id != case.id or member.removed):
            errors.append(FieldError(["body", "rater_member_id"],
                                     "Choose a member of this case's safety network"))
        else:
            owner = session.get(Person, member.person_id) if member.person_id else None
            name = owner.full_name if owner else member.name
    else:
        kind, roles = PERSON_FITS[data.rater_kind]
        person = session.get(Person, person_id) if person_id is not None else None
        if person_id is not None and (person is None or person.case_id != case.id):
            errors.append(FieldError(["body", "rater_person_id"], "Choose someone on this case"))
        elif person is not None:
            if person.kind != kind or (roles is not None and person.role not in roles):
                errors.append(FieldError(["body", "rater_person_id"], MISFIT[data.rater_kind]))
            name = person.full_name
        elif data.rater_kind != RaterKind.professional:
            errors.append(FieldError(["body", "rater_person_id"],
                                     f"Choose the {label(data.rater_kind).lower()} giving the "
                                     "score from the people on this case"))
    if not name and not errors:
        errors.append(FieldError(["body", "rater_name"], "Enter who gave this score"))
    if errors:
        raise Invalid(errors)
    assert name is not None
    rating = Rating(mapping_id=mapping.id, danger_id=data.danger_id, rater_kind=data.rater_kind,
                    rater_person_id=person_id, rater_user_id=user_id,
                    rater_member_id=data.rater_member_id, rater_name=name,
                    score=data.score,
                    reason=data.reason, rated_on=data.rated_on or date.today())
    session.add(rating)
    session.flush()
    audit.record(session, actor=actor, action="create", entity_type="rating",
                 entity_id=rating.id, case_id=case.id,
                 summary=f"recorded {name}'s ({label(data.rater_kind).lower()}) safety score "
                         f"of {data.score} for {_what(session, data.danger_id)}",
                 changes=audit.diff({}, audit.snapshot(rating, AUDITED)))
    return rating


def update(session: Session, *, case: Case, mapping: Mapping, rating: Rating,
           data: RatingUpdate, expected_version: int | None, actor: Actor,
           manager: bool = False) -> Rating:
    check_version(rating, expected_version)
    _changeable(mapping, rating, manager=manager)
    changes = data.model_dump(exclude_unset=True)
    if "score" in changes and changes["score"] is None:
        raise Invalid([FieldError(["body", "score"], "Enter a score from 0 to 10")])
    before = audit.snapshot(rating, AUDITED)
    for k, v in changes.items():
        setattr(rating, k, v)
    delta = audit.diff(before, audit.snapshot(rating, AUDITED))
    if delta:
        session.flush()
        audit.record(session, actor=actor, action="update", entity_type="rating",
                     entity_id=rating.id, case_id=case.id,
                     summary=f"changed {rating.rater_name}'s safety score for "
                             f"{_what(session, rating.danger_id)}"
                             + (f" from {delta['score']['before']} to {delta['score']['after']}"
                                if "score" in delta else ""),
                     changes=delta)
    return rating


def remove(session: Session, *, case: Case, mapping: Mapping, rating: Rating,
           expected_version: int | None, actor: Actor, manager: bool = False) -> None:
    check_version(rating, expected_version)
    _changeable(mapping, rating, manager=manager)
    rating.removed = True
    session.flush()
    audit.record(session, actor=actor, action="remove", entity_type="rating",
                 entity_id=rating.id, case_id=case.id,
                 summary=f"removed {rating.rater_name}'s safety score for "
                         f"{_what(session, rating.danger_id)}",
                 changes={"removed": {"before": False, "after": True}})


@dataclass
class Point:
    mapping_id: int
    held_on: date
    score: int
    rater: str
    rater_kind: str


@dataclass
class Series:
    """One pair (by lineage) or the overall judgement, across every mapping of the case."""

    key: str  # "overall" or "pair-<lineage id>"
    title: str
    dates: list[date]
    by_rater: dict[str, list[Point]]


def spread(ratings: list[Rating]) -> Spread | None:
    """Where the raters of one question stand: each one's latest score, lowest and highest."""
    return spread_of((rater_key(r.rater_person_id, r.rater_user_id, r.rater_name), r.score,
                      r.rater_name) for r in ratings)


def _by_name(by_key: dict[str, list[Point]]) -> dict[str, list[Point]]:
    """One line per person, shown under their latest name (typed differently over time, it
    is still them); two people with one name are told apart by their role."""
    out: dict[str, list[Point]] = {}
    for points in by_key.values():
        name = points[-1].rater
        if name in out:
            name = f"{name} ({label(points[-1].rater_kind).lower()})"
        while name in out:
            name += "*"
        out[name] = points
    return out


def history(session: Session, *, case: Case) -> list[Series]:
    """Every pair's ratings across mappings (oldest first), plus the overall judgement."""
    mappings = list(session.scalars(select(Mapping).where(Mapping.case_id == case.id)
                                    .order_by(Mapping.held_on, Mapping.id)))
    ids = [m.id for m in mappings]
    if not ids:
        return []
    when = {m.id: m.held_on for m in mappings}
    rows = session.execute(
        select(Rating, MappingItem.lineage_id, MappingItem.id)
        .outerjoin(MappingItem, MappingItem.id == Rating.danger_id)
        .where(Rating.mapping_id.in_(ids), Rating.removed.is_(False))
        .order_by(Rating.rated_on, Rating.id)
    ).all()
    latest_text: dict[int, str] = {}
    for item in session.scalars(select(MappingItem).where(
            MappingItem.mapping_id.in_(ids), MappingItem.category == Category.danger_statement)
            .order_by(MappingItem.mapping_id)):
        latest_text[item.lineage_id or item.id] = display_text(item)
    series: dict[str, Series] = {}
    for rating, lineage, item_id in rows:
        key = "overall" if rating.danger_id is None else f"pair-{lineage or item_id}"
        if key not in series:
            title = "Overall safety" if key == "overall" else short(
                latest_text.get(lineage or item_id, "Danger statement"), 80)
            series[key] = Series(key=key, title=title, dates=[], by_rater={})
        s = series[key]
        point = Point(rating.mapping_id, when[rating.mapping_id], rating.score,
                      rating.rater_name, rating.rater_kind.value)
        who = rater_key(rating.rater_person_id, rating.rater_user_id, rating.rater_name)
        s.by_rater.setdefault(who, []).append(point)
        if point.held_on not in s.dates:
            s.dates.append(point.held_on)
    for s in series.values():
        s.dates.sort()
        s.by_rater = _by_name(s.by_rater)
    return sorted(series.values(), key=lambda s: (s.key != "overall", s.key))
