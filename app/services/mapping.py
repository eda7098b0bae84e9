"""Mappings: start, review (copy forward), agree with the family, sign off.

A mapping is edited while it is a draft. Once agreed with the family it is the record of that
meeting and stays as it was; what changes afterwards goes in a review mapping.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import cast

from sqlalchemy import Table, bindparam, event, literal, null, select, union_all
from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from app.errors import Conflict, FieldError, Forbidden, Invalid, NotFound
from app.models.base import utcnow
from app.models.case import Case
from app.models.enums import Category, MappingStatus, label
from app.models.labels import LabelSet
from app.models.mapping import Mapping, MappingParticipant
from app.models.mapping_item import ItemChild, MappingItem
from app.models.person import Person
from app.models.rating import Rating
from app.models.user import User
from app.schemas.mapping import AgreeIn, MappingCreate, MappingUpdate, ParticipantIn, ReviewCreate
from app.services import access, audit, labels
from app.services.audit import Actor
from app.services.case import check_version

AUDITED = ["kind", "held_on", "title", "status"]
LOCKED = (
    "This mapping has been agreed with the family, so it stays as it was agreed. "
    "Start a review to record what has changed."
)


# Built once: the mapping routes all load through here.
_ON_CASE = select(Mapping).where(
    Mapping.id == bindparam("mapping_id"), Mapping.case_id == bindparam("case_id")
).options(selectinload(Mapping.participants))


def load(session: Session, *, case: Case, mapping_id: int) -> Mapping:
    """The mapping on this case, with who took part (404 if it is not there), as this
    transaction has left it (its version moved on if it changed anything in it)."""
    settle(session)
    mapping = session.scalar(_ON_CASE, {"mapping_id": mapping_id, "case_id": case.id})
    if mapping is None:
        raise NotFound("We could not find that mapping on this case.")
    return mapping


#: A mapping's id, version and times. Every change to a mapping or anything in it moves its
#: version on, so equal stamps mean the same mapping as it was.
Stamp = tuple[int, int, datetime, datetime]

# The mapping's stamp and its team's label stamp in one round trip, read from the tables (plain
# values need none of the ORM's loading machinery). A last column says which row is which
# (0: the mapping, 1: a label set); label rows leave the times empty.
_t, _l = Mapping.__table__.c, LabelSet.__table__.c
_STAMPS = union_all(
    select(_t.id, _t.version, _t.created_at, _t.updated_at, literal(0)).where(
        _t.id == bindparam("mapping_id"), _t.case_id == bindparam("case_id")
    ),
    select(_l.id, _l.version, null(), null(), literal(1)).where(labels.APPLY),
)


def stamps(
    session: Session, *, case: Case, mapping_id: int
) -> tuple[Stamp, labels.Stamp]:
    """The stamp of the mapping on this case and of its team's labels, read together without
    loading either (404 if the mapping is not on the case)."""
    rows = session.connection().execute(
        _STAMPS, {"mapping_id": mapping_id, "case_id": case.id, "team_id": case.team_id}
    ).all()
    own = [r for r in rows if r[4] == 0]
    if not own:
        raise NotFound("We could not find that mapping on this case.")
    id_, version, created_at, updated_at, _ = own[0]
    return (id_, version, created_at, updated_at), tuple(
        sorted((r[0], r[1]) for r in rows if r[4] == 1)
    )


def stamp_of(mapping: Mapping) -> Stamp:
    return (mapping.id, mapping.version, mapping.created_at, mapping.updated_at)


def list_for_case(session: Session, *, case: Case) -> list[Mapping]:
    return list(session.scalars(
        select(Mapping).where(Mapping.case_id == case.id)
        .order_by(Mapping.held_on.desc(), Mapping.id.desc())
    ))


def require_draft(mapping: Mapping) -> None:
    if mapping.status != MappingStatus.draft:
        raise Conflict(LOCKED)


# --- the mapping's version follows everything in it ------------------------------------------
#
# A mapping's version (its ETag, and the key of the reused rendering of the whole mapping)
# moves on whenever anything in it changes: items, scores, who took part. No writer has to
# remember it: each flush notes the mappings whose contents it wrote, and their versions are
# moved on once per transaction, just before it commits (or earlier, when the transaction
# reads the mapping again, so that what it shows carries the new version). The move is one
# UPDATE that adds 1 in the database, not a write-back of a version read earlier, so two people
# adding to one mapping at once both succeed (on PostgreSQL the second waits a moment for the
# first) instead of the second being refused as stale. Only changes to the same item, score or
# mapping status from a stale version are conflicts. Moving it at the end keeps the time a
# transaction holds the mapping's row short.

_PENDING = "mapping_versions_to_move"
_MOVED = "mapping_versions_moved"
_TOUCHED = "mapping_contents_touched"
#: Changes to these can only be made while the mapping is a draft.
_DRAFT_ONLY = (MappingItem, Rating)


def touched(session: Session, mapping_id: int) -> None:
    """Note a change to a mapping's contents written without the ORM (e.g. a reordering),
    so that its version moves on too."""
    session.info.setdefault(_TOUCHED, set()).add(mapping_id)


def _after_flush(session: Session, _context: object) -> None:
    guarded, others = session.info.setdefault(_PENDING, (set(), set()))
    others.update(session.info.pop(_TOUCHED, set()))
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, _DRAFT_ONLY):
            guarded.add(obj.mapping_id)
        elif isinstance(obj, MappingParticipant):
            others.add(obj.mapping_id)


def settle(session: Session) -> None:
    """Move on the versions of the mappings this transaction has changed so far (once each)."""
    session.flush()
    if _TOUCHED in session.info:
        session.info.setdefault(_PENDING, (set(), set()))[1].update(session.info.pop(_TOUCHED))
    pending = session.info.pop(_PENDING, None)
    if not pending:
        return
    guarded, others = pending
    moved: set[int] = session.info.setdefault(_MOVED, set())
    guarded = guarded - moved
    others = others - moved - guarded
    if guarded:
        _move_on(session, guarded, draft_only=True)
    if others:
        _move_on(session, others, draft_only=False)


def _move_on(session: Session, ids: set[int], *, draft_only: bool) -> None:
    table = cast(Table, Mapping.__table__)
    now = utcnow()
    stmt = (
        sql_update(table)
        .where(table.c.id.in_(sorted(ids)))
        .values(version=table.c.version + 1, updated_at=now)
        .returning(table.c.id, table.c.version)
    )
    if draft_only:
        # Checked in the same statement, so that an item cannot join a mapping that was agreed
        # by someone else a moment ago.
        stmt = stmt.where(table.c.status == MappingStatus.draft)
    rows = session.connection().execute(stmt).all()
    if draft_only and len(rows) < len(ids):
        raise Conflict(LOCKED)
    session.info[_MOVED].update(ids)
    for id_, version in rows:
        obj = session.identity_map.get(identity_key(Mapping, id_))
        if obj is not None:
            # In step with the row, without marking the mapping itself as changed.
            set_committed_value(obj, "version", version)
            set_committed_value(obj, "updated_at", now)


def _forget(session: Session, *_args: object) -> None:
    for key in (_PENDING, _MOVED, _TOUCHED):
        session.info.pop(key, None)


def install() -> None:
    """Register the hooks on every Session (idempotent). Run after practice_summary.install():
    the versions move first, so a transaction locks a mapping before its case, as one that
    reads the mapping again after changing it does."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "before_commit", settle, insert=True)
        event.listen(Session, "after_commit", _forget)
        event.listen(Session, "after_rollback", _forget)



