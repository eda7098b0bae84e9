"""Translations of the team's words, for the family's documents in their language.

A translator (named on each translation) puts the team's entries in a family document (the
mapping's family summary, a safety plan, a Words and Pictures booklet, the conference's
summary for the family) into a language the documents can be written in. A translation is
of one entry's English as it stood, so an entry shared by documents (a worry in the summary
and beside a safety plan's rule) is translated once. If the entry changes, the translation
is out of date and the document prints the English again, marked as English, until it is
translated again. Every change is audited."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import Conflict, FieldError, Invalid, NotFound
from app.models.case import Case
from app.models.conference_report import ConferenceReport
from app.models.mapping import Mapping
from app.models.mapping_item import MappingItem
from app.models.network import NetworkMember
from app.models.safety_plan import SafetyRule
from app.models.translation import Translation
from app.models.words_pictures import Panel, Storyboard
from app.services import audit
from app.services import language as lang_service
from app.services.audit import Actor
from app.services.mapping_item import display_text
from app.services.readability import WORKER, Part

MAX_TEXT = 20_000

#: The family documents whose team's words can be translated, as their pages' addresses
#: name them: /cases/{case}/{what}/{id}/translations/{language}.
What = Literal["mappings", "safety-plan", "words-and-pictures", "conference-reports"]

#: What each kind of entry is called in a translation's key.
ENTITY: dict[type, str] = {MappingItem: "mapping_item", NetworkMember: "network_member",
                           SafetyRule: "safety_rule", Panel: "panel",
                           Storyboard: "words_and_pictures",
                           ConferenceReport: "conference_report"}


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


Key = tuple[str, int, str]


def key_of(part: Part) -> Key:
    return (part.entity_type or "", part.entity_id or 0, part.field)


@dataclass
class Document:
    """A family document, for its translations: what it is called, the words it prints (the
    team's are the ones to translate), where its translations are, and the way back."""

    what: What
    ident: int
    name: str
    parts: list[Part]
    back: str
    back_text: str

    def url(self, case: Case, code: str) -> str:
        return f"/cases/{case.id}/{self.what}/{self.ident}/translations/{code}"


def of(session: Session, case: Case, what: str, ident: int) -> Document:
    """The family document `what` number `ident` of this case."""
    # The documents import this module to print their translations, so they are read here.
    from app.services import conference_report as report_service
    from app.services import family_summary, safety_plan_document, words_pictures_document
    from app.services import safety_plan as plan_service
    from app.services import words_pictures as wp

    if what == "mappings":
        mapping = session.get(Mapping, ident)
        if mapping is None or mapping.case_id != case.id:
            raise NotFound("We could not find that mapping on this case.")
        return Document("mappings", ident,
                        f"the family summary of the mapping of {mapping.held_on:%-d %B %Y}",
                        family_summary.parts(session, case, mapping),
                        f"/cases/{case.id}/mappings/{ident}/issue",
                        "Back to giving the family their copy")
    if what == "safety-plan":
        plan = plan_service.load(session, case=case, plan_id=ident)
        return Document("safety-plan", ident, f"safety plan {plan.number}",
                        safety_plan_document.parts(session, case, plan),
                        f"/cases/{case.id}/safety-plan/{ident}", "Back to the safety plan")
    if what == "words-and-pictures":
        board = wp.load(session, case=case, board_id=ident)
        return Document("words-and-pictures", ident, f"the booklet “{board.title}”",
                        words_pictures_document.parts(session, case, board),
                        f"/cases/{case.id}/words-and-pictures/{ident}",
                        "Back to the Words and Pictures")
    if what == "conference-reports":
        report = report_service.load(session, case=case, report_id=ident)
        return Document("conference-reports", ident,
                        f"the family's summary of the conference of {report.held_on:%-d %B %Y}",
                        report_service.family_parts(session, case, report),
                        f"/cases/{case.id}/conference-reports/{ident}",
                        "Back to the conference report")
    raise NotFound("We could not find that document on this case.")


@dataclass
class Entry:
    part: Part
    translation: Translation | None

    @property
    def current(self) -> bool:
        """Made from the English as it stands now."""
        return self.translation is not None and self.translation.source_sha256 == sha(
            self.part.text)


def _rows(session: Session, case: Case, code: str) -> dict[Key, Translation]:
    return {(t.entity_type, t.entity_id, t.field): t for t in session.scalars(
        select(Translation).where(Translation.case_id == case.id,
                                  Translation.language == code))}


def entries(session: Session, case: Case, parts: list[Part], code: str) -> list[Entry]:
    """The team's entries among a document's words, each once, with its translation (if
    any)."""
    lang_service.get(code)
    rows = _rows(session, case, code)
    seen: dict[Key, Entry] = {}
    for p in parts:
        if p.source == WORKER and p.text.strip() and p.entity_type:
            seen.setdefault(key_of(p), Entry(p, rows.get(key_of(p))))
    return list(seen.values())


def current(session: Session, case: Case, parts: list[Part], code: str
            ) -> tuple[dict[Key, str], list[str], int]:
    """For printing: the translations that are up to date, who made them, and how many of
    the entries are still only in English."""
    if code == lang_service.ENGLISH:
        return {}, [], 0
    every = entries(session, case, parts, code)
    done = [e for e in every if e.current]
    names = sorted({e.translation.translator_name for e in done if e.translation})
    return ({key_of(e.part): e.translation.text for e in done if e.translation}, names,
            len(every) - len(done))


def printing(session: Session, case: Case, parts: Callable[[], list[Part]],
             words: dict[str, Any]) -> dict[str, Any]:
    """What a family document's template needs to print the team's words in the language
    of `words` (from family_text.in_language): `say(entry, field)`, the translator's words
    where up to date, else as written; `lang_of(entry, field)`, marking the English as
    English; and `untranslated`, the sentence that says what is still English and who
    translated the rest."""
    lang = words["lang"]
    # The document's words are only read for another language (English needs none).
    done, translators, left = current(session, case, parts(), lang.code) \
        if lang.code != lang_service.ENGLISH else ({}, [], 0)

    def key(entry: Any, field: str) -> Key:
        return (ENTITY[type(entry)], entry.id, field)

    def say(entry: Any, field: str = "text") -> str:
        if isinstance(entry, MappingItem) and field == "text":
            written = display_text(entry)
        else:
            written = getattr(entry, field) or ""
        return done.get(key(entry, field), written)

    def lang_of(entry: Any, field: str = "text") -> Markup:
        return Markup("") if key(entry, field) in done else words["wl"]

    f = words["f"]
    notes = [f["untranslated"].format(language=lang.own_name)] if left else []
    if translators:
        notes.append(f["translated_by"].format(names=", ".join(translators)))
    return {"say": say, "lang_of": lang_of,
            "untranslated": " ".join(notes) if lang.code != lang_service.ENGLISH else None}



def save(session: Session, *, case: Case, doc: Document, code: str, translator_name: str,
         texts: dict[Key, str], versions: dict[Key, int | None], actor: Actor) -> list[Entry]:
    """Record the translator's words for each entry given (an empty text takes a translation
    away). Only the team's entries that this document prints can be translated.
    `versions`: the version of each translation as read (None: there was none); one changed
    since is refused, naming the entry, and nothing is saved."""
    lang = lang_service.get(code)
    if lang.code == lang_service.ENGLISH:
        raise Invalid([FieldError(["body", "language"], "The team's words are in English "
                                                        "already: choose another language")])
    translator_name = (translator_name or "").strip()
    errors: list[FieldError] = []
    if not translator_name:
        errors.append(FieldError(["body", "translator_name"], "Enter the translator's name"))
    elif len(translator_name) > 200:
        errors.append(FieldError(["body", "translator_name"],
                                 "Keep the name to 200 characters or fewer"))
    by_key = {key_of(e.part): e for e in entries(session, case, doc.parts, lang.code)}
    for n, (k, text) in enumerate(texts.items()):
        if k not in by_key:
            errors.append(FieldError(["body", "entries", str(n)], "This is not one of the "
                                     f"team's entries that {doc.name} prints"))
        elif len(text) > MAX_TEXT:
            errors.append(FieldError(["body", "entries", str(n), "text"],
                                     f"Keep each translation to {MAX_TEXT:,} characters"))
    if errors:
        raise Invalid(errors)
    def seen(k: Key) -> int | None:
        row = by_key[k].translation
        return row.version if row is not None else None

    stale = [by_key[k].part.label for k in texts if seen(k) != versions.get(k)]
    if stale:
        raise Conflict(f"Someone else changed the translation of “{stale[0]}” while you were "
                       "working on it, so nothing has been saved. Open the translations "
                       "again to see theirs.")
    for k, text in texts.items():
        entry = by_key[k]
        text = text.strip()
        row = entry.translation
        before = audit.snapshot(row, ["text", "translator_name", "source_sha256"]) if row \
            else {}
        if not text:
            if row is None:
                continue
            session.delete(row)
            action, after = "remove", {}
        else:
            if row is None:
                row = Translation(case_id=case.id, entity_type=k[0], entity_id=k[1],
                                  field=k[2], language=lang.code)
                session.add(row)
            row.text, row.translator_name = text, translator_name
            row.source_sha256 = sha(entry.part.text)
            row.recorded_by_name = actor.name
            action = "create" if not before else "update"
            after = {"text": text, "translator_name": translator_name,
                     "source_sha256": row.source_sha256}
        changes = audit.diff(before, after)
        if not changes:
            continue
        session.flush()
        audit.record(session, actor=actor, action=action, entity_type="translation",
                     entity_id=row.id, case_id=case.id,
                     summary=f"{'took away' if action == 'remove' else 'recorded'} the "
                             f"{lang.name} of “{entry.part.label}” ({translator_name})",
                     changes=changes)
    session.flush()
    return entries(session, case, doc.parts, lang.code)
