"""My Three Houses: sessions with a child, their words in each house kept verbatim, the
child's say on who may see each house, and what the worker carried into the mapping (with
its source kept both ways). Changed by whoever may change the case; audited; entries are
removed, never deleted."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import Conflict, FieldError, Invalid, NotFound
from app.models.case import Case
from app.models.enums import (
    Audience,
    Category,
    House,
    MappingKind,
    MappingStatus,
    SourceKind,
    label,
)
from app.models.mapping import Mapping
from app.models.mapping_item import MappingItem
from app.models.person import Person
from app.models.three_houses import ThreeHouses, ThreeHousesEntry
from app.schemas.mapping_item import ItemCreate
from app.schemas.three_houses import (
    EntryIn,
    EntryRead,
    PlacedRead,
    Sharing,
    ThreeHousesIn,
    ThreeHousesRead,
    ThreeHousesUpdate,
)
from app.services import audit
from app.services import mapping_item as item_service
from app.services import picture as picture_service
from app.services.audit import Actor
from app.services.case import check_version

HOUSES = {House.worries: "House of Worries", House.good_things: "House of Good Things",
          House.dreams: "House of Dreams"}
AUDIENCES = {Audience.family: "The family (parents and carers)",
             Audience.network: "The safety network",
             Audience.conference: "Child protection conferences and reviews"}
#: Where each house's words may go in a mapping; the first is where they go unless the
#: worker chooses.
PLACES: dict[House, list[Category]] = {
    House.worries: [Category.harm, Category.danger_statement, Category.complicating_factor],
    House.good_things: [Category.existing_strength, Category.existing_safety],
    House.dreams: [Category.safety_goal],
}
AUDITED = ["held_on", "place", "present", "interviewer_name", "child_age", "sharing",
           "sharing_asked_by", "sharing_asked_on"]
CHANGED = ("Someone else changed this while you were looking, so nothing was saved. Look "
           "again and make your change again.")


def age_on(child: Person, day: date) -> int | None:
    born = child.date_of_birth
    if born is None or day < born:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def may_see(th: ThreeHouses, house: House, audience: Audience) -> bool:
    """Whether the child agreed that this audience may see this house."""
    return audience.value in (th.sharing or {}).get(house.value, [])


def sharing_of(th: ThreeHouses) -> Sharing:
    s = th.sharing or {}
    return Sharing(worries=s.get("worries", []), good_things=s.get("good_things", []),
                   dreams=s.get("dreams", []), asked_by=th.sharing_asked_by,
                   asked_on=th.sharing_asked_on)


def list_for_child(session: Session, *, case: Case, child: Person) -> list[ThreeHouses]:
    """The child's sessions, latest first."""
    return list(session.scalars(
        select(ThreeHouses).where(ThreeHouses.case_id == case.id,
                                  ThreeHouses.child_id == child.id,
                                  ThreeHouses.removed.is_(False))
        .order_by(ThreeHouses.held_on.desc(), ThreeHouses.id.desc())))


def latest_by_child(session: Session, *, case: Case) -> dict[int, tuple[int, date]]:
    """child id -> (how many sessions, the latest date), for the case page: one query."""
    rows = session.execute(
        select(ThreeHouses.child_id, func.count(), func.max(ThreeHouses.held_on))
        .where(ThreeHouses.case_id == case.id, ThreeHouses.removed.is_(False))
        .group_by(ThreeHouses.child_id))
    return {cid: (int(n), latest) for cid, n, latest in rows}


def load(session: Session, *, case: Case, child: Person, three_houses_id: int) -> ThreeHouses:
    th = session.scalar(select(ThreeHouses).where(
        ThreeHouses.id == three_houses_id, ThreeHouses.case_id == case.id,
        ThreeHouses.child_id == child.id, ThreeHouses.removed.is_(False)))
    if th is None:
        raise NotFound("We could not find that Three Houses session for this child.")
    return th


def entries(session: Session, th: ThreeHouses) -> dict[House, list[ThreeHousesEntry]]:
    """The child's words in each house, in the order they were recorded."""
    out: dict[House, list[ThreeHousesEntry]] = {h: [] for h in House}
    for e in session.scalars(select(ThreeHousesEntry).where(
            ThreeHousesEntry.three_houses_id == th.id, ThreeHousesEntry.removed.is_(False))
            .order_by(ThreeHousesEntry.position, ThreeHousesEntry.id)):
        out[e.house].append(e)
    return out


