"""Attachments: reports, letters and photos received from others, kept with the case.
Each file is checked by app.services.upload before anything is written; a file is never
changed afterwards, and downloading one is not an edit, so it is not audited."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from app.errors import FieldError, Invalid, NotFound
from app.models.attachment import Attachment
from app.models.case import Case
from app.models.case_note import CaseNote
from app.services import audit, upload
from app.services.audit import Actor

AUDITED = ["title", "sender", "received_on", "description", "filename", "media_type", "size",
           "sha256", "note_id"]


def list_for_case(session: Session, *, case: Case, note_id: int | None = None
                  ) -> list[Attachment]:
    """Newest first; without their bytes."""
    stmt = select(Attachment).where(Attachment.case_id == case.id)
    if note_id is not None:
        stmt = stmt.where(Attachment.note_id == note_id)
    return list(session.scalars(stmt.order_by(Attachment.received_on.desc(),
                                              Attachment.id.desc())))


def load(session: Session, *, case: Case, attachment_id: int,
         with_content: bool = False) -> Attachment:
    stmt = select(Attachment).where(Attachment.id == attachment_id,
                                    Attachment.case_id == case.id)
    if with_content:
        stmt = stmt.options(undefer(Attachment.content))
    found = session.scalar(stmt)
    if found is None:
        raise NotFound("We could not find that file on this case.")
    return found


def add(session: Session, *, case: Case, data: bytes, filename: str | None, title: str | None,
        sender: str | None, received_on: date | None, description: str | None,
        note_id: int | None, actor: Actor) -> Attachment:
    """Check the file and every field together, so the worker sees all that is wrong at once
    and nothing is kept until all of it is right."""
    errors: list[FieldError] = []
    checked: upload.Checked | None = None
    try:
        checked = upload.check(data, filename)
    except Invalid as exc:
        errors.extend(exc.errors)
    title = (title or "").strip() or None
    if title is None:
        errors.append(FieldError(["body", "title"],
                                 "Enter a title, for example “School report, March 2026”"))
    elif len(title) > 200:
        errors.append(FieldError(["body", "title"], "Title must be 200 characters or fewer"))
    if sender is not None and len(sender) > 200:
        errors.append(FieldError(["body", "sender"], "Who sent it must be 200 characters or "
                                                     "fewer"))
    today = date.today()
    if received_on is None:
        received_on = today
    elif received_on > today:
        errors.append(FieldError(["body", "received_on"],
                                 "The date it was received must be today or in the past"))
    elif received_on < today - timedelta(days=366 * 30):
        errors.append(FieldError(["body", "received_on"],
                                 "The date it was received must be within the last 30 years"))
    if note_id is not None and session.scalar(
            select(CaseNote.id).where(CaseNote.id == note_id, CaseNote.case_id == case.id)
    ) is None:
        errors.append(FieldError(["body", "note_id"], "Choose a note on this case"))
    if errors or checked is None or title is None:
        raise Invalid(errors)
    row = Attachment(case_id=case.id, note_id=note_id, title=title, sender=sender,
                     received_on=received_on, description=description,
                     filename=checked.filename, media_type=checked.media_type,
                     size=checked.size, sha256=checked.sha256, content=checked.content,
                     uploaded_by_id=actor.user_id, uploaded_by_name=actor.name)
    session.add(row)
    session.flush()
    audit.record(session, actor=actor, action="create", entity_type="attachment",
                 entity_id=row.id, case_id=case.id,
                 summary=f"added the file “{title}” ({upload.describe(row.media_type)}, "
                         f"{max(1, row.size // 1024)} KB)",
                 changes=audit.diff({}, audit.snapshot(row, AUDITED)))
    return row
