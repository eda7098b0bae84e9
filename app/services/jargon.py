"""The council's jargon list: terms the plain-language checker flags, with plain words for
them. Administrators add and change terms; every change is audited."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.errors import Conflict, FieldError, Invalid, NotFound
from app.models.jargon import JargonTerm
from app.schemas.plain_language import JargonIn
from app.services import audit
from app.services import plain_language as pl
from app.services.audit import Actor

AUDITED = ["term", "plain", "note", "label_only", "active"]


def load(session: Session, term_id: int) -> JargonTerm:
    row = session.get(JargonTerm, term_id)
    if row is None:
        raise NotFound()
    return row


def _duplicate(session: Session, term: str, row_id: int | None) -> None:
    found = session.scalar(
        select(JargonTerm.id).where(JargonTerm.term.ilike(term.replace("%", r"\%")))
    )
    if found is not None and found != row_id:
        raise Invalid([FieldError(["term"], f"“{term}” is already on the list")])


def create(session: Session, *, data: JargonIn, actor: Actor) -> JargonTerm:
    """A new term. The first change to the list starts from the built-in one, so that the
    built-in terms stay on it."""
    _duplicate(session, data.term, None)
    if not session.scalar(select(JargonTerm.id).limit(1)):
        pl.load_defaults(session)
        _duplicate(session, data.term, None)
    return _save(session, None, data, actor)


def update(
    session: Session, *, row: JargonTerm, data: JargonIn, expected_version: int, actor: Actor
) -> JargonTerm:
    """Change a term, unless someone else changed it since `expected_version` was read."""
    if expected_version != row.version:
        raise Conflict(
            "Someone else changed this term while you were editing, so your changes have not "
            f"been saved. It now says: “{row.term}” → “{row.plain}”. Your words are still in "
            "the form: save again to replace theirs."
        )
    _duplicate(session, data.term, row.id)
    try:
        with session.begin_nested():
            return _save(session, row, data, actor)
    except IntegrityError:
        raise Invalid([FieldError(["term"], f"“{data.term}” is already on the list")]) from None


def _save(session: Session, row: JargonTerm | None, data: JargonIn, actor: Actor) -> JargonTerm:
    before = audit.snapshot(row, AUDITED) if row else {}
    if row is None:
        row = JargonTerm(**data.model_dump())
        session.add(row)
    else:
        for k, v in data.model_dump().items():
            setattr(row, k, v)
    session.flush()
    changes = audit.diff(before, audit.snapshot(row, AUDITED))
    if changes:
        audit.record(
            session,
            actor=actor,
            action="create" if not before else "update",
            entity_type="jargon_term",
            entity_id=row.id,
            case_id=None,
            summary=(
                f"added “{row.term}” to the jargon list"
                if not before
                else f"changed “{row.term}” in the jargon list"
            ),
            changes=changes,
        )
    return row
