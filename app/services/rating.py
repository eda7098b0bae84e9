"""Safety-scale ratings: 0 = the child cannot live at home, 10 = safe enough to close."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import FieldError, Invalid, NotFound
from app.models.case import Case
from app.models.enums import Category, label
from app.models.mapping import Mapping
from app.models.mapping_item import MappingItem
from app.models.person import Person
from app.models.rating import Rating
from app.schemas.rating import RatingCreate, RatingUpdate
from app.services import audit
from app.services.audit import Actor
from app.services.case import check_version
from app.services.mapping import require_draft
from app.services.mapping_item import display_text, short

AUDITED = ["score", "reason", "rated_on", "rater_name", "rater_kind", "removed"]



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
           actor: Actor) -> Rating:
    require_draft(mapping)
    errors = []
    if data.danger_id is not None:
        danger = session.get(MappingItem, data.danger_id)
        if danger is None or danger.mapping_id != mapping.id or danger.removed \
                or danger.category != Category.danger_statement:
            errors.append(FieldError(["body", "danger_id"],
                                     "Choose a danger statement in this mapping"))
    name = data.rater_name
    if data.rater_person_id is not None:
        person = session.get(Person, data.rater_person_id)
        if person is None or person.case_id != case.id:
            errors.append(FieldError(["body", "rater_person_id"], "Choose someone on this case"))
        else:
            name = name or person.full_name
    if not name:
        errors.append(FieldError(["body", "rater_name"], "Enter who gave this score"))
    if errors:
        raise Invalid(errors)
    assert name is not None
    rating = Rating(mapping_id=mapping.id, danger_id=data.danger_id, rater_kind=data.rater_kind,
                    rater_person_id=data.rater_person_id, rater_name=name, score=data.score,
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
           data: RatingUpdate, expected_version: int | None, actor: Actor) -> Rating:
    check_version(rating, expected_version)
    require_draft(mapping)
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
           expected_version: int | None, actor: Actor) -> None:
    check_version(rating, expected_version)
    require_draft(mapping)
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
        s.by_rater.setdefault(rating.rater_name, []).append(point)
        if point.held_on not in s.dates:
            s.dates.append(point.held_on)
    for s in series.values():
        s.dates.sort()
    return sorted(series.values(), key=lambda s: (s.key != "overall", s.key))