def load_entry(session: Session, th: ThreeHouses, entry_id: int) -> ThreeHousesEntry:
    e = session.scalar(select(ThreeHousesEntry).where(
        ThreeHousesEntry.id == entry_id, ThreeHousesEntry.three_houses_id == th.id,
        ThreeHousesEntry.removed.is_(False)))
    if e is None:
        raise NotFound("We could not find those words in this session.")
    return e


@dataclass(frozen=True)
class Placed:
    mapping_id: int
    item_id: int
    category: Category
    held_on: date


def placed(session: Session, entry_ids: Iterable[int]) -> dict[int, list[Placed]]:
    """entry id -> the mapping items that came from it (the first placing and the copies
    carried forward into reviews), oldest mapping first."""
    ids = list(entry_ids)
    out: dict[int, list[Placed]] = {}
    if not ids:
        return out
    for eid, mid, iid, cat, held in session.execute(
            select(MappingItem.voice_entry_id, Mapping.id, MappingItem.id,
                   MappingItem.category, Mapping.held_on)
            .join(Mapping, Mapping.id == MappingItem.mapping_id)
            .where(MappingItem.voice_entry_id.in_(ids), MappingItem.removed.is_(False))
            .order_by(Mapping.held_on, Mapping.id)):
        if eid is not None:
            out.setdefault(eid, []).append(Placed(mid, iid, Category(cat), held))
    return out


@dataclass(frozen=True)
class Source:
    """Where a mapping item's words came from: which child said them, when, in which
    session and house."""

    case_id: int
    child_id: int
    child_name: str
    three_houses_id: int
    held_on: date
    house: House


def sources(session: Session, items: Iterable[MappingItem]) -> dict[int, Source]:
    """entry id -> its source, for the items of a mapping page: one query."""
    ids = {i.voice_entry_id for i in items if i.voice_entry_id is not None}
    if not ids:
        return {}
    rows = session.execute(
        select(ThreeHousesEntry.id, ThreeHousesEntry.house, ThreeHouses.id,
               ThreeHouses.held_on, ThreeHouses.case_id, Person.id, Person.given_name)
        .join(ThreeHouses, ThreeHouses.id == ThreeHousesEntry.three_houses_id)
        .join(Person, Person.id == ThreeHouses.child_id)
        .where(ThreeHousesEntry.id.in_(ids)))
    return {eid: Source(case_id, pid, name, thid, held, House(house))
            for eid, house, thid, held, case_id, pid, name in rows}


def _check(child: Person, held_on: date | None, sharing: Sharing | None) -> None:
    errors: list[FieldError] = []
    if held_on is not None and held_on > date.today():
        errors.append(FieldError(["body", "held_on"], "The date of the session cannot be in "
                                                      "the future"))
    if held_on is not None and child.date_of_birth and held_on < child.date_of_birth:
        errors.append(FieldError(["body", "held_on"], f"The date is before {child.given_name} "
                                                      "was born"))
    if sharing is not None:
        chosen = any(getattr(sharing, h.value) for h in House)
        if chosen and not sharing.asked_by:
            errors.append(FieldError(["body", "sharing", "asked_by"],
                                     f"Say who asked {child.given_name} who may see their "
                                     "houses"))
    if errors:
        raise Invalid(errors)


def _sharing_columns(sharing: Sharing) -> dict[str, Any]:
    return {"sharing": {h.value: sorted({a.value for a in getattr(sharing, h.value)})
                        for h in House},
            "sharing_asked_by": sharing.asked_by,
            "sharing_asked_on": sharing.asked_on or (date.today() if sharing.asked_by
                                                     else None)}


def create(session: Session, *, case: Case, child: Person, data: ThreeHousesIn,
           actor: Actor) -> ThreeHouses:
    _check(child, data.held_on, data.sharing)
    th = ThreeHouses(case_id=case.id, child_id=child.id, held_on=data.held_on,
                     place=data.place or None, present=data.present or None,
                     interviewer_name=data.interviewer_name or actor.name,
                     child_age=age_on(child, data.held_on), recorded_by_name=actor.name,
                     **_sharing_columns(data.sharing))
    session.add(th)
    session.flush()
    for house in House:
        for n, words in enumerate(w for w in getattr(data, house.value) if w.strip()):
            session.add(ThreeHousesEntry(three_houses_id=th.id, house=house, words=words,
                                         position=n))
    session.flush()
    audit.record(session, actor=actor, action="create", entity_type="three_houses",
                 entity_id=th.id, case_id=case.id,
                 summary=f"recorded My Three Houses with {child.given_name} on "
                         f"{th.held_on:%-d %B %Y}",
                 changes=audit.diff({}, {**audit.snapshot(th, AUDITED),
                                         **{h.value: getattr(data, h.value) for h in House}}))
    return th