def _participants(
    session: Session, *, case: Case, mapping: Mapping, wanted: list[ParticipantIn]
) -> None:
    people = {p.id: p for p in session.scalars(select(Person).where(Person.case_id == case.id))}
    errors = []
    rows = []
    for i, p in enumerate(wanted):
        if p.person_id is not None:
            person = people.get(p.person_id)
            if person is None:
                errors.append(FieldError(["body", "participants", i, "person_id"],
                                         "Choose someone on this case"))
                continue
            rows.append(MappingParticipant(mapping_id=mapping.id, person_id=person.id,
                                           name=person.full_name, role=p.role))
        elif p.name:
            rows.append(MappingParticipant(mapping_id=mapping.id, name=p.name, role=p.role))
        else:
            errors.append(FieldError(["body", "participants", i, "name"],
                                     "Enter the name of the person who took part"))
    if errors:
        raise Invalid(errors)
    for old in list(mapping.participants):
        session.delete(old)
    session.flush()
    for row in rows:
        session.add(row)
    session.flush()


def create(session: Session, *, case: Case, data: MappingCreate, actor: Actor) -> Mapping:
    mapping = Mapping(case_id=case.id, kind=data.kind, held_on=data.held_on or date.today(),
                      title=data.title, created_by_id=actor.user_id)
    session.add(mapping)
    session.flush()
    session.refresh(mapping, ["participants"])
    _participants(session, case=case, mapping=mapping, wanted=data.participants)
    audit.record(session, actor=actor, action="create", entity_type="mapping",
                 entity_id=mapping.id, case_id=case.id,
                 summary=f"started a mapping ({label(mapping.kind)}, {mapping.held_on:%-d %B %Y})",
                 changes=audit.diff({}, audit.snapshot(mapping, AUDITED)))
    session.expire(mapping)
    return load(session, case=case, mapping_id=mapping.id)


