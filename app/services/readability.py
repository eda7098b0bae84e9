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