def update(session: Session, *, case: Case, child: Person, th: ThreeHouses,
           data: ThreeHousesUpdate, expected_version: int | None, actor: Actor) -> ThreeHouses:
    check_version(th, expected_version)
    _check(child, data.held_on, data.sharing)
    before = audit.snapshot(th, AUDITED)
    fields = data.model_dump(exclude_unset=True, exclude={"sharing"})
    if "held_on" in fields and fields["held_on"] is None:
        raise Invalid([FieldError(["body", "held_on"], "Enter the date of the session")])
    for key, value in fields.items():
        setattr(th, key, value or (None if key != "interviewer_name" else th.interviewer_name))
    if data.held_on is not None:
        th.child_age = age_on(child, data.held_on)
    if data.sharing is not None:
        for key, value in _sharing_columns(data.sharing).items():
            setattr(th, key, value)
    session.flush()
    changes = audit.diff(before, audit.snapshot(th, AUDITED))
    if changes:
        audit.record(session, actor=actor, action="update", entity_type="three_houses",
                     entity_id=th.id, case_id=case.id,
                     summary=f"changed My Three Houses with {child.given_name} of "
                             f"{th.held_on:%-d %B %Y}", changes=changes)
    return th


def add_entry(session: Session, *, case: Case, child: Person, th: ThreeHouses, data: EntryIn,
              actor: Actor) -> ThreeHousesEntry:
    if not data.words.strip():
        raise Invalid([FieldError(["body", "words"], f"Write what {child.given_name} said")])
    position = session.scalar(select(func.coalesce(func.max(ThreeHousesEntry.position) + 1, 0))
                              .where(ThreeHousesEntry.three_houses_id == th.id,
                                     ThreeHousesEntry.house == data.house)) or 0
    entry = ThreeHousesEntry(three_houses_id=th.id, house=data.house, words=data.words,
                             position=position)
    session.add(entry)
    session.flush()
    audit.record(session, actor=actor, action="create", entity_type="three_houses_entry",
                 entity_id=entry.id, case_id=case.id,
                 summary=f"added {child.given_name}'s words to the "
                         f"{HOUSES[data.house]}",
                 changes={"house": {"before": None, "after": data.house.value},
                          "words": {"before": None, "after": data.words}})
    return entry


def change_entry(session: Session, *, case: Case, child: Person, entry: ThreeHousesEntry,
                 words: str, expected_version: int | None, actor: Actor) -> ThreeHousesEntry:
    check_version(entry, expected_version)
    if not words.strip():
        raise Invalid([FieldError(["body", "words"], f"Write what {child.given_name} said")])
    before = entry.words
    entry.words = words
    session.flush()
    if before != words:
        audit.record(session, actor=actor, action="update", entity_type="three_houses_entry",
                     entity_id=entry.id, case_id=case.id,
                     summary=f"changed {child.given_name}'s words in the "
                             f"{HOUSES[entry.house]}",
                     changes={"words": {"before": before, "after": words}})
    return entry


def remove_entry(session: Session, *, case: Case, child: Person, entry: ThreeHousesEntry,
                 expected_version: int | None, actor: Actor) -> None:
    check_version(entry, expected_version)
    entry.removed = True
    session.flush()
    audit.record(session, actor=actor, action="remove", entity_type="three_houses_entry",
                 entity_id=entry.id, case_id=case.id,
                 summary=f"removed {child.given_name}'s words from the {HOUSES[entry.house]}",
                 changes={"removed": {"before": False, "after": True},
                          "words": {"before": entry.words, "after": entry.words}})


def current_mapping(session: Session, *, case: Case) -> Mapping | None:
    """The mapping the child's words go into: the case's latest (not a group-supervision
    map)."""
    return session.scalar(
        select(Mapping).where(Mapping.case_id == case.id,
                              Mapping.kind != MappingKind.group_supervision)
        .order_by(Mapping.held_on.desc(), Mapping.id.desc()).limit(1))