def update(session: Session, *, case: Case, mapping: Mapping, data: MappingUpdate,
           expected_version: int | None, actor: Actor) -> Mapping:
    check_version(mapping, expected_version)
    require_draft(mapping)
    changes = data.model_dump(exclude_unset=True, exclude={"participants"})
    if "kind" in changes and changes["kind"] is None:
        raise Invalid([FieldError(["body", "kind"], "Select the kind of mapping")])
    if "held_on" in changes and changes["held_on"] is None:
        raise Invalid([FieldError(["body", "held_on"], "Enter the date of the meeting")])
    before = audit.snapshot(mapping, AUDITED)
    for k, v in changes.items():
        setattr(mapping, k, v)
    delta = audit.diff(before, audit.snapshot(mapping, AUDITED))
    if data.participants is not None:
        old = sorted(p.name for p in mapping.participants)
        _participants(session, case=case, mapping=mapping, wanted=data.participants)
        session.refresh(mapping, ["participants"])
        new = sorted(p.name for p in mapping.participants)
        if old != new:
            delta["participants"] = {"before": old, "after": new}
            mapping.updated_at = utcnow()
    if delta:
        session.flush()
        audit.record(session, actor=actor, action="update", entity_type="mapping",
                     entity_id=mapping.id, case_id=case.id,
                     summary="changed the mapping details: " + ", ".join(delta),
                     changes=delta)
    session.expire(mapping)
    return load(session, case=case, mapping_id=mapping.id)


def start_review(session: Session, *, case: Case, previous: Mapping, data: ReviewCreate,
                 actor: Actor) -> Mapping:
    """Copy the previous mapping's items and pairs forward into a new draft, so the worker
    edits rather than retypes. Ratings are not copied: every review is scaled afresh."""
    if session.scalar(select(Mapping.id).where(Mapping.previous_id == previous.id,
                                               Mapping.status == MappingStatus.draft)):
        raise Conflict("A review of this mapping is already in progress. Carry on with that one.")
    mapping = Mapping(case_id=case.id, kind=data.kind, held_on=data.held_on or date.today(),
                      title=data.title, previous_id=previous.id, created_by_id=actor.user_id)
    session.add(mapping)
    session.flush()
    old_items = list(session.scalars(
        select(MappingItem).where(MappingItem.mapping_id == previous.id,
                                  MappingItem.removed.is_(False))
        .options(selectinload(MappingItem.children)).order_by(MappingItem.id)
    ))
    new_ids: dict[int, MappingItem] = {}
    copy_fields = [c.key for c in MappingItem.__table__.columns
                   if c.key not in ("id", "mapping_id", "version", "created_at", "updated_at",
                                    "pairs_with_id", "carried_from_id", "lineage_id")]
    for old in old_items:
        new = MappingItem(mapping_id=mapping.id, carried_from_id=old.id,
                          lineage_id=old.lineage_id or old.id,
                          **{f: getattr(old, f) for f in copy_fields})
        session.add(new)
        new_ids[old.id] = new
    session.flush()
    for old in old_items:
        new = new_ids[old.id]
        if old.pairs_with_id and old.pairs_with_id in new_ids:
            new.pairs_with_id = new_ids[old.pairs_with_id].id
        for ch in old.children:
            session.add(ItemChild(item_id=new.id, child_id=ch.child_id))
    session.flush()
    audit.record(session, actor=actor, action="create", entity_type="mapping",
                 entity_id=mapping.id, case_id=case.id,
                 summary=f"started a review mapping from the one of "
                         f"{previous.held_on:%-d %B %Y}, carrying forward {len(old_items)} items",
                 changes={"previous_id": {"before": None, "after": previous.id}})
    return load(session, case=case, mapping_id=mapping.id)


