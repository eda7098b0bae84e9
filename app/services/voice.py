"""The child's voice: sessions with a child using My Three Houses or the Safety House, their
words in each part kept verbatim, their own safety scale (the Safety House), and their say
on who may see each part. Changed by whoever may change the case; audited; entries are
removed, never deleted. Putting words into the mapping is in voice_mapping."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import FieldError, Invalid, NotFound
from app.models.case import Case
from app.models.enums import VOICE_PARTS, Audience, PersonKind, VoicePart, VoiceTool
from app.models.person import Person
from app.models.voice import VoiceEntry, VoiceSession
from app.schemas.voice import (
    EntryIn,
    EntryRead,
    PlacedRead,
    Sharing,
    VoiceSessionIn,
    VoiceSessionRead,
    VoiceSessionUpdate,
)
from app.services import audit, voice_mapping
from app.services import picture as picture_service
from app.services.audit import Actor
from app.services.case import check_version

TOOLS = {VoiceTool.three_houses: "My Three Houses", VoiceTool.safety_house: "Safety House"}
#: The address of each tool under a child: /cases/{id}/children/{child_id}/<slug>.
SLUGS = {VoiceTool.three_houses: "three-houses", VoiceTool.safety_house: "safety-house"}
PARTS = {
    VoicePart.worries: "House of Worries",
    VoicePart.good_things: "House of Good Things",
    VoicePart.dreams: "House of Dreams",
    VoicePart.inside: "Inside the Safety House",
    VoicePart.path: "The path",
    VoicePart.roof: "The roof",
    VoicePart.red_circle: "The red circle",
}
#: What each part asks the child, as a hint beside it.
PROMPTS = {
    VoicePart.worries: "What worries them, what is not so good",
    VoicePart.good_things: "What is good, what they like, who is kind to them",
    VoicePart.dreams: "How they would like things to be",
    VoicePart.inside: "Who lives in their Safety House, and what each person does to keep "
                      "them safe",
    VoicePart.path: "The people on the path: who helps them and visits",
    VoicePart.roof: "The rules everyone follows, so they stay safe",
    VoicePart.red_circle: "People or things that are not safe, who should not come in",
}
AUDIENCES = {Audience.family: "The family (parents and carers)",
             Audience.network: "The safety network",
             Audience.conference: "Child protection conferences and reviews"}
AUDITED = ["tool", "held_on", "place", "present", "interviewer_name", "child_age", "scale",
           "scale_words", "sharing", "sharing_asked_by", "sharing_asked_on"]


def age_on(child: Person, day: date) -> int | None:
    born = child.date_of_birth
    if born is None or day < born:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def may_see(vs: VoiceSession, part: VoicePart, audience: Audience) -> bool:
    """Whether the child agreed that this audience may see this part."""
    return audience.value in (vs.sharing or {}).get(part.value, [])


def sharing_of(vs: VoiceSession) -> Sharing:
    return Sharing(parts={VoicePart(k): [Audience(a) for a in v]
                          for k, v in (vs.sharing or {}).items()},
                   asked_by=vs.sharing_asked_by, asked_on=vs.sharing_asked_on)


def list_for_child(session: Session, *, case: Case, child: Person,
                   tool: VoiceTool) -> list[VoiceSession]:
    """The child's sessions with this tool, latest first."""
    return list(session.scalars(
        select(VoiceSession).where(VoiceSession.case_id == case.id,
                                   VoiceSession.child_id == child.id, VoiceSession.tool == tool,
                                   VoiceSession.removed.is_(False))
        .order_by(VoiceSession.held_on.desc(), VoiceSession.id.desc())))


def latest_by_child(session: Session, *, case: Case
                    ) -> dict[tuple[int, VoiceTool], tuple[int, date]]:
    """(child id, tool) -> (how many sessions, the latest date), for the case page: one
    query."""
    rows = session.execute(
        select(VoiceSession.child_id, VoiceSession.tool, func.count(),
               func.max(VoiceSession.held_on))
        .where(VoiceSession.case_id == case.id, VoiceSession.removed.is_(False))
        .group_by(VoiceSession.child_id, VoiceSession.tool))
    return {(cid, VoiceTool(tool)): (int(n), latest) for cid, tool, n, latest in rows}


