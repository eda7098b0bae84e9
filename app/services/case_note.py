"""Case notes and visits. Anyone who may change the case writes them; a note is changed later
only by the person who wrote it or the team manager, and every change is audited with its
before and after (that is the note's history). Notes are never deleted."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.errors import FieldError, Forbidden, Invalid, NotFound
from app.models.attachment import Attachment
from app.models.base import utcnow
from app.models.case import Case
from app.models.case_note import CaseNote, NoteChild, NoteItem
from app.models.enums import MappingKind, NoteKind, PersonKind, label
from app.models.mapping import Mapping
from app.models.mapping_item import MappingItem
from app.models.person import Person
from app.schemas.case_note import (
    CaseNoteCreate,
    CaseNoteRead,
    CaseNoteUpdate,
    NoteChildIn,
    NoteChildRead,
    NoteItemRead,
)
from app.services import access, audit, mapping_item
from app.services.access import Principal
from app.services.audit import Actor
from app.services.case import check_version

AUDITED = ["kind", "occurred_on", "occurred_time", "title", "body", "location",
           "others_present", "significant"]
FIELD_NAMES = {"occurred_on": "date", "occurred_time": "time", "title": "summary",
               "body": "write-up", "others_present": "who else was there",
               "significant": "significant event", "children": "children",
               "items": "what it told us"}
_OPTIONS = (selectinload(CaseNote.children), selectinload(CaseNote.items))


def load(session: Session, *, case: Case, note_id: int) -> CaseNote:
    note = session.scalar(select(CaseNote).where(CaseNote.id == note_id,
                                                 CaseNote.case_id == case.id).options(*_OPTIONS))
    if note is None:
        raise NotFound("We could not find that note on this case.")
    return note


def list_for_case(session: Session, *, case: Case, kind: NoteKind | None = None,
                  child_id: int | None = None) -> list[CaseNote]:
    """Newest first."""
    stmt = select(CaseNote).where(CaseNote.case_id == case.id).options(*_OPTIONS)
    if kind is not None:
        stmt = stmt.where(CaseNote.kind == kind)
    if child_id is not None:
        about = select(NoteChild.note_id).where(NoteChild.child_id == child_id)
        anyone = select(NoteChild.note_id)
        stmt = stmt.where(CaseNote.id.in_(about) | CaseNote.id.not_in(anyone))
    return list(session.scalars(stmt.order_by(CaseNote.occurred_on.desc(),
                                              CaseNote.occurred_time.desc(),
                                              CaseNote.id.desc())))


def children_of(session: Session, case: Case) -> dict[int, Person]:
    return {p.id: p for p in session.scalars(
        select(Person).where(Person.case_id == case.id, Person.kind == PersonKind.child)
        .order_by(Person.date_of_birth.desc(), Person.id))}


def linkable_items(session: Session, case: Case) -> list[tuple[MappingItem, Mapping]]:
    """Items a note can be evidence for: those on the case's mappings (not the team's
    group-supervision maps), newest mapping first."""
    return [(i, m) for i, m in session.execute(
        select(MappingItem, Mapping).join(Mapping, Mapping.id == MappingItem.mapping_id)
        .where(Mapping.case_id == case.id, Mapping.kind != MappingKind.group_supervision,
               MappingItem.removed.is_(False))
        .order_by(Mapping.held_on.desc(), Mapping.id.desc(), MappingItem.category,
                  MappingItem.position, MappingItem.id))]


def evidence_for(session: Session, *, case: Case,
                 items: list[MappingItem]) -> dict[int, list[CaseNote]]:
    """item id -> the notes linked to it as evidence (or to the item it was carried forward
    from), oldest first: one query for a whole mapping."""
    keys: dict[int, list[int]] = {}
    for item in items:
        for source in (item.id, item.carried_from_id):
            if source is not None:
                keys.setdefault(source, []).append(item.id)
    if not keys:
        return {}
    out: dict[int, list[CaseNote]] = {}
    for link, note in session.execute(
        select(NoteItem.item_id, CaseNote).join(CaseNote, CaseNote.id == NoteItem.note_id)
        .where(NoteItem.item_id.in_(list(keys)), CaseNote.case_id == case.id)
        .order_by(CaseNote.occurred_on, CaseNote.id)
    ):
        for item_id in keys[link]:
            if note not in out.setdefault(item_id, []):
                out[item_id].append(note)
    return out


def _items(session: Session, case: Case) -> dict[int, MappingItem]:
    return {i.id: i for i, _ in linkable_items(session, case)}


def _validate(session: Session, case: Case, values: dict[str, Any],
              children: list[NoteChildIn] | None, item_ids: list[int] | None) -> None:
    errors: list[FieldError] = []
    today = date.today()
    when = values.get("occurred_on")
    if when is not None and when > today:
        errors.append(FieldError(["body", "occurred_on"],
                                 "The date it happened must be today or in the past"))
    elif when is not None and when < today - timedelta(days=366 * 30):
        errors.append(FieldError(["body", "occurred_on"],
                                 "The date it happened must be within the last 30 years"))
    is_visit = values.get("kind") == NoteKind.visit
    if children is not None:
        known = children_of(session, case)
        seen_ids: set[int] = set()
        for i, c in enumerate(children):
            loc: list[str | int] = ["body", "children", i]
            if c.child_id not in known:
                errors.append(FieldError([*loc, "child_id"], "Choose a child on this case"))
            elif c.child_id in seen_ids:
                errors.append(FieldError([*loc, "child_id"], "Each child can be listed once"))
            seen_ids.add(c.child_id)
            name = known[c.child_id].given_name if c.child_id in known else "A child"
            if (c.seen or c.seen_alone) and not is_visit:
                errors.append(FieldError([*loc, "seen"],
                                         "Seen and seen alone are recorded for visits only"))
            elif c.seen_alone and not c.seen:
                errors.append(FieldError([*loc, "seen_alone"],
                                         f"{name} was seen alone, so tick that they were seen "
                                         "too"))
    if item_ids:
        ok = _items(session, case)
        for i, item_id in enumerate(item_ids):
            if item_id not in ok:
                errors.append(FieldError(["body", "item_ids", i],
                                         "Choose an item from a mapping on this case"))
    if not is_visit and values.get("kind") != NoteKind.meeting and values.get("location"):
        errors.append(FieldError(["body", "location"],
                                 "Where it happened is recorded for visits and meetings"))
    if errors:
        raise Invalid(errors)


def _set_children(session: Session, note: CaseNote, wanted: list[NoteChildIn],
                  names: dict[int, Person]) -> dict[str, Any] | None:
    before = _children_view(note.children, names)
    for old in list(note.children):
        session.delete(old)
    session.flush()
    for c in wanted:
        session.add(NoteChild(note_id=note.id, child_id=c.child_id, seen=c.seen,
                              seen_alone=c.seen_alone))
    after = _children_view(wanted, names)
    return None if before == after else {"before": before, "after": after}


def _children_view(rows: Any, names: dict[int, Person]) -> dict[str, str]:
    out = {}
    for r in rows:
        name = names[r.child_id].full_name if r.child_id in names else str(r.child_id)
        out[name] = "seen alone" if r.seen_alone else "seen" if r.seen else "about"
    return out


def _set_items(session: Session, note: CaseNote, wanted: list[int],
               items: dict[int, MappingItem]) -> dict[str, Any] | None:
    """Replace the links; the audit names the items in words, not by their ids."""
    def words(ids: list[int]) -> list[str]:
        return sorted(f"{label(items[i].category)}: "
                      f"{mapping_item.short(mapping_item.display_text(items[i]))}"
                      if i in items else str(i) for i in ids)

    before = words([i.item_id for i in note.items])
    for old in list(note.items):
        session.delete(old)
    session.flush()
    after_ids = list(dict.fromkeys(wanted))
    for item_id in after_ids:
        session.add(NoteItem(note_id=note.id, item_id=item_id))
    after = words(after_ids)
    return None if before == after else {"before": before, "after": after}


def create(session: Session, *, case: Case, data: CaseNoteCreate, actor: Actor) -> CaseNote:
    values = data.model_dump(exclude={"children", "item_ids"})
    values["body"] = values.get("body") or ""
    values["significant"] = bool(values.get("significant"))
    _validate(session, case, values, data.children, data.item_ids)
    note = CaseNote(case_id=case.id, author_id=actor.user_id, author_name=actor.name, **values)
    session.add(note)
    session.flush()
    changes = audit.diff({}, audit.snapshot(note, AUDITED))
    names = children_of(session, case)
    session.refresh(note, ["children", "items"])
    if data.children and (delta := _set_children(session, note, data.children, names)):
        changes["children"] = delta
    if data.item_ids and (delta := _set_items(session, note, data.item_ids,
                                              _items(session, case))):
        changes["items"] = delta
    audit.record(session, actor=actor, action="create", entity_type="case_note",
                 entity_id=note.id, case_id=case.id,
                 summary=f"recorded a {label(note.kind).lower()}: “{note.title}”",
                 changes=changes)
    session.expire(note)
    return load(session, case=case, note_id=note.id)


def can_change(principal: Principal, case: Case, note: CaseNote) -> bool:
    """The person who wrote it, or the team manager (who may correct the record). An API
    token with the write scope acts for the service and may too."""
    if not access.can_edit(principal, case):
        return False
    if principal.token is not None:
        return True
    return note.author_id == principal.actor.user_id or access.can_sign_off(principal, case)


def not_yours() -> Forbidden:
    return Forbidden("Only the person who wrote this note or the team manager can change it.")


def update(session: Session, *, case: Case, note: CaseNote, data: CaseNoteUpdate,
           expected_version: int | None, principal: Principal) -> CaseNote:
    if not can_change(principal, case, note):
        raise not_yours()
    check_version(note, expected_version)
    changes = data.model_dump(exclude_unset=True, exclude={"children", "item_ids"})
    for key in ("kind", "occurred_on", "title", "significant"):
        if key in changes and changes[key] is None:
            raise Invalid([FieldError(["body", key],
                                      f"Enter the {FIELD_NAMES.get(key, key)}")])
    if "body" in changes:
        changes["body"] = changes["body"] or ""
    before = audit.snapshot(note, AUDITED)
    merged = {**{k: getattr(note, k) for k in AUDITED}, **changes}
    children = data.children
    if children is None and merged["kind"] != NoteKind.visit and note.kind == NoteKind.visit:
        # No longer a visit: who was seen no longer applies, but who it was about still does.
        children = [NoteChildIn(child_id=c.child_id) for c in note.children]
    if "location" not in changes and merged["kind"] not in (NoteKind.visit, NoteKind.meeting):
        changes["location"] = merged["location"] = None
    _validate(session, case, merged, children, data.item_ids)
    for key, value in changes.items():
        setattr(note, key, value)
    delta = audit.diff(before, audit.snapshot(note, AUDITED))
    names = children_of(session, case)
    if children is not None and (d := _set_children(session, note, children, names)):
        delta["children"] = d
    if data.item_ids is not None and (d := _set_items(session, note, data.item_ids,
                                                      _items(session, case))):
        delta["items"] = d
    if delta:
        if not set(delta) & set(AUDITED):
            # The note's own version moves on when only its children or links changed.
            note.updated_at = utcnow()
        session.flush()
        audit.record(session, actor=principal.actor, action="update", entity_type="case_note",
                     entity_id=note.id, case_id=case.id,
                     summary=f"changed the {label(note.kind).lower()} “{note.title}”: "
                             + ", ".join(FIELD_NAMES.get(k, k.replace("_", " "))
                                         for k in delta),
                     changes=delta)
    session.expire(note)
    return load(session, case=case, note_id=note.id)


def read(session: Session, *, case: Case, note: CaseNote) -> CaseNoteRead:
    return read_many(session, case=case, notes=[note])[0]


def read_many(session: Session, *, case: Case, notes: list[CaseNote]) -> list[CaseNoteRead]:
    """The notes as the API shows them: the children's names, the linked items and the files
    are each read once for all the notes, not once a note."""
    names = children_of(session, case)
    items = _items(session, case)
    files: dict[int, list[int]] = {}
    for note_id, file_id in session.execute(
            select(Attachment.note_id, Attachment.id)
            .where(Attachment.note_id.in_([n.id for n in notes])).order_by(Attachment.id)):
        if note_id is not None:
            files.setdefault(note_id, []).append(file_id)
    return [CaseNoteRead(
        **{k: getattr(note, k) for k in ("id", "case_id", "kind", "occurred_on", "occurred_time",
                                         "title", "body", "location", "others_present",
                                         "significant", "author_name", "version", "created_at",
                                         "updated_at")},
        children=[NoteChildRead(child_id=c.child_id,
                                name=names[c.child_id].full_name if c.child_id in names else "",
                                seen=c.seen, seen_alone=c.seen_alone) for c in note.children],
        items=[NoteItemRead(item_id=i.id, mapping_id=i.mapping_id, category=i.category.value,
                            text=mapping_item.display_text(i))
               for i in (items[n.item_id] for n in note.items if n.item_id in items)],
        attachment_ids=files.get(note.id, []),
    ) for note in notes]


def history(session: Session, *, note: CaseNote) -> list[Any]:
    """Every saved change to the note, oldest first, with its before and after."""
    return audit.entity_events(session, entity_type="case_note", entity_id=note.id)