def agree(session: Session, *, case: Case, mapping: Mapping, data: AgreeIn,
          expected_version: int | None, actor: Actor) -> Mapping:
    check_version(mapping, expected_version)
    if mapping.status != MappingStatus.draft:
        raise Conflict("Only a draft mapping can be agreed with the family.")
    has_items = session.scalar(select(MappingItem.id).where(
        MappingItem.mapping_id == mapping.id, MappingItem.removed.is_(False)).limit(1))
    if not has_items:
        raise Conflict("There is nothing in this mapping yet, so there is nothing to agree.")
    mapping.status = MappingStatus.agreed
    mapping.agreed_at = utcnow()
    mapping.agreed_note = data.note
    session.flush()
    audit.record(session, actor=actor, action="agree", entity_type="mapping",
                 entity_id=mapping.id, case_id=case.id,
                 summary="recorded the mapping as agreed with the family",
                 changes={"status": {"before": "draft", "after": "agreed"}})
    return load(session, case=case, mapping_id=mapping.id)


def sign_off(session: Session, *, case: Case, mapping: Mapping, supervisor: User | None,
             expected_version: int | None, actor: Actor) -> Mapping:
    """Only an agreed mapping can be signed off, and only by the case's team supervisor."""
    check_version(mapping, expected_version)
    if supervisor is None or not access.can_sign_off(supervisor, case):
        raise Forbidden("Only the team manager for this case can sign off a mapping.")
    if mapping.status == MappingStatus.draft:
        raise Conflict("This mapping is still a draft. It must be agreed with the family "
                       "before it can be signed off.")
    if mapping.status == MappingStatus.signed_off:
        raise Conflict("This mapping has already been signed off.")
    mapping.status = MappingStatus.signed_off
    mapping.signed_off_at = utcnow()
    mapping.signed_off_by_id = supervisor.id
    session.flush()
    audit.record(session, actor=actor, action="sign_off", entity_type="mapping",
                 entity_id=mapping.id, case_id=case.id, summary="signed off the mapping",
                 changes={"status": {"before": "agreed", "after": "signed_off"}})
    return load(session, case=case, mapping_id=mapping.id)


@dataclass
class FullMapping:
    """A mapping with everything on it, loaded in a fixed number of queries."""

    mapping: Mapping
    items: list[MappingItem]
    ratings: list[Rating]
    by_category: dict[Category, list[MappingItem]] = field(default_factory=dict)
    by_id: dict[int, MappingItem] = field(default_factory=dict)

    def goal_for(self, danger_id: int) -> MappingItem | None:
        return next((g for g in self.by_category.get(Category.safety_goal, [])
                     if g.pairs_with_id == danger_id), None)


def full(session: Session, *, mapping: Mapping) -> FullMapping:
    items = list(session.scalars(
        select(MappingItem)
        .where(MappingItem.mapping_id == mapping.id, MappingItem.removed.is_(False))
        .options(selectinload(MappingItem.children))
        .order_by(MappingItem.position, MappingItem.id)
    ))
    ratings = list(session.scalars(
        select(Rating).where(Rating.mapping_id == mapping.id, Rating.removed.is_(False))
        .order_by(Rating.rated_on, Rating.id)
    ))
    out = FullMapping(mapping=mapping, items=items, ratings=ratings)
    for c in Category:
        out.by_category[c] = []
    for it in items:
        out.by_category[it.category].append(it)
        out.by_id[it.id] = it
    return out
