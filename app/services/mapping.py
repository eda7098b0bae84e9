"""Mappings: start, review (copy forward), share with the family, sign off.

A mapping is edited while it is a draft. Once shared with the family (status "agreed") its
items are the record of that meeting and stay as they were; what changes afterwards goes in a
review mapping. Each family member's position on it is recorded by name
(app.services.family_position), and the team manager may still score it and sign it off,
whether or not the family agrees: the agency's judgement and bottom lines stand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import bindparam, literal, null, select, union_all
from sqlalchemy.orm import Session, selectinload

from app.errors import Conflict, FieldError, Forbidden, Invalid, NotFound
from app.models.base import utcnow
from app.models.case import Case
from app.models.enums import LINKS, Category, MappingKind, MappingStatus, label
from app.models.labels import LabelSet
from app.models.mapping import Mapping, MappingParticipant
from app.models.mapping_item import ItemChild, ItemLink, MappingItem
from app.models.person import Person
from app.models.rating import Rating
from app.models.user import User
from app.schemas.mapping import AgreeIn, MappingCreate, MappingUpdate, ParticipantIn, ReviewCreate
from app.services import access, audit, labels
from app.services.audit import Actor
from app.services.case import check_version
from app.services.mapping_version import LOCKED, SIGNED_OFF, settle

AUDITED = ["kind", "held_on", "title", "next_meeting_on", "status"]
# Built once: the mapping routes all load through here.
_ALONE = select(Mapping).where(
    Mapping.id == bindparam("mapping_id"), Mapping.case_id == bindparam("case_id")
)
_ON_CASE = _ALONE.options(selectinload(Mapping.participants))


def load(session: Session, *, case: Case, mapping_id: int, participants: bool = True) -> Mapping:
    """The mapping on this case, with who took part unless not `participants` (404 if it is
    not there), as this transaction has left it (its version moved on if it changed anything
    in it)."""
    settle(session)
    mapping = session.scalar(_ON_CASE if participants else _ALONE,
                             {"mapping_id": mapping_id, "case_id": case.id})
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
        raise Conflict(SIGNED_OFF if mapping.status == MappingStatus.signed_off else LOCKED)


def require_scorable(mapping: Mapping, *, manager: bool) -> None:
    """Scores are given while the mapping is a draft; once it is shared, only the team
    manager may still score it (at sign-off); once signed off, no one."""
    if mapping.status == MappingStatus.signed_off:
        raise Conflict(SIGNED_OFF)
    if mapping.status != MappingStatus.draft and not manager:
        raise Conflict(LOCKED + " Only the team manager can still add a score, at sign-off.")


def require_open(mapping: Mapping) -> None:
    """Not signed off yet (the family's positions can be recorded until then)."""
    if mapping.status == MappingStatus.signed_off:
        raise Conflict(SIGNED_OFF)


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
                      title=data.title, next_meeting_on=data.next_meeting_on,
                      created_by_id=actor.user_id)
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
    """Copy the previous mapping's items, pairs and links forward into a new draft, so the
    worker edits rather than retypes. Next steps already done stay behind (they are in the
    previous mapping and the history). Ratings are not copied: every review is scaled afresh."""
    in_progress = review_in_progress(session, previous)
    if in_progress is not None:
        raise Conflict("A review of this mapping is already in progress. Carry on with that one.")
    mapping = Mapping(case_id=case.id, kind=data.kind, held_on=data.held_on or date.today(),
                      title=data.title, next_meeting_on=data.next_meeting_on,
                      previous_id=previous.id, created_by_id=actor.user_id)
    session.add(mapping)
    session.flush()
    session.refresh(mapping, ["participants"])
    _participants(session, case=case, mapping=mapping, wanted=data.participants)
    old_items = list(session.scalars(
        select(MappingItem).where(
            MappingItem.mapping_id == previous.id, MappingItem.removed.is_(False),
            ~((MappingItem.category == Category.next_step) & MappingItem.ns_done.is_(True)))
        .options(selectinload(MappingItem.children), selectinload(MappingItem.links))
        .order_by(MappingItem.id)
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
        for link in old.links:
            if link.target_id in new_ids:
                session.add(ItemLink(item_id=new.id, target_id=new_ids[link.target_id].id))
    session.flush()
    audit.record(session, actor=actor, action="create", entity_type="mapping",
                 entity_id=mapping.id, case_id=case.id,
                 summary=f"started a review mapping from the one of "
                         f"{previous.held_on:%-d %B %Y}, carrying forward {len(old_items)} items",
                 changes={"previous_id": {"before": None, "after": previous.id}})
    return load(session, case=case, mapping_id=mapping.id)


def review_in_progress(session: Session, previous: Mapping) -> int | None:
    """The draft review already started from this mapping, if there is one."""
    return session.scalar(select(Mapping.id).where(Mapping.previous_id == previous.id,
                                                   Mapping.status == MappingStatus.draft))


def _has_items(session: Session, mapping: Mapping) -> bool:
    return session.scalar(select(MappingItem.id).where(
        MappingItem.mapping_id == mapping.id, MappingItem.removed.is_(False)).limit(1)) is not None


def agree(session: Session, *, case: Case, mapping: Mapping, data: AgreeIn,
          expected_version: int | None, actor: Actor) -> Mapping:
    """Record that the mapping was shared with the family, with where each person stands on
    it (agrees, partly, disagrees, in their words). Disagreement is recorded, not a bar."""
    from app.services import family_position

    check_version(mapping, expected_version)
    if mapping.status != MappingStatus.draft:
        raise Conflict("This mapping has already been shared with the family.")
    if mapping.kind == MappingKind.group_supervision:
        raise Conflict("A group supervision map is the team's thinking: it is not shared with "
                       "the family. Map with the family in a mapping of its own.")
    if not _has_items(session, mapping):
        raise Conflict("There is nothing in this mapping yet, so there is nothing to share.")
    if data.positions:
        family_position.record(session, case=case, mapping=mapping, wanted=data.positions,
                               actor=actor, field="positions")
    mapping.status = MappingStatus.agreed
    mapping.agreed_at = utcnow()
    mapping.agreed_note = data.note
    session.flush()
    audit.record(session, actor=actor, action="agree", entity_type="mapping",
                 entity_id=mapping.id, case_id=case.id,
                 summary="recorded the mapping as shared with the family",
                 changes={"status": {"before": "draft", "after": "agreed"},
                          "agreed_note": {"before": None, "after": data.note}})
    return load(session, case=case, mapping_id=mapping.id)


def reopen(session: Session, *, case: Case, mapping: Mapping, expected_version: int | None,
           actor: Actor) -> Mapping:
    """Undo "shared with the family" (a mistake, or the meeting is not over): back to a
    draft, until the team manager signs it off. The family's positions stay recorded."""
    check_version(mapping, expected_version)
    if mapping.status != MappingStatus.agreed:
        raise Conflict(SIGNED_OFF if mapping.status == MappingStatus.signed_off
                       else "This mapping is still a draft.")
    mapping.status = MappingStatus.draft
    mapping.agreed_at = None
    session.flush()
    audit.record(session, actor=actor, action="reopen", entity_type="mapping",
                 entity_id=mapping.id, case_id=case.id,
                 summary="took the mapping back to a draft (it was recorded as shared)",
                 changes={"status": {"before": "agreed", "after": "draft"}})
    return load(session, case=case, mapping_id=mapping.id)


def sign_off(session: Session, *, case: Case, mapping: Mapping, supervisor: User | None,
             note: str | None = None, expected_version: int | None, actor: Actor) -> Mapping:
    """The case's team manager signs off a mapping, shared with the family or not, whether
    the family agrees or not: the agency's judgement stands, and the family's positions stay
    on the record beside it."""
    check_version(mapping, expected_version)
    if supervisor is None or not access.can_sign_off(supervisor, case):
        raise Forbidden("Only the team manager for this case can sign off a mapping.")
    if mapping.status == MappingStatus.signed_off:
        raise Conflict("This mapping has already been signed off.")
    if not _has_items(session, mapping):
        raise Conflict("There is nothing in this mapping yet, so there is nothing to sign off.")
    before = mapping.status.value
    mapping.status = MappingStatus.signed_off
    mapping.signed_off_at = utcnow()
    mapping.signed_off_by_id = supervisor.id
    mapping.signed_off_note = note
    session.flush()
    audit.record(session, actor=actor, action="sign_off", entity_type="mapping",
                 entity_id=mapping.id, case_id=case.id, summary="signed off the mapping",
                 changes={"status": {"before": before, "after": "signed_off"},
                          "signed_off_note": {"before": None, "after": note}})
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

    def targets(self, item: MappingItem) -> list[MappingItem]:
        """What the item is linked to that is still in the mapping, in the mapping's order."""
        ids = {link.target_id for link in item.links}
        return [i for i in self.by_category.get(LINKS.get(item.category, item.category), [])
                if i.id in ids] if ids else []

    def linked(self, item: MappingItem) -> bool:
        return bool(self.targets(item))

    def serving(self, goal: MappingItem, category: Category) -> list[MappingItem]:
        """The items of a category (next steps, existing safety) that serve this goal."""
        return [i for i in self.by_category.get(category, [])
                if any(link.target_id == goal.id for link in i.links)]


def full(session: Session, *, mapping: Mapping) -> FullMapping:
    items = list(session.scalars(
        select(MappingItem)
        .where(MappingItem.mapping_id == mapping.id, MappingItem.removed.is_(False))
        .options(selectinload(MappingItem.children), selectinload(MappingItem.links))
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
