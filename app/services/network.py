"""The family's safety network: its members (people on the case, or others with their contact
details), when each was told the worries and what they were shown, whether they agreed to
help and what they commit to; and the network's meetings. Changed by whoever may change the
case; audited; members and meetings are removed, never deleted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import FieldError, Invalid, NotFound
from app.models.case import Case
from app.models.enums import Category, NetworkAgreement
from app.models.mapping import Mapping
from app.models.mapping_item import MappingItem
from app.models.network import NetworkAttendance, NetworkMeeting, NetworkMember
from app.models.person import Person
from app.schemas.network import (
    MeetingIn,
    MeetingRead,
    MemberIn,
    MemberRead,
    MemberUpdate,
    NetworkRead,
)
from app.services import audit
from app.services.audit import Actor
from app.services.case import check_version

AGREEMENT = {NetworkAgreement.agreed: "Agreed to help",
             NetworkAgreement.not_yet: "Not decided yet",
             NetworkAgreement.declined: "Said no"}
AUDITED = ["person_id", "name", "phone", "email", "role", "told_on", "told_what", "agreement",
           "commitments", "strength"]
MEETING_AUDITED = ["held_on", "others", "agreed", "next_meeting_on", "next_step_id"]


def members(session: Session, *, case: Case) -> list[NetworkMember]:
    """The network's members, those told about the worries first, then by name."""
    rows = list(session.scalars(select(NetworkMember).where(
        NetworkMember.case_id == case.id, NetworkMember.removed.is_(False))
        .order_by(NetworkMember.id)))
    names = names_of(session, rows)
    return sorted(rows, key=lambda m: (m.told_on is None, names[m.id].lower()))


def names_of(session: Session, rows: list[NetworkMember]) -> dict[int, str]:
    """member id -> their name (the person's, for a person on the case): one query."""
    ids = {m.person_id for m in rows if m.person_id is not None}
    people = {p.id: p.full_name for p in session.scalars(
        select(Person).where(Person.id.in_(ids)))} if ids else {}
    return {m.id: people.get(m.person_id, "") if m.person_id else (m.name or "") for m in rows}


@dataclass(frozen=True)
class Size:
    members: int
    told: int


def size(session: Session, *, case: Case) -> Size:
    """How many members, and how many told the worries: one count."""
    n, told = session.execute(
        select(func.count(), func.count(NetworkMember.told_on)).where(
            NetworkMember.case_id == case.id, NetworkMember.removed.is_(False))).one()
    return Size(int(n), int(told))


def load_member(session: Session, *, case: Case, member_id: int) -> NetworkMember:
    m = session.scalar(select(NetworkMember).where(
        NetworkMember.id == member_id, NetworkMember.case_id == case.id,
        NetworkMember.removed.is_(False)))
    if m is None:
        raise NotFound("We could not find that member of the network on this case.")
    return m


def _check_member(session: Session, case: Case, person_id: int | None, name: str | None,
                  told_on: date | None, told_what: str | None, row_id: int | None) -> None:
    errors: list[FieldError] = []
    if person_id is not None:
        person = session.get(Person, person_id)
        if person is None or person.case_id != case.id:
            errors.append(FieldError(["body", "person_id"], "Choose someone on this case"))
        elif session.scalar(select(NetworkMember.id).where(
                NetworkMember.case_id == case.id, NetworkMember.person_id == person_id,
                NetworkMember.removed.is_(False), NetworkMember.id != (row_id or 0))):
            errors.append(FieldError(["body", "person_id"],
                                     f"{person.full_name} is in the network already"))
    elif not (name or "").strip():
        errors.append(FieldError(["body", "name"], "Enter their name, or choose someone on "
                                                   "the case"))
    if told_on is not None and told_on > date.today():
        errors.append(FieldError(["body", "told_on"], "The day they were told cannot be in "
                                                      "the future"))
    if told_on is not None and not (told_what or "").strip():
        errors.append(FieldError(["body", "told_what"], "Say what they were shown or told, "
                                                        "for example the danger statements"))
    if errors:
        raise Invalid(errors)


def add_member(session: Session, *, case: Case, data: MemberIn, actor: Actor) -> NetworkMember:
    _check_member(session, case, data.person_id, data.name, data.told_on, data.told_what, None)
    m = NetworkMember(case_id=case.id, person_id=data.person_id,
                      name=None if data.person_id else data.name, phone=data.phone or None,
                      email=data.email or None, role=data.role, told_on=data.told_on,
                      told_what=data.told_what or None, agreement=data.agreement,
                      commitments=data.commitments or None, strength=data.strength,
                      recorded_by_name=actor.name)
    session.add(m)
    session.flush()
    audit.record(session, actor=actor, action="create", entity_type="network_member",
                 entity_id=m.id, case_id=case.id,
                 summary=f"added {names_of(session, [m])[m.id]} to the safety network",
                 changes=audit.diff({}, audit.snapshot(m, AUDITED)))
    return m


