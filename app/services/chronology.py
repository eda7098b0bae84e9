"""A child's chronology: the significant events of their life with the service, drawn from the
record itself (never typed twice): their birth, the case opening, closing and reopening,
visits and notes marked significant that concern them (or the whole family), mapping
meetings, documents given to the family and files received. Oldest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import FieldError, Invalid, NotPrinted
from app.models.attachment import Attachment
from app.models.audit import AuditEvent
from app.models.base import utcnow
from app.models.case import Case
from app.models.case_note import CaseNote, NoteChild
from app.models.document import IssuedDocument
from app.models.enums import MappingKind, NoteKind, label
from app.models.mapping import Mapping
from app.models.person import Person
from app.services import case_note, child_status, pdf

#: What a chronology can be filtered by, in the words on the page.
SOURCES: dict[str, str] = {
    "visit": "Visits",
    "note": "Notes, calls and meetings",
    "mapping": "Mappings",
    "case": "Case events",
    "document": "Documents and files",
}
_STATUS_WORDS = {"draft": "draft", "agreed": "shared with the family",
                 "signed_off": "signed off"}


@dataclass(frozen=True)
class Entry:
    on: date
    at: time | None
    source: str
    title: str
    detail: str
    by: str | None
    link: str | None


@dataclass(frozen=True)
class Filter:
    sources: frozenset[str]
    date_from: date | None = None
    date_to: date | None = None

    @classmethod
    def make(cls, sources: list[str] | None, date_from: date | None,
             date_to: date | None) -> Filter:
        unknown = [s for s in sources or [] if s not in SOURCES]
        errors = [FieldError(["query", "source"], f"“{s}” is not something a chronology "
                             f"shows; choose from {', '.join(SOURCES)}") for s in unknown]
        if date_from and date_to and date_from > date_to:
            errors.append(FieldError(["query", "date_to"],
                                     "The end date must be the same as or after the start date"))
        if errors:
            raise Invalid(errors)
        return cls(frozenset(sources or SOURCES), date_from, date_to)

    def keeps(self, e: Entry) -> bool:
        return (e.source in self.sources
                and (self.date_from is None or e.on >= self.date_from)
                and (self.date_to is None or e.on <= self.date_to))


def for_child(session: Session, *, case: Case, child: Person, where: Filter) -> list[Entry]:
    base = f"/cases/{case.id}"
    out: list[Entry] = []
    if "case" in where.sources:
        if child.date_of_birth:
            out.append(Entry(child.date_of_birth, None, "case", "Born", "", None, None))
        out.append(Entry(case.opened_on, None, "case", "Case opened", "", None, base))
        for ev in session.scalars(
            select(AuditEvent).where(AuditEvent.case_id == case.id,
                                     AuditEvent.entity_type == "case",
                                     AuditEvent.action.in_(("close", "reopen")))
            .order_by(AuditEvent.id)
        ):
            closed = ev.action == "close"
            reason = (ev.changes.get("closure_reason") or {}).get("after") if closed else None
            on = (ev.changes.get("closed_on") or {}).get("after") if closed else None
            out.append(Entry(date.fromisoformat(on) if on else ev.at.date(), None, "case",
                             "Case closed" if closed else "Case reopened", reason or "",
                             ev.actor_name, base))
        for st in child_status.for_child(session, case=case, child=child):
            link = f"{base}/children/{child.id}/status"
            words = child_status.describe(st)
            out.append(Entry(st.starts_on, None, "case", f"{words} started", st.note or "",
                             st.recorded_by_name, link))
            if st.ends_on:
                out.append(Entry(st.ends_on, None, "case", f"{words} ended", "", None, link))
    if where.sources & {"visit", "note"}:
        out.extend(_notes(session, case, child, where, base))
    if "mapping" in where.sources:
        for m in session.scalars(select(Mapping).where(
                Mapping.case_id == case.id, Mapping.kind != MappingKind.group_supervision)):
            out.append(Entry(m.held_on, None, "mapping", f"Mapping: {label(m.kind).lower()}",
                             f"Status: {_STATUS_WORDS.get(m.status.value, m.status.value)}",
                             None, f"{base}/mappings/{m.id}"))
    if "document" in where.sources:
        for d in session.scalars(select(IssuedDocument).where(IssuedDocument.case_id == case.id)):
            out.append(Entry(d.issued_at.date(), None, "document", f"Given to the family: "
                             f"{d.title}", f"Given to {d.issued_to}", d.issued_by_name,
                             f"{base}/documents/{d.id}/download"))
        for a in session.scalars(select(Attachment).where(Attachment.case_id == case.id)):
            out.append(Entry(a.received_on, None, "document", f"File received: {a.title}",
                             f"From {a.sender}" if a.sender else "", a.uploaded_by_name,
                             f"{base}/attachments/{a.id}/download"))
    kept = [e for e in out if where.keeps(e)]
    return sorted(kept, key=lambda e: (e.on, e.at or time.min, e.source))


def _notes(session: Session, case: Case, child: Person, where: Filter,
           base: str) -> list[Entry]:
    out = []
    for note in case_note.list_for_case(session, case=case, child_id=child.id):
        mine = next((c for c in note.children if c.child_id == child.id), None)
        source = "visit" if note.kind == NoteKind.visit else "note"
        if source not in where.sources or (source == "note" and not note.significant):
            continue
        detail = ""
        if note.kind == NoteKind.visit:
            detail = (f"{child.given_name} was seen alone" if mine and mine.seen_alone
                      else f"{child.given_name} was seen" if mine and mine.seen
                      else f"{child.given_name} was not seen")
        out.append(Entry(note.occurred_on, note.occurred_time, source,
                         f"{label(note.kind)}: {note.title}", detail, note.author_name,
                         f"{base}/notes/{note.id}"))
    return out


def seen_counts(session: Session, *, case: Case) -> dict[int, tuple[date | None, date | None]]:
    """For each child: the last visit they were seen, and the last they were seen alone."""
    out: dict[int, tuple[date | None, date | None]] = {}
    rows = session.execute(
        select(NoteChild.child_id, NoteChild.seen_alone, CaseNote.occurred_on)
        .join(CaseNote, CaseNote.id == NoteChild.note_id)
        .where(CaseNote.case_id == case.id, CaseNote.kind == NoteKind.visit,
               NoteChild.seen.is_(True))
    )
    for child_id, alone, on in rows:
        seen, seen_alone = out.get(child_id, (None, None))
        seen = on if seen is None or on > seen else seen
        if alone:
            seen_alone = on if seen_alone is None or on > seen_alone else seen_alone
        out[child_id] = (seen, seen_alone)
    return out


def print_pdf(*, case: Case, child: Person, entries: list[Entry], where: Filter,
              council: str, created: datetime | None = None) -> tuple[bytes, str]:
    """The chronology as a PDF (the same bounded printing as every document)."""
    when = created or utcnow()
    title = f"Chronology for {child.full_name}"
    ctx = {"case": case, "child": child, "entries": entries, "where": where,
           "sources": SOURCES, "doc_title": title, "printed_on": when.date(),
           "council": council}
    try:
        content = pdf.render_pdf("pdf/chronology.html", ctx, title=title, created=when)
    except pdf.PrintFailed as failed:
        raise NotPrinted("The chronology could not be printed: " + failed.reason
                         + " Choose a shorter period and try again.") from None
    slug = "".join(ch if ch.isalnum() else "-" for ch in child.full_name.lower()).strip("-")
    return content, f"chronology-{slug or 'child'}-{when:%Y-%m-%d}.pdf"
