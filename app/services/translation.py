"""Translations of the team's words, for the family's documents in their language.

A translator (named on each translation) puts an entry of the mapping into a language the
documents can be written in. A translation is of the English as it stood: if the entry
changes, the translation is out of date and the document prints the English again, marked
as English, until it is translated again. Every change is audited."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import Conflict, FieldError, Invalid
from app.models.case import Case
from app.models.mapping import Mapping
from app.models.translation import Translation
from app.services import audit, family_summary
from app.services import language as lang_service
from app.services.audit import Actor
from app.services.readability import WORKER, Part

MAX_TEXT = 20_000


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


Key = tuple[str, int, str]


def key_of(part: Part) -> Key:
    return (part.entity_type or "", part.entity_id or 0, part.field)


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


def entries(session: Session, case: Case, mapping: Mapping, code: str) -> list[Entry]:
    """The mapping's entries a family document prints, each with its translation (if any)."""
    lang_service.get(code)
    rows = _rows(session, case, code)
    return [Entry(p, rows.get(key_of(p)))
            for p in family_summary.mapping_parts(session, case, mapping)
            if p.source == WORKER and p.text.strip()]


def current(session: Session, case: Case, mapping: Mapping, code: str
            ) -> tuple[dict[Key, str], list[str], int]:
    """For printing: the translations that are up to date, who made them, and how many of
    the entries are still only in English."""
    if code == lang_service.ENGLISH:
        return {}, [], 0
    every = entries(session, case, mapping, code)
    done = [e for e in every if e.current]
    total = len(every)
    names = sorted({e.translation.translator_name for e in done if e.translation})
    return ({key_of(e.part): e.translation.text for e in done if e.translation}, names,
            total - len(done))


def save(session: Session, *, case: Case, mapping: Mapping, code: str, translator_name: str,
         texts: dict[Key, str], versions: dict[Key, int | None], actor: Actor) -> list[Entry]:
    """Record the translator's words for each entry given (an empty text takes a translation
    away). Only entries of this mapping that a family document prints can be translated.
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
    by_key = {key_of(e.part): e for e in entries(session, case, mapping, lang.code)}
    for n, (k, text) in enumerate(texts.items()):
        if k not in by_key:
            errors.append(FieldError(["body", "entries", str(n)], "This is not one of the "
                                     "mapping's entries that the family's documents print"))
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
    return entries(session, case, mapping, lang.code)
