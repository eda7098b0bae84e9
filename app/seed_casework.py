"""Demo casework for the Harper family: visits (who was seen, and seen alone), a call and a
meeting, linked to what they told us on the mapping, and a letter from the school."""

from __future__ import annotations

from datetime import time

from sqlalchemy.orm import Session

from app.models.case import Case
from app.models.enums import Category, NoteKind
from app.models.person import Person
from app.models.user import User
from app.schemas.case_note import CaseNoteCreate, NoteChildIn
from app.seed_mappings import ago
from app.services import attachment, case_note
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
