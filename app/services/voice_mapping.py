"""A child's words carried into the mapping: one action puts an entry of My Three Houses or the
Safety House into the case's current draft mapping, in the column its part belongs to, and
the source is kept both ways (the item names the entry; the session lists where each entry
went)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import Conflict, FieldError, Invalid
from app.models.case import Case
from app.models.enums import (
    Category,
    MappingKind,
    MappingStatus,
    SourceKind,
    VoicePart,
    VoiceTool,
    label,
)
from app.models.mapping import Mapping
from app.models.mapping_item import MappingItem
from app.models.person import Person
from app.models.voice import VoiceEntry, VoiceSession
from app.schemas.mapping_item import ItemCreate
from app.services import audit
from app.services import mapping_item as item_service
from app.services.audit import Actor

#: Where each part's words may go in a mapping; the first is where they go unless the
#: worker chooses.
PLACES: dict[VoicePart, list[Category]] = {
    VoicePart.worries: [Category.harm, Category.danger_statement, Category.complicating_factor],
    VoicePart.good_things: [Category.existing_strength, Category.existing_safety],
    VoicePart.dreams: [Category.safety_goal],
    VoicePart.inside: [Category.existing_safety, Category.existing_strength],
    VoicePart.path: [Category.existing_strength, Category.existing_safety],
    VoicePart.roof: [Category.safety_goal, Category.bottom_line],
    VoicePart.red_circle: [Category.danger_statement, Category.harm,
                           Category.complicating_factor],
}
#: The field that holds an item's words, where it is not `text`.
_WORDS = {Category.harm: "harm_adult_action", Category.danger_statement: "ds_behaviour",
          Category.safety_goal: "sg_carers_doing"}


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
    """Where a mapping item's words came from: which child said them, when, with which tool
    and in which part."""

    case_id: int
    child_id: int
    child_name: str
    session_id: int
    tool: VoiceTool
    held_on: date
    part: VoicePart


def sources(session: Session, items: Iterable[MappingItem]) -> dict[int, Source]:
    """entry id -> its source, for the items of a mapping page: one query."""
    ids = {i.voice_entry_id for i in items if i.voice_entry_id is not None}
    if not ids:
        return {}
    rows = session.execute(
        select(VoiceEntry.id, VoiceEntry.part, VoiceSession.id, VoiceSession.tool,
               VoiceSession.held_on, VoiceSession.case_id, Person.id, Person.given_name)
        .join(VoiceSession, VoiceSession.id == VoiceEntry.session_id)
        .join(Person, Person.id == VoiceSession.child_id)
        .where(VoiceEntry.id.in_(ids)))
    return {eid: Source(case_id, pid, name, sid, VoiceTool(tool), held, VoicePart(part))
            for eid, part, sid, tool, held, case_id, pid, name in rows}


def current_mapping(session: Session, *, case: Case) -> Mapping | None:
    """The mapping the child's words go into: the case's latest (not a group-supervision
    map)."""
    return session.scalar(
        select(Mapping).where(Mapping.case_id == case.id,
                              Mapping.kind != MappingKind.group_supervision)
        .order_by(Mapping.held_on.desc(), Mapping.id.desc()).limit(1))


def place(session: Session, *, case: Case, child: Person, vs: VoiceSession, entry: VoiceEntry,
          category: Category | None, actor: Actor) -> MappingItem:
    """Put the child's words into the current mapping, in the part's column, as the child's
    own words about themselves; the item names the entry it came from."""
    allowed = PLACES[entry.part]
    category = category or allowed[0]
    if category not in allowed:
        raise Invalid([FieldError(["body", "category"],
                                  "These words go under "
                                  + " or ".join(label(c).lower() for c in allowed))])
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
    item = item_service.create(
        session, case=case, mapping=mapping,
        data=ItemCreate.model_validate({
            "category": category, _WORDS.get(category, "text"): entry.words,
            "source_kind": SourceKind.child, "source_person_id": child.id,
            "child_ids": [child.id]}),
        actor=actor)
    item.voice_entry_id = entry.id
    session.flush()
    audit.record(session, actor=actor, action="update", entity_type="mapping_item",
                 entity_id=item.id, case_id=case.id,
                 summary=f"noted that these are {child.given_name}'s words from the session "
                         f"of {vs.held_on:%-d %B %Y}",
                 changes={"voice_entry_id": {"before": None, "after": entry.id}})
    return item
