"""Readability of family documents: how well the checker finds what a family would not
understand (measured on a corpus of worker sentences), and the report a worker sees before
any family document is issued.

The corpus (`app/data/readability_corpus.csv`) is realistic worker sentences written for
this purpose, each with the words the checker should flag beside it (none for a plain
sentence). `python -m app readability corpus` prints the figures."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from app.config import ROOT
from app.errors import FieldError, Invalid
from app.services import plain_language as pl

CORPUS = ROOT / "app" / "data" / "readability_corpus.csv"


@dataclass
class CorpusFigures:
    sentences: int
    expected: int
    found: int
    plain: int
    false_alarms: int
    misses: list[tuple[str, str]] = field(default_factory=list)
    alarms: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.plain if self.plain else 0.0

    def lines(self) -> list[str]:
        out = [
            f"sentences: {self.sentences} ({self.sentences - self.plain} with findings "
            f"expected, {self.plain} plain)",
            f"recall: {self.found}/{self.expected} = {self.recall:.1%}",
            f"false alarms on plain sentences: {self.false_alarms}/{self.plain} = "
            f"{self.false_alarm_rate:.1%}",
        ]
        out += [f"missed “{what}” in: {sentence}" for what, sentence in self.misses]
        out += [f"false alarm {found} in: {sentence}" for sentence, found in self.alarms]
        return out


def _span(sentence: str, words: str) -> tuple[int, int] | None:
    m = re.search(rf"(?<!\w){re.escape(words)}(?!\w)", sentence) or re.search(
        rf"(?<!\w){re.escape(words)}(?!\w)", sentence, re.IGNORECASE)
    return (m.start(), m.end()) if m else None


def corpus(path: Path = CORPUS, terms: tuple[pl.Term, ...] | None = None) -> CorpusFigures:
    """Check every sentence of the corpus on its own (as if it were the whole document) and
    count: expected findings the checker found (recall), and plain sentences where it found
    anything (false alarms)."""
    terms = terms if terms is not None else tuple(pl.default_terms())
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    figures = CorpusFigures(sentences=len(rows), expected=0, found=0, plain=0, false_alarms=0)
    for row in rows:
        sentence = row["sentence"]
        expected = [e for e in row["expected"].split("|") if e.strip()]
        report = pl.check(sentence, terms=terms)
        if not expected:
            figures.plain += 1
            if report.jargon:
                figures.false_alarms += 1
                figures.alarms.append((sentence, [f.found for f in report.jargon]))
            continue
        for words in expected:
            span = _span(sentence, words)
            if span is None:
                raise ValueError(f"“{words}” is not in the corpus sentence “{sentence}”")
            figures.expected += 1
            if any(f.start < span[1] and span[0] < f.end for f in report.jargon):
                figures.found += 1
            else:
                figures.misses.append((words, sentence))
    return figures


# --- The report before a family document is issued -------------------------------------

#: Who wrote a part of a document. Only the worker's words are checked: the system's are
#: measured (and kept at grade 5 or under by tests); the children's and the family's own
#: words are quoted as they said them and never flagged.
SYSTEM, WORKER, CHILD, FAMILY = "system", "worker", "child", "family"
QUOTED = (CHILD, FAMILY)
REASON_MAX = 1000


@dataclass
class Part:
    label: str
    text: str
    source: str
    #: Where to change it (a page of this service), and what it is, for other systems.
    link: str | None = None
    entity_type: str | None = None
    entity_id: int | None = None
    #: Which of the entity's words (an entry may print more than one).
    field: str = "text"


@dataclass
class Checked:
    part: Part
    report: pl.Report

    @property
    def count(self) -> int:
        """What the worker is asked to change or explain: jargon, labels, unexplained short
        forms and long sentences. A high reading age is advice only (one long danger
        statement in the form the practice asks for would otherwise always count)."""
        return len(self.report.jargon) + len(self.report.long_sentences)


@dataclass
class Measure:
    """One writer's text in a document, measured as a whole."""

    words: int
    grade: float | None
    reading_age: float | None
    long_sentences: int
    jargon: int
    abbreviations: int


@dataclass
class DocumentReport:
    system: Measure
    worker: Measure
    #: The worker's parts with something to change or a high reading age, in order.
    findings: list[Checked]
    #: Parts quoted as the children or the family said them (not checked).
    quoted: int

    @property
    def count(self) -> int:
        return sum(c.count for c in self.findings)

    @property
    def reason_needed(self) -> bool:
        return self.count > 0


def _measure(texts: list[str], checked: list[pl.Report]) -> Measure:
    whole = " ".join(t if t.rstrip().endswith((".", "!", "?")) else t + "." for t in texts)
    overall = pl.check(whole, terms=()) if whole.strip() else None
    return Measure(
        words=overall.words if overall else 0,
        grade=overall.grade if overall else None,
        reading_age=overall.reading_age if overall else None,
        long_sentences=sum(len(r.long_sentences) for r in checked),
        jargon=sum(len(r.words_to_change) for r in checked),
        abbreviations=sum(len(r.abbreviations) for r in checked),
    )


def measure(terms: tuple[pl.Term, ...], parts: list[Part]) -> DocumentReport:
    """The report on a document's parts. A short form counts as explained if any part of
    the document explains it."""
    parts = [p for p in parts if p.text and p.text.strip()]
    explained = pl.explained_in(*(p.text for p in parts))
    system = [p for p in parts if p.source == SYSTEM]
    worker = [p for p in parts if p.source == WORKER]
    sys_reports = [pl.check(p.text, terms=terms, explained=explained) for p in system]
    checked = [Checked(p, pl.check(p.text, terms=terms, explained=explained)) for p in worker]
    return DocumentReport(
        system=_measure([p.text for p in system], sys_reports),
        worker=_measure([p.text for p in worker], [c.report for c in checked]),
        findings=[c for c in checked if not c.report.clear],
        quoted=sum(1 for p in parts if p.source in QUOTED),
    )


def reason_given(report: DocumentReport, reason: str | None) -> str | None:
    """The reason for issuing with findings left, required when there are any."""
    reason = (reason or "").strip() or None
    if report.reason_needed and reason is None:
        n = report.count
        raise Invalid([FieldError(
            ["body", "readability_reason"],
            f"The plain words check found {n} thing{'s' if n != 1 else ''} the family may find "
            "hard to read. Change the words, or say why they should have the document as it "
            "is")])
    if reason is not None and len(reason) > REASON_MAX:
        raise Invalid([FieldError(["body", "readability_reason"],
                                  f"Keep this to {REASON_MAX:,} characters or fewer")])
    return reason if report.reason_needed else None
