"""Notes from supervision on a case: added (never edited), each one audited."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import FieldError, Invalid
from app.models.case import Case
from app.models.supervision import SupervisionNote
from app.services import audit
from app.services.audit import Actor


def notes_for(session: Session, *, case: Case) -> list[SupervisionNote]:
    return list(
        session.scalars(
            select(SupervisionNote)
            .where(SupervisionNote.case_id == case.id)
            .order_by(SupervisionNote.created_at.desc(), SupervisionNote.id.desc())
        )
    )


def add_note(
    session: Session, *, case: Case, mapping_id: int | None, text: str, actor: Actor
) -> SupervisionNote:
    """A note from supervision, by the manager of the case's team: never edited later."""
    text = text.strip()
    if not text:
        raise Invalid([FieldError(["note"], "Write the note from supervision")])
    if len(text) > 20_000:
        raise Invalid([FieldError(["note"], "Keep the note to 20,000 characters or fewer")])
    note = SupervisionNote(case_id=case.id, mapping_id=mapping_id, author_id=actor.user_id,
                           author_name=actor.name, text=text)
    session.add(note)
    session.flush()
    audit.record(session, actor=actor, action="create", entity_type="supervision_note",
                 entity_id=note.id, case_id=case.id,
                 summary="added a note from supervision",
                 changes={"text": {"before": None, "after": text}})
    return note
