"""The documents register: what was handed to whom (the exact bytes, kept, so a copy can be
given again unchanged), and what every family document shares: who it is for, the language
to offer, and what to say when one cannot be printed. The documents themselves are
family_summary, safety_plan_document, words_pictures_document, voice_document and
conference_report."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from app.config import get_settings
from app.errors import FieldError, Invalid, NotFound
from app.models.case import Case
from app.models.document import IssuedDocument
from app.models.enums import PersonKind
from app.models.mapping import Mapping
from app.services import audit
from app.services import language as lang_service
from app.services import person as person_service
from app.services.audit import Actor
from app.services.mapping_item import short

FAMILY_SUMMARY = "family_summary"
FAMILY_SUMMARY_EASY_READ = "family_summary_easy_read"
SAFETY_PLAN = "safety_plan"
WORDS_PICTURES = "words_and_pictures"


@dataclass
class Rendered:
    content: bytes
    title: str
    filename: str


def slug(name: str, default: str) -> str:
    """A name as it goes into a file name: lower case, hyphens between words."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or default


def lang_suffix(code: str) -> str:
    """What a file name gains in another language than English: "-cy"."""
    return "" if code == lang_service.ENGLISH else f"-{code}"


#: A word at least this long is named when a document cannot be printed.
LONG_WORD = 60


def why_not_printed(texts: list[tuple[str, str]], reason: str) -> str:
    """What to tell the person whose document could not be printed: the entry with the
    longest unbroken word if there is one (a pasted link, a held-down key), else its size."""
    longest = max(
        ((len(word), label, text) for label, text in texts for word in text.split()),
        default=(0, "", ""),
    )
    n, label, text = longest
    if n >= LONG_WORD:
        return (f"This document could not be printed: “{label}” (“{short(text, 40)}”) has a "
                f"word of {n:,} letters. Break it up with spaces or shorten it, then try again.")
    limit = get_settings().pdf_timeout_seconds
    if reason == "time":
        return (f"This document took more than {limit:g} seconds to print, so it was stopped. "
                "Shorten the longest entries in the mapping, then try again.")
    return ("This document could not be printed: it needed more memory than a document may "
            "use. Shorten the longest entries in the mapping, then try again.")


def language_choices() -> list[tuple[str, str]]:
    """The languages family documents can be given in, as a form offers them."""
    return [(lang.code, f"{lang.own_name} ({lang.name})" if lang.code != "en" else "English")
            for lang in lang_service.for_documents()]


def family_language(session: Session, case: Case) -> str:
    """The language to offer first: one the adults of the family prefer that documents can
    be written in, else English."""
    offered = {lang.code for lang in lang_service.for_documents()}
    preferred = [p.language for p in person_service.list_for_case(session, case=case)
                 if p.kind == PersonKind.adult and not p.archived and p.language in offered]
    return preferred[0] if preferred else lang_service.ENGLISH


def checked_issued_to(issued_to: str) -> str:
    issued_to = (issued_to or "").strip()
    if not issued_to:
        raise Invalid([FieldError(["body", "issued_to"], "Enter who the document is for")])
    if len(issued_to) > 200:
        raise Invalid([FieldError(["body", "issued_to"], "Keep this to 200 characters or fewer")])
    return issued_to


def record_issue(session: Session, *, case: Case, rendered: Rendered, kind: str, issued_to: str,
                 actor: Actor, now: datetime, mapping: Mapping | None = None,
                 readability: tuple[int, str | None] | None = None,
                 language: str = lang_service.ENGLISH) -> IssuedDocument:
    """The register: the exact bytes as handed over, their SHA-256, who to and by whom; for
    a family document, how many plain-words findings were left and why."""
    doc = IssuedDocument(
        case_id=case.id,
        mapping_id=mapping.id if mapping else None,
        mapping_version=mapping.version if mapping else None,
        kind=kind,
        title=rendered.title,
        filename=rendered.filename,
        media_type="application/pdf",
        issued_to=issued_to,
        issued_by_id=actor.user_id,
        issued_by_name=actor.name,
        issued_at=now,
        sha256=hashlib.sha256(rendered.content).hexdigest(),
        size=len(rendered.content),
        content=rendered.content,
        readability_findings=readability[0] if readability else None,
        readability_reason=readability[1] if readability else None,
        language=language,
    )
    session.add(doc)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="issue",
        entity_type="document",
        entity_id=doc.id,
        case_id=case.id,
        summary=f"issued “{doc.title}” to {issued_to}",
        changes={
            "sha256": {"before": None, "after": doc.sha256},
            **({"mapping_version": {"before": None, "after": mapping.version}}
               if mapping else {"kind": {"before": None, "after": kind}}),
            "language": {"before": None, "after": language},
            **({"readability_findings": {"before": None, "after": readability[0]},
                "readability_reason": {"before": None, "after": readability[1]}}
               if readability else {}),
        },
    )
    return doc


def list_for_case(session: Session, *, case: Case) -> list[IssuedDocument]:
    return list(
        session.scalars(
            select(IssuedDocument)
            .where(IssuedDocument.case_id == case.id)
            .order_by(IssuedDocument.issued_at.desc(), IssuedDocument.id.desc())
        )
    )


def load(session: Session, *, case: Case, document_id: int, with_content: bool = False
         ) -> IssuedDocument:
    query = select(IssuedDocument).where(
        IssuedDocument.id == document_id, IssuedDocument.case_id == case.id
    )
    if with_content:
        query = query.options(undefer(IssuedDocument.content))
    doc = session.scalar(query)
    if doc is None:
        raise NotFound()
    return doc