def update_member(session: Session, *, case: Case, member: NetworkMember, data: MemberUpdate,
                  expected_version: int | None, actor: Actor) -> NetworkMember:
    check_version(member, expected_version)
    changes = data.model_dump(exclude_unset=True)
    if "role" in changes and not (changes["role"] or "").strip():
        raise Invalid([FieldError(["body", "role"], "Say who they are to the family")])
    told_on = changes.get("told_on", member.told_on)
    told_what = changes.get("told_what", member.told_what)
    _check_member(session, case, member.person_id, member.name, told_on, told_what, member.id)
    before = audit.snapshot(member, AUDITED)
    for key, value in changes.items():
        setattr(member, key, value if value != "" else None)
    session.flush()
    diff = audit.diff(before, audit.snapshot(member, AUDITED))
    if diff:
        audit.record(session, actor=actor, action="update", entity_type="network_member",
                     entity_id=member.id, case_id=case.id,
                     summary=f"changed {names_of(session, [member])[member.id]} in the "
                             "safety network", changes=diff)
    return member


def remove_member(session: Session, *, case: Case, member: NetworkMember,
                  expected_version: int | None, actor: Actor) -> None:
    check_version(member, expected_version)
    member.removed = True
    session.flush()
    audit.record(session, actor=actor, action="remove", entity_type="network_member",
                 entity_id=member.id, case_id=case.id,
                 summary=f"took {names_of(session, [member])[member.id]} off the safety "
                         "network", changes={"removed": {"before": False, "after": True}})


def member_read(member: NetworkMember, name: str) -> MemberRead:
    return MemberRead(id=member.id, person_id=member.person_id, name=name, phone=member.phone,
                      email=member.email, role=member.role, told_on=member.told_on,
                      told_what=member.told_what, agreement=member.agreement,
                      commitments=member.commitments, strength=member.strength,
                      version=member.version)


def meetings(session: Session, *, case: Case) -> list[tuple[NetworkMeeting, list[int]]]:
    """The network's meetings, latest first, each with the members who came."""
    rows = list(session.scalars(select(NetworkMeeting).where(
        NetworkMeeting.case_id == case.id, NetworkMeeting.removed.is_(False))
        .order_by(NetworkMeeting.held_on.desc(), NetworkMeeting.id.desc())))
    came: dict[int, list[int]] = {}
    if rows:
        for mid, member in session.execute(
                select(NetworkAttendance.meeting_id, NetworkAttendance.member_id)
                .where(NetworkAttendance.meeting_id.in_([r.id for r in rows]))
                .order_by(NetworkAttendance.id)):
            came.setdefault(mid, []).append(member)
    return [(r, came.get(r.id, [])) for r in rows]


def next_steps(session: Session, *, case: Case) -> list[MappingItem]:
    """The next steps of the case's mappings that a meeting may answer (not done)."""
    return list(session.scalars(
        select(MappingItem).join(Mapping, Mapping.id == MappingItem.mapping_id)
        .where(Mapping.case_id == case.id, MappingItem.category == Category.next_step,
               MappingItem.removed.is_(False), MappingItem.ns_done.is_(False))
        .order_by(Mapping.held_on.desc(), MappingItem.position)))


def add_meeting(session: Session, *, case: Case, data: MeetingIn,
                actor: Actor) -> NetworkMeeting:
    errors: list[FieldError] = []
    if data.held_on > date.today():
        errors.append(FieldError(["body", "held_on"], "Record a meeting once it has happened"))
    if data.next_meeting_on is not None and data.next_meeting_on <= data.held_on:
        errors.append(FieldError(["body", "next_meeting_on"],
                                 "The next meeting must be after this one"))
    if not data.agreed.strip():
        errors.append(FieldError(["body", "agreed"], "Write what was agreed"))
    known = {m.id for m in members(session, case=case)}
    for i, mid in enumerate(data.member_ids):
        if mid not in known:
            errors.append(FieldError(["body", "member_ids", i],
                                     "Choose a member of this case's network"))
    if data.next_step_id is not None and data.next_step_id not in {
            s.id for s in next_steps(session, case=case)}:
        errors.append(FieldError(["body", "next_step_id"],
                                 "Choose a next step of this case's mappings"))
    if errors:
        raise Invalid(errors)
    meeting = NetworkMeeting(case_id=case.id, held_on=data.held_on, others=data.others or None,
                             agreed=data.agreed, next_meeting_on=data.next_meeting_on,
                             next_step_id=data.next_step_id, recorded_by_name=actor.name)
    session.add(meeting)
    session.flush()
    session.add_all([NetworkAttendance(meeting_id=meeting.id, member_id=mid)
                     for mid in dict.fromkeys(data.member_ids)])
    session.flush()
    audit.record(session, actor=actor, action="create", entity_type="network_meeting",
                 entity_id=meeting.id, case_id=case.id,
                 summary=f"recorded a safety network meeting on {data.held_on:%-d %B %Y}",
                 changes=audit.diff({}, {**audit.snapshot(meeting, MEETING_AUDITED),
                                         "member_ids": list(dict.fromkeys(data.member_ids))}))
    return meeting


def meeting_read(meeting: NetworkMeeting, came: list[int]) -> MeetingRead:
    return MeetingRead(id=meeting.id, held_on=meeting.held_on, member_ids=came,
                       others=meeting.others, agreed=meeting.agreed,
                       next_meeting_on=meeting.next_meeting_on,
                       next_step_id=meeting.next_step_id, version=meeting.version)


def read(session: Session, *, case: Case) -> NetworkRead:
    rows = members(session, case=case)
    names = names_of(session, rows)
    return NetworkRead(members=[member_read(m, names[m.id]) for m in rows],
                       meetings=[meeting_read(m, came) for m, came in
                                 meetings(session, case=case)],
                       size=len(rows), told=sum(1 for m in rows if m.told_on is not None))