def unheard(session: Session, *, case: Case, weeks: int,
            today: date | None = None) -> list[str]:
    """The born, current children of the case not heard in their own words (either tool)
    for `weeks`, counting from the case's opening for a child never heard: their names."""
    cutoff = (today or date.today()) - timedelta(weeks=weeks)
    last = {cid: held for cid, held in session.execute(
        select(VoiceSession.child_id, func.max(VoiceSession.held_on))
        .where(VoiceSession.case_id == case.id, VoiceSession.removed.is_(False))
        .group_by(VoiceSession.child_id))}
    children = session.scalars(select(Person).where(
        Person.case_id == case.id, Person.kind == PersonKind.child,
        Person.archived.is_(False), Person.date_of_birth.is_not(None))
        .order_by(Person.date_of_birth, Person.id))
    return [c.given_name for c in children
            if (last.get(c.id) or case.opened_on) < cutoff]


def load(session: Session, *, case: Case, child: Person, tool: VoiceTool,
         session_id: int) -> VoiceSession:
    vs = session.scalar(select(VoiceSession).where(
        VoiceSession.id == session_id, VoiceSession.case_id == case.id,
        VoiceSession.child_id == child.id, VoiceSession.tool == tool,
        VoiceSession.removed.is_(False)))
    if vs is None:
        raise NotFound(f"We could not find that {TOOLS[tool]} session for this child.")
    return vs


def entries(session: Session, vs: VoiceSession) -> dict[VoicePart, list[VoiceEntry]]:
    """The child's words in each part of the tool, in the order they were recorded."""
    out: dict[VoicePart, list[VoiceEntry]] = {p: [] for p in VOICE_PARTS[vs.tool]}
    for e in session.scalars(select(VoiceEntry).where(
            VoiceEntry.session_id == vs.id, VoiceEntry.removed.is_(False))
            .order_by(VoiceEntry.position, VoiceEntry.id)):
        out.setdefault(e.part, []).append(e)
    return out


def load_entry(session: Session, vs: VoiceSession, entry_id: int) -> VoiceEntry:
    e = session.scalar(select(VoiceEntry).where(
        VoiceEntry.id == entry_id, VoiceEntry.session_id == vs.id,
        VoiceEntry.removed.is_(False)))
    if e is None:
        raise NotFound("We could not find those words in this session.")
    return e


def _check(child: Person, tool: VoiceTool, held_on: date | None, sharing: Sharing | None,
           parts: list[VoicePart], scale: int | None) -> None:
    errors: list[FieldError] = []
    if held_on is not None and held_on > date.today():
        errors.append(FieldError(["body", "held_on"], "The date of the session cannot be in "
                                                      "the future"))
    if held_on is not None and child.date_of_birth and held_on < child.date_of_birth:
        errors.append(FieldError(["body", "held_on"], f"The date is before {child.given_name} "
                                                      "was born"))
    allowed = VOICE_PARTS[tool]
    for part in parts:
        if part not in allowed:
            errors.append(FieldError(["body", "words", part.value],
                                     f"{TOOLS[tool]} has no part called “{part.value}”: use "
                                     + ", ".join(p.value for p in allowed)))
    if scale is not None and tool != VoiceTool.safety_house:
        errors.append(FieldError(["body", "scale"], "Only the Safety House has the child's "
                                                    "own safety scale"))
    if sharing is not None:
        for part in sharing.parts:
            if part not in allowed:
                errors.append(FieldError(["body", "sharing", "parts", part.value],
                                         f"{TOOLS[tool]} has no part called “{part.value}”"))
        if any(sharing.parts.values()) and not sharing.asked_by:
            errors.append(FieldError(["body", "sharing", "asked_by"],
                                     f"Say who asked {child.given_name} who may see it"))
    if errors:
        raise Invalid(errors)


def _sharing_columns(sharing: Sharing) -> dict[str, Any]:
    asked = bool(sharing.asked_by) and any(sharing.parts.values())
    return {"sharing": {p.value: sorted({a.value for a in a_list})
                        for p, a_list in sharing.parts.items() if a_list},
            "sharing_asked_by": sharing.asked_by if asked else None,
            "sharing_asked_on": (sharing.asked_on or date.today()) if asked else None}


