"""Demo casework for the Harper family: visits (who was seen, and seen alone), a call and a
meeting, linked to what they told us on the mapping, a letter from the school; Mia's own
words (My Three Houses, the Safety House) and the family's safety network."""

from __future__ import annotations

from datetime import time

from sqlalchemy.orm import Session

from app.models.case import Case
from app.models.enums import (
    Audience,
    Category,
    MappingStatus,
    NetworkAgreement,
    NoteKind,
    Strength,
    VoicePart,
    VoiceTool,
)
from app.models.person import Person
from app.models.user import User
from app.schemas.case_note import CaseNoteCreate, NoteChildIn
from app.schemas.network import MeetingIn, MemberIn
from app.schemas.voice import Sharing, VoiceSessionIn
from app.seed_mappings import ago
from app.services import attachment, case_note, network, picture, voice, voice_mapping
from app.services.audit import Actor


def harper_casework(session: Session, case: Case, mia: Person, leo: Person,
                    worker: User) -> None:
    sam = Actor(user_id=worker.id, name=worker.name, channel="system")
    items = case_note.linkable_items(session, case)
    latest = items[0][1].id if items else None

    def first(category: Category) -> list[int]:
        return [i.id for i, m in items if m.id == latest and i.category == category][:1]

    case_note.create(session, case=case, actor=sam, data=CaseNoteCreate(
        kind=NoteKind.visit, occurred_on=ago(10), occurred_time=time(16, 15),
        title="Home visit after school", location="The family home",
        others_present="Jade (mum). Pat (grandma) arrived at 16:40.",
        body="Mia showed me her bedroom and the plan on the fridge. She said Grandma Pat "
             "stayed over on Friday when mum went out, and that she felt safe. Leo was "
             "playing with his cars and was happy to show me them.",
        children=[NoteChildIn(child_id=mia.id, seen=True, seen_alone=True),
                  NoteChildIn(child_id=leo.id, seen=True)],
        item_ids=first(Category.existing_safety) + first(Category.danger_statement)))
    case_note.create(session, case=case, actor=sam, data=CaseNoteCreate(
        kind=NoteKind.phone_call, occurred_on=ago(6), title="Call from Leo's school",
        body="Mrs Okoye said Leo has been on time every day for three weeks and is more "
             "settled in class.", significant=True,
        children=[NoteChildIn(child_id=leo.id)], item_ids=first(Category.existing_strength)))
    case_note.create(session, case=case, actor=sam, data=CaseNoteCreate(
        kind=NoteKind.meeting, occurred_on=ago(4), title="Network meeting",
        location="Northfield Children's Centre",
        others_present="Jade, Pat, Mrs Okoye (school), Ana Lopez (health visitor)",
        body="We went through the safety plan together. Pat agreed to be the person Jade "
             "calls on a night out."))
    attachment.add(session, case=case, data=(
        b"Northfield Primary School\n\nLetter about Leo Harper's attendance\n\nLeo has been "
        b"on time every day this half term. He is more settled and is making friends.\n"
    ), filename="school-letter.txt", title="Letter from Northfield Primary",
        sender="Northfield Primary School", received_on=ago(5), description=None,
        note_id=None, actor=sam)


def harper_voice_and_network(session: Session, case: Case, mia: Person,
                             adults: dict[str, Person], worker: User) -> None:
    """Mia's My Three Houses and Safety House (with a drawing), one of her worries in the
    current mapping, and the family's safety network with a meeting."""
    sam = Actor(user_id=worker.id, name=worker.name, channel="system")
    houses = voice.create(session, case=case, child=mia, tool=VoiceTool.three_houses,
                          actor=sam, data=VoiceSessionIn(
        held_on=ago(21), place="At school, in the quiet room", present="Nobody else",
        words={VoicePart.worries: ["when mummy and ryan shout I go under my bed",
                                   "Leo cries and I cant make him stop"],
               VoicePart.good_things: ["Grandma Pat makes pancakes on saturdays",
                                       "Mrs Yusuf lets me feed the fish"],
               VoicePart.dreams: ["everyone is kind at home", "a dog called Biscuit"]},
        sharing=Sharing(parts={VoicePart.good_things: [Audience.family, Audience.network],
                               VoicePart.dreams: [Audience.family]},
                        asked_by=worker.name, asked_on=ago(21))))
    picture.add(session, case=case, child=mia, vs=houses, part=VoicePart.dreams,
                caption="Me and Biscuit", sharing=[Audience.family], asked_by=worker.name,
                actor=sam, strokes=[
                    {"colour": "orange", "points": [[300, 500], [340, 420], [420, 400],
                                                    [500, 430], [520, 520], [430, 560],
                                                    [330, 550], [300, 500]]},
                    {"colour": "black", "points": [[600, 300], [600, 600]]},
                    {"colour": "blue", "points": [[560, 380], [640, 380]]},
                    {"colour": "green", "points": [[0, 700], [1000, 700]]}])
    voice.create(session, case=case, child=mia, tool=VoiceTool.safety_house, actor=sam,
                 data=VoiceSessionIn(
        held_on=ago(7), place="At home, in her bedroom", present="Nobody else",
        words={VoicePart.inside: ["Mummy", "Leo", "Grandma Pat on fridays"],
               VoicePart.path: ["Mrs Yusuf", "Sam"],
               VoicePart.roof: ["no shouting", "no drinking beer in the house"],
               VoicePart.red_circle: ["Ryan when he has been drinking"]},
        scale=6, scale_words="in the middle because Ryan still comes round sometimes",
        sharing=Sharing(parts={VoicePart.inside: [Audience.family]}, asked_by=worker.name,
                        asked_on=ago(7))))
    worries = voice.entries(session, houses)[VoicePart.worries]
    mapping = voice_mapping.current_mapping(session, case=case)
    if worries and mapping is not None and mapping.status == MappingStatus.draft:
        voice_mapping.place(session, case=case, child=mia, vs=houses, entry=worries[0],
                            category=Category.complicating_factor, actor=sam)
    pat = network.add_member(session, case=case, actor=sam, data=MemberIn(
        person_id=adults["Pat"].id, role="Grandma; has Mia and Leo after school",
        told_on=ago(20), told_what="The danger statements and the safety goals",
        agreement=NetworkAgreement.agreed,
        commitments="Stays over when Jade goes out; calls Sam if Ryan comes round",
        strength=Strength.strong))
    teacher = network.add_member(session, case=case, actor=sam, data=MemberIn(
        person_id=adults["Amina"].id, role="Mia's class teacher",
        told_on=ago(15), told_what="The danger statements",
        agreement=NetworkAgreement.agreed, commitments="Checks in with Mia every morning",
        strength=Strength.strong))
    network.add_member(session, case=case, actor=sam, data=MemberIn(
        name="Mrs Khan", phone="07700 900 210", role="Neighbour, next door"))
    network.add_meeting(session, case=case, actor=sam, data=MeetingIn(
        held_on=ago(14), member_ids=[pat.id, teacher.id], others="Jade (mum), Sam Patel",
        agreed="Grandma Pat stays over on fridays; school tells Sam the same day if Mia "
               "seems worried", next_meeting_on=ago(-14)))
