"""Items in a mapping's categories: add, change, remove (kept in history), reorder, pair."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, cast

from sqlalchemy import Table, func, select
from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from app.errors import Conflict, FieldError, Invalid, NotFound
from app.models.base import utcnow
from app.models.case import Case
from app.models.enums import LINKS, Category, MappingStatus, PersonKind, SourceKind, label
from app.models.mapping import Mapping
from app.models.mapping_item import ItemChild, ItemLink, MappingItem
from app.models.person import Person
from app.models.user import User
from app.schemas.mapping_item import ItemCreate, ItemUpdate
from app.services import audit, census_codes, mapping_version
from app.services.access import is_team_manager
from app.services.audit import Actor
from app.services.case import check_version
from app.services.mapping import require_draft

HARM = ["harm_adult_action", "harm_impact", "harm_severity", "harm_pattern", "harm_when"]
DANGER = ["ds_who_worried", "ds_behaviour", "ds_impact", "family_view", "family_view_words"]
GOAL = ["sg_carers_doing", "sg_child_experience", "sg_professionals_see", "sg_duration",
        "sg_sustain_weeks", "pairs_with_id"]
SAFETY = ["es_from", "es_to"]
NEXT = ["ns_who", "ns_by_when", "ns_done"]
ONLY_FOR = {**{f: Category.harm for f in HARM}, **{f: Category.danger_statement for f in DANGER},
            **{f: Category.safety_goal for f in GOAL}, **{f: Category.next_step for f in NEXT},
            **{f: Category.existing_safety for f in SAFETY}}
AUDITED = ["text", "source_kind", "source_person_id", "source_name", "recorded_on", "position",
           "removed", *HARM, *DANGER, *GOAL, *SAFETY, *NEXT, "census_factors"]
FIELD_NAMES = {
    "text": "text", "harm_adult_action": "what the adult did", "harm_impact": "impact on the child",
    "harm_severity": "severity", "harm_pattern": "how often", "harm_when": "when",
    "ds_who_worried": "who is worried", "ds_behaviour": "what the adults did or may do",
    "ds_impact": "likely impact on the child", "family_view": "the family's view",
    "family_view_words": "the family's words", "sg_carers_doing": "what the carers will be doing",
    "sg_child_experience": "what the child will experience",
    "sg_professionals_see": "what professionals will see", "sg_duration": "for how long",
    "pairs_with_id": "paired danger statement", "ns_who": "who", "ns_by_when": "by when",
    "ns_done": "done", "sg_sustain_weeks": "weeks the safety must be shown",
    "es_from": "seen since", "es_to": "seen until", "link_ids": "links",
    "census_factors": "census factors",
}
LINK_WORDS = {
    Category.harm: "Choose the danger statements this harm grounds, in this mapping",
    Category.next_step: "Choose the safety goals this step serves, in this mapping",
    Category.existing_safety: "Choose the safety goals this safety serves, in this mapping",
}


def display_text(item: MappingItem) -> str:
    """The words to show for an item: its text, or a sentence built from its structure."""
    if item.text:
        return item.text
    if item.category == Category.danger_statement and item.ds_behaviour:
        who = item.ds_who_worried or "We"
        tail = f" {item.ds_impact}" if item.ds_impact else ""
        return f"{who} are worried that {item.ds_behaviour}.{tail}".replace("..", ".")
    if item.category == Category.safety_goal and item.sg_carers_doing:
        return item.sg_carers_doing
    if item.category == Category.harm and item.harm_adult_action:
        return item.harm_adult_action
    return ""


def weeks_shown(item: MappingItem, today: date | None = None) -> int | None:
    """For existing safety with a start date: for how many whole weeks it has been seen."""
    if item.es_from is None:
        return None
    end = item.es_to or today or date.today()
    return max(0, (end - item.es_from).days // 7)


def most_weeks_shown(items: Iterable[MappingItem], today: date | None = None) -> int | None:
    """For a safety goal: the longest any of the existing safety serving it has been seen."""
    weeks = [w for w in (weeks_shown(i, today) for i in items) if w is not None]
    return max(weeks) if weeks else None


def short(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def load(session: Session, *, mapping: Mapping, item_id: int) -> MappingItem:
    item = session.scalar(
        select(MappingItem)
        .where(MappingItem.id == item_id, MappingItem.mapping_id == mapping.id,
               MappingItem.removed.is_(False))
        .options(selectinload(MappingItem.children), selectinload(MappingItem.links))
    )
    if item is None:
        raise NotFound("We could not find that item in this mapping.")
    return item


def _validate(session: Session, *, case: Case, mapping: Mapping, category: Category,
              values: dict[str, Any], item_id: int | None) -> None:
    errors: list[FieldError] = []
    for key, only in ONLY_FOR.items():
        if key == "ns_done":
            continue
        if values.get(key) not in (None, "") and category != only:
            errors.append(FieldError(["body", key],
                f"{FIELD_NAMES[key].capitalize()} is only for {label(only).lower()}"))
    factors = values.get("census_factors")
    if factors and category not in (Category.harm, Category.danger_statement):
        errors.append(FieldError(["body", "census_factors"], "Census factors are tagged on harm "
                                                             "and danger statements"))
    elif factors:
        errors.extend(census_codes.factor_errors(census_codes.split(factors), "census_factors"))
    has_words = bool(values.get("text")) or (
        category == Category.harm and bool(values.get("harm_adult_action"))) or (
        category == Category.danger_statement and bool(values.get("ds_behaviour"))) or (
        category == Category.safety_goal and bool(values.get("sg_carers_doing")))
    if not has_words:
        where = {Category.harm: "harm_adult_action", Category.danger_statement: "ds_behaviour",
                 Category.safety_goal: "sg_carers_doing"}.get(category, "text")
        message = {
            Category.harm: "Describe what happened: what the adult did",
            Category.danger_statement: "Describe what the adults did or may do, in words that "
                                       "say what happens, not a label",
            Category.safety_goal: "Describe what the parents or carers will be doing",
        }.get(category, "Enter the text")
        errors.append(FieldError(["body", where], message))
    people = {p.id: p for p in session.scalars(select(Person).where(Person.case_id == case.id))}
    src = values.get("source_person_id")
    if src is not None and src not in people:
        errors.append(FieldError(["body", "source_person_id"], "Choose someone on this case"))
    if values.get("source_kind") == SourceKind.child and src is not None and src in people \
            and people[src].kind != PersonKind.child:
        errors.append(FieldError(["body", "source_person_id"],
                                 "In their own words means a child: choose a child"))
    for i, cid in enumerate(values.get("child_ids") or []):
        if cid not in people or people[cid].kind != PersonKind.child:
            errors.append(FieldError(["body", "child_ids", i], "Choose a child on this case"))
    pair = values.get("pairs_with_id")
    if pair is not None and category == Category.safety_goal:
        danger = session.get(MappingItem, pair)
        if danger is None or danger.mapping_id != mapping.id or danger.removed \
                or danger.category != Category.danger_statement:
            errors.append(FieldError(["body", "pairs_with_id"],
                                     "Choose a danger statement in this mapping"))
        else:
            taken = session.scalar(select(MappingItem.id).where(
                MappingItem.pairs_with_id == pair, MappingItem.removed.is_(False)))
            if taken is not None and taken != item_id:
                raise Conflict("That danger statement already has a safety goal. Change that "
                               "goal instead, or pair this goal with another danger statement.")
    start, end = values.get("es_from"), values.get("es_to")
    if start is not None and end is not None and end < start:
        errors.append(FieldError(["body", "es_to"], "The end date must be on or after the "
                                                    "date it was first seen"))
    links = values.get("link_ids") or []
    if links and category not in LINKS:
        errors.append(FieldError(["body", "link_ids"],
                                 f"Items in {label(category).lower()} are not linked to others"))
    elif links:
        targets = {i.id: i for i in session.scalars(select(MappingItem).where(
            MappingItem.id.in_(links), MappingItem.mapping_id == mapping.id,
            MappingItem.removed.is_(False), MappingItem.category == LINKS[category]))}
        for i, tid in enumerate(links):
            if tid not in targets:
                errors.append(FieldError(["body", "link_ids", i], LINK_WORDS[category]))
    if errors:
        raise Invalid(errors)


def _set_links(session: Session, item: MappingItem, link_ids: list[int]) -> None:
    for old in list(item.links):
        session.delete(old)
    session.flush()
    for tid in dict.fromkeys(link_ids):
        session.add(ItemLink(item_id=item.id, target_id=tid))


def link_ids(item: MappingItem) -> list[int]:
    return sorted(link.target_id for link in item.links)


def _set_children(session: Session, item: MappingItem, child_ids: list[int]) -> None:
    for old in list(item.children):
        session.delete(old)
    session.flush()
    for cid in dict.fromkeys(child_ids):
        session.add(ItemChild(item_id=item.id, child_id=cid))


def _child_ids(item: MappingItem) -> list[int]:
    return sorted(c.child_id for c in item.children)


def require_changeable(session: Session, *, case: Case, mapping: Mapping,
                       actor: Actor) -> None:
    """Items change while the mapping is a draft; once it is shared, only the team manager
    may still correct them, before signing it off (each correction is audited)."""
    if mapping.status == MappingStatus.agreed and actor.user_id is not None and (
            is_team_manager(session.get(User, actor.user_id), case.team_id)):
        mapping_version.correcting(session, mapping.id)
        return
    require_draft(mapping)


def create(session: Session, *, case: Case, mapping: Mapping, data: ItemCreate,
           actor: Actor) -> MappingItem:
    require_changeable(session, case=case, mapping=mapping, actor=actor)
    values = data.model_dump(exclude={"category", "child_ids", "link_ids"})
    values["text"] = values.get("text") or ""
    _validate(session, case=case, mapping=mapping, category=data.category,
              values={**values, "child_ids": data.child_ids, "link_ids": data.link_ids},
              item_id=None)
    position = session.scalar(select(func.coalesce(func.max(MappingItem.position) + 1, 0)).where(
        MappingItem.mapping_id == mapping.id, MappingItem.category == data.category,
        MappingItem.removed.is_(False))) or 0
    values["ns_done"] = bool(values.get("ns_done"))
    values["recorded_on"] = values.get("recorded_on") or date.today()
    item = MappingItem(mapping_id=mapping.id, category=data.category, position=position,
                       author_id=actor.user_id, **values)
    session.add(item)
    session.flush()
    item.lineage_id = item.id
    # A new item's children are exactly these: no need to read them back.
    children = [ItemChild(item_id=item.id, child_id=cid)
                for cid in dict.fromkeys(data.child_ids or [])]
    session.add_all(children)
    set_committed_value(item, "children", children)
    links = [ItemLink(item_id=item.id, target_id=tid)
             for tid in dict.fromkeys(data.link_ids or [])]
    session.add_all(links)
    set_committed_value(item, "links", links)
    session.flush()
    audit.record(session, actor=actor, action="create", entity_type="mapping_item",
                 entity_id=item.id, case_id=case.id,
                 summary=f"added to {label(item.category).lower()}: "
                         f"“{short(display_text(item))}”",
                 changes=audit.diff({}, {**audit.snapshot(item, AUDITED),
                                         "link_ids": sorted(set(data.link_ids or []))}))
    return item



def update(session: Session, *, case: Case, mapping: Mapping, item: MappingItem,
           data: ItemUpdate, expected_version: int | None, actor: Actor) -> MappingItem:
    check_version(item, expected_version)
    require_changeable(session, case=case, mapping=mapping, actor=actor)
    changes = data.model_dump(exclude_unset=True, exclude={"child_ids", "link_ids"})
    if "text" in changes and changes["text"] is None:
        changes["text"] = ""
    if "ns_done" in changes:
        changes["ns_done"] = bool(changes["ns_done"])
    before = audit.snapshot(item, AUDITED)
    merged = {**before, **changes,
              "child_ids": data.child_ids if data.child_ids is not None else _child_ids(item),
              "link_ids": data.link_ids if data.link_ids is not None else link_ids(item)}
    merged["source_person_id"] = changes.get("source_person_id", item.source_person_id)
    merged["pairs_with_id"] = changes.get("pairs_with_id", item.pairs_with_id)
    # Only validate category fields that are being set, plus the words rule.
    _validate(session, case=case, mapping=mapping, category=item.category,
              values={k: v for k, v in merged.items()
                      if k not in ONLY_FOR or k in changes or ONLY_FOR[k] == item.category},
              item_id=item.id)
    for k, v in changes.items():
        setattr(item, k, v)
    delta = audit.diff(before, audit.snapshot(item, AUDITED))
    if data.child_ids is not None and sorted(set(data.child_ids)) != _child_ids(item):
        delta["child_ids"] = {"before": _child_ids(item), "after": sorted(set(data.child_ids))}
        _set_children(session, item, data.child_ids)
        item.updated_at = utcnow()
    if data.link_ids is not None and sorted(set(data.link_ids)) != link_ids(item):
        delta["link_ids"] = {"before": link_ids(item), "after": sorted(set(data.link_ids))}
        _set_links(session, item, data.link_ids)
        item.updated_at = utcnow()
    if delta:
        session.flush()
        audit.record(session, actor=actor, action="update", entity_type="mapping_item",
                     entity_id=item.id, case_id=case.id,
                     summary=_describe(item, delta), changes=delta)
    session.expire(item)
    return load(session, mapping=mapping, item_id=item.id)


def _describe(item: MappingItem, delta: dict[str, dict[str, Any]]) -> str:
    what = label(item.category).lower()
    if set(delta) == {"text"}:
        return (f"changed an item in {what} from “{short(str(delta['text']['before']))}” "
                f"to “{short(str(delta['text']['after']))}”")
    names = ", ".join(FIELD_NAMES.get(k, k.replace("_", " ")) for k in delta)
    return f"changed {names} of “{short(display_text(item))}” in {what}"


def remove(session: Session, *, case: Case, mapping: Mapping, item: MappingItem,
           expected_version: int | None, actor: Actor) -> None:
    """Removed items leave the mapping but stay in the history."""
    check_version(item, expected_version)
    require_changeable(session, case=case, mapping=mapping, actor=actor)
    item.removed = True
    if item.category == Category.danger_statement:
        goals = select(MappingItem).where(MappingItem.pairs_with_id == item.id)
        for goal in session.scalars(goals):
            goal.pairs_with_id = None
    item.pairs_with_id = None
    session.flush()
    audit.record(session, actor=actor, action="remove", entity_type="mapping_item",
                 entity_id=item.id, case_id=case.id,
                 summary=f"removed from {label(item.category).lower()}: "
                         f"“{short(display_text(item))}”",
                 changes={"removed": {"before": False, "after": True}})


def move(session: Session, *, case: Case, mapping: Mapping, item: MappingItem, position: int,
         actor: Actor) -> MappingItem:
    """Move an item to a new place in its category. The order is not part of any one item's
    words, so it does not change the items' versions: someone editing an item while another
    person reorders the category is not told their copy is out of date. Reorderings of one
    category take turns (their rows are locked first on PostgreSQL), so each starts from the
    order the last one left."""
    require_changeable(session, case=case, mapping=mapping, actor=actor)
    # Locked in id order, which no one changes, so that two reorderings never wait for each
    # other in a circle; then put in their current order.
    siblings = sorted(session.scalars(
        select(MappingItem).where(
            MappingItem.mapping_id == mapping.id, MappingItem.category == item.category,
            MappingItem.removed.is_(False))
        .order_by(MappingItem.id)
        .with_for_update()
        .execution_options(populate_existing=True)), key=lambda i: (i.position, i.id))
    old = siblings.index(item)
    position = max(0, min(position, len(siblings) - 1))
    if old == position:
        return load(session, mapping=mapping, item_id=item.id)
    siblings.insert(position, siblings.pop(old))
    table = cast(Table, MappingItem.__table__)
    for i, s in enumerate(siblings):
        if s.position != i:
            session.execute(sql_update(table).where(table.c.id == s.id).values(position=i))
            set_committed_value(s, "position", i)
    mapping_version.touched(session, mapping.id)
    session.flush()
    audit.record(session, actor=actor, action="move", entity_type="mapping_item",
                 entity_id=item.id, case_id=case.id,
                 summary=f"moved “{short(display_text(item))}” to place {position + 1} in "
                         f"{label(item.category).lower()}",
                 changes={"position": {"before": old, "after": position}})
    return load(session, mapping=mapping, item_id=item.id)


def pair(session: Session, *, case: Case, mapping: Mapping, danger_id: int, goal_id: int,
         actor: Actor) -> MappingItem:
    goal = load(session, mapping=mapping, item_id=goal_id)
    if goal.category != Category.safety_goal:
        raise Invalid([FieldError(["body", "goal_id"], "Choose a safety goal")])
    return update(session, case=case, mapping=mapping, item=goal,
                  data=ItemUpdate(pairs_with_id=danger_id), expected_version=None, actor=actor)