def create(session: Session, *, case: Case, child: Person, tool: VoiceTool,
           data: VoiceSessionIn, actor: Actor) -> VoiceSession:
    _check(child, tool, data.held_on, data.sharing, list(data.words), data.scale)
    vs = VoiceSession(case_id=case.id, child_id=child.id, tool=tool, held_on=data.held_on,
                      place=data.place or None, present=data.present or None,
                      interviewer_name=data.interviewer_name or actor.name,
                      child_age=age_on(child, data.held_on), scale=data.scale,
                      scale_words=data.scale_words or None, recorded_by_name=actor.name,
                      **_sharing_columns(data.sharing))
    session.add(vs)
    session.flush()
    for part in VOICE_PARTS[tool]:
        for n, words in enumerate(w for w in data.words.get(part, []) if w.strip()):
            session.add(VoiceEntry(session_id=vs.id, part=part, words=words, position=n))
    session.flush()
    audit.record(session, actor=actor, action="create", entity_type="voice_session",
                 entity_id=vs.id, case_id=case.id,
                 summary=f"recorded {TOOLS[tool]} with {child.given_name} on "
                         f"{vs.held_on:%-d %B %Y}",
                 changes=audit.diff({}, {**audit.snapshot(vs, AUDITED),
                                         "words": {p.value: w for p, w in data.words.items()}}))
    return vs


def update(session: Session, *, case: Case, child: Person, vs: VoiceSession,
           data: VoiceSessionUpdate, expected_version: int | None, actor: Actor) -> VoiceSession:
    check_version(vs, expected_version)
    _check(child, vs.tool, data.held_on, data.sharing, [], data.scale)
    before = audit.snapshot(vs, AUDITED)
    fields = data.model_dump(exclude_unset=True, exclude={"sharing"})
    if "held_on" in fields and fields["held_on"] is None:
        raise Invalid([FieldError(["body", "held_on"], "Enter the date of the session")])
    for key, value in fields.items():
        if key == "interviewer_name":
            value = value or vs.interviewer_name
        setattr(vs, key, value if value != "" else None)
    if data.held_on is not None:
        vs.child_age = age_on(child, data.held_on)
    if data.sharing is not None:
        for key, value in _sharing_columns(data.sharing).items():
            setattr(vs, key, value)
    session.flush()
    changes = audit.diff(before, audit.snapshot(vs, AUDITED))
    if changes:
        audit.record(session, actor=actor, action="update", entity_type="voice_session",
                     entity_id=vs.id, case_id=case.id,
                     summary=f"changed {TOOLS[vs.tool]} with {child.given_name} of "
                             f"{vs.held_on:%-d %B %Y}", changes=changes)
    return vs


def add_entry(session: Session, *, case: Case, child: Person, vs: VoiceSession, data: EntryIn,
              actor: Actor) -> VoiceEntry:
    _check(child, vs.tool, None, None, [data.part], None)
    if not data.words.strip():
        raise Invalid([FieldError(["body", "words"], f"Write what {child.given_name} said")])
    position = session.scalar(select(func.coalesce(func.max(VoiceEntry.position) + 1, 0))
                              .where(VoiceEntry.session_id == vs.id,
                                     VoiceEntry.part == data.part)) or 0
    entry = VoiceEntry(session_id=vs.id, part=data.part, words=data.words, position=position)
    session.add(entry)
    session.flush()
    audit.record(session, actor=actor, action="create", entity_type="voice_entry",
                 entity_id=entry.id, case_id=case.id,
                 summary=f"added {child.given_name}'s words to {PARTS[data.part]} "
                         f"({TOOLS[vs.tool]})",
                 changes={"part": {"before": None, "after": data.part.value},
                          "words": {"before": None, "after": data.words}})
    return entry