def place(session: Session, *, case: Case, child: Person, th: ThreeHouses,
          entry: ThreeHousesEntry, category: Category | None, actor: Actor) -> MappingItem:
    """Put the child's words into the current mapping, in the house's column, as the child's
    own words about themselves; the item names the entry it came from."""
    allowed = PLACES[entry.house]
    category = category or allowed[0]
    if category not in allowed:
        raise Invalid([FieldError(["body", "category"],
                                  f"Words from the {HOUSES[entry.house]} go under "
                                  + " or ".join(label(c).lower()
                                                for c in allowed))])
    mapping = current_mapping(session, case=case)
    if mapping is None:
        raise Conflict(f"There is no mapping on this case yet. Start one, then add "
                       f"{child.given_name}'s words to it.")
    if mapping.status != MappingStatus.draft:
        raise Conflict("The latest mapping has been shared with the family, so nothing can "
                       "be added to it. Start a review, then add the words to that.")
    already = session.scalar(select(MappingItem.id).where(
        MappingItem.mapping_id == mapping.id, MappingItem.voice_entry_id == entry.id,
        MappingItem.removed.is_(False)))
    if already is not None:
        raise Conflict(f"These words are already in the mapping of {mapping.held_on:%-d %B %Y}.")
    words = {Category.harm: "harm_adult_action", Category.danger_statement: "ds_behaviour",
             Category.safety_goal: "sg_carers_doing"}.get(category, "text")
    item = item_service.create(
        session, case=case, mapping=mapping,
        data=ItemCreate.model_validate({
            "category": category, words: entry.words, "source_kind": SourceKind.child,
            "source_person_id": child.id, "child_ids": [child.id]}),
        actor=actor)
    item.voice_entry_id = entry.id
    session.flush()
    audit.record(session, actor=actor, action="update", entity_type="mapping_item",
                 entity_id=item.id, case_id=case.id,
                 summary=f"noted that these are {child.given_name}'s words from My Three "
                         f"Houses of {th.held_on:%-d %B %Y}",
                 changes={"voice_entry_id": {"before": None, "after": entry.id}})
    return item


def read(session: Session, th: ThreeHouses) -> ThreeHousesRead:
    houses = entries(session, th)
    where = placed(session, [e.id for es in houses.values() for e in es])
    return ThreeHousesRead(
        id=th.id, child_id=th.child_id, held_on=th.held_on, place=th.place,
        present=th.present, interviewer_name=th.interviewer_name, child_age=th.child_age,
        sharing=sharing_of(th),
        entries=[EntryRead(id=e.id, house=e.house, words=e.words, version=e.version,
                           placed=[PlacedRead(mapping_id=p.mapping_id, item_id=p.item_id,
                                              category=p.category, held_on=p.held_on)
                                   for p in where.get(e.id, [])])
                 for es in houses.values() for e in es],
        pictures=[picture_service.read(p) for p in picture_service.for_session(session, th)],
        created_at=th.created_at, version=th.version)


@dataclass
class ChildVoice:
    """What one child said in a session that one audience may see, for a document: the
    houses and pictures the child agreed to, and whether anything was kept back."""

    child: Person
    th: ThreeHouses
    houses: list[tuple[House, list[str]]]
    pictures: list[Any]
    kept_back: bool


def voice_for(session: Session, *, th: ThreeHouses, child: Person,
              audience: Audience) -> ChildVoice:
    houses = entries(session, th)
    shown = [(h, [e.words for e in houses[h]]) for h in House
             if houses[h] and may_see(th, h, audience)]
    pictures = picture_service.for_session(session, th, with_content=True)
    allowed = [p for p in pictures if picture_service.may_see(p, audience)]
    kept_back = (any(houses[h] and not may_see(th, h, audience) for h in House)
                 or len(allowed) < len(pictures))
    return ChildVoice(child, th, shown, allowed, kept_back)


def voices_for_case(session: Session, *, case: Case, audience: Audience) -> list[ChildVoice]:
    """Each child's latest My Three Houses, as this audience may see it."""
    latest: dict[int, ThreeHouses] = {}
    for th in session.scalars(select(ThreeHouses).where(
            ThreeHouses.case_id == case.id, ThreeHouses.removed.is_(False))
            .order_by(ThreeHouses.held_on, ThreeHouses.id)):
        latest[th.child_id] = th
    out = []
    for child_id, th in latest.items():
        child = session.get(Person, child_id)
        if child is not None and not child.archived:
            out.append(voice_for(session, th=th, child=child, audience=audience))
    return sorted(out, key=lambda v: (v.child.date_of_birth or date.max, v.child.given_name))