def change_entry(session: Session, *, case: Case, child: Person, entry: VoiceEntry,
                 words: str, expected_version: int | None, actor: Actor) -> VoiceEntry:
    check_version(entry, expected_version)
    if not words.strip():
        raise Invalid([FieldError(["body", "words"], f"Write what {child.given_name} said")])
    before = entry.words
    entry.words = words
    session.flush()
    if before != words:
        audit.record(session, actor=actor, action="update", entity_type="voice_entry",
                     entity_id=entry.id, case_id=case.id,
                     summary=f"changed {child.given_name}'s words in {PARTS[entry.part]}",
                     changes={"words": {"before": before, "after": words}})
    return entry


def remove_entry(session: Session, *, case: Case, child: Person, entry: VoiceEntry,
                 expected_version: int | None, actor: Actor) -> None:
    check_version(entry, expected_version)
    entry.removed = True
    session.flush()
    audit.record(session, actor=actor, action="remove", entity_type="voice_entry",
                 entity_id=entry.id, case_id=case.id,
                 summary=f"removed {child.given_name}'s words from {PARTS[entry.part]}",
                 changes={"removed": {"before": False, "after": True},
                          "words": {"before": entry.words, "after": entry.words}})


def read(session: Session, vs: VoiceSession) -> VoiceSessionRead:
    parts = entries(session, vs)
    where = voice_mapping.placed(session, [e.id for es in parts.values() for e in es])
    return VoiceSessionRead(
        id=vs.id, child_id=vs.child_id, tool=vs.tool, held_on=vs.held_on, place=vs.place,
        present=vs.present, interviewer_name=vs.interviewer_name, child_age=vs.child_age,
        scale=vs.scale, scale_words=vs.scale_words, sharing=sharing_of(vs),
        entries=[EntryRead(id=e.id, part=e.part, words=e.words, version=e.version,
                           placed=[PlacedRead(mapping_id=p.mapping_id, item_id=p.item_id,
                                              category=p.category, held_on=p.held_on)
                                   for p in where.get(e.id, [])])
                 for es in parts.values() for e in es],
        pictures=[picture_service.read(p) for p in picture_service.for_session(session, vs)],
        created_at=vs.created_at, version=vs.version)


@dataclass
class ChildVoice:
    """What one child said in a session that one audience may see, for a document: the
    parts and pictures the child agreed to, and whether anything was kept back."""

    child: Person
    vs: VoiceSession
    parts: list[tuple[VoicePart, list[str]]]
    pictures: list[Any]
    #: The Safety House scale, when the child agreed (it goes with "inside").
    scale: int | None
    scale_words: str | None
    kept_back: bool


def voice_for(session: Session, *, vs: VoiceSession, child: Person,
              audience: Audience) -> ChildVoice:
    parts = entries(session, vs)
    shown = [(p, [e.words for e in parts[p]]) for p in VOICE_PARTS[vs.tool]
             if parts.get(p) and may_see(vs, p, audience)]
    pictures = picture_service.for_session(session, vs, with_content=True)
    allowed = [p for p in pictures if picture_service.may_see(p, audience)]
    scale_ok = vs.scale is not None and may_see(vs, VoicePart.inside, audience)
    kept_back = (any(parts.get(p) and not may_see(vs, p, audience) for p in VOICE_PARTS[vs.tool])
                 or len(allowed) < len(pictures) or (vs.scale is not None and not scale_ok))
    return ChildVoice(child, vs, shown, allowed, vs.scale if scale_ok else None,
                      vs.scale_words if scale_ok else None, kept_back)


def voices_for_case(session: Session, *, case: Case, audience: Audience) -> list[ChildVoice]:
    """Each child's latest session with each tool, as this audience may see it."""
    latest: dict[tuple[int, VoiceTool], VoiceSession] = {}
    for vs in session.scalars(select(VoiceSession).where(
            VoiceSession.case_id == case.id, VoiceSession.removed.is_(False))
            .order_by(VoiceSession.held_on, VoiceSession.id)):
        latest[(vs.child_id, vs.tool)] = vs
    out = []
    for (child_id, _tool), vs in latest.items():
        child = session.get(Person, child_id)
        if child is not None and not child.archived:
            out.append(voice_for(session, vs=vs, child=child, audience=audience))
    return sorted(out, key=lambda v: (v.child.date_of_birth or date.max, v.child.given_name,
                                      list(VoiceTool).index(v.vs.tool)))
