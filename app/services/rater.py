"""Who a safety score is from, and where raters differ: the one place that says when two
scores are the same person's, and what the lowest and highest current scores are (the board's
summary and the mapping page both ask)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

#: Raters this many points apart on one pair (or overall) are "far apart".
FAR_APART = 3


def rater_key(person_id: int | None, user_id: int | None, name: str) -> str:
    """Who a score is from, the same person however their name was typed."""
    if person_id is not None:
        return f"person:{person_id}"
    if user_id is not None:
        return f"user:{user_id}"
    return "name:" + " ".join(name.split()).casefold()


@dataclass(frozen=True)
class Spread:
    """Each rater's latest score on one question: the lowest and highest, and who gave them."""

    low: int
    low_by: str
    high: int
    high_by: str

    @property
    def gap(self) -> int:
        return self.high - self.low


def spread(scores: Iterable[tuple[str, int, str]]) -> Spread | None:
    """From (rater key, score, name), oldest first: a later score from the same rater replaces
    the earlier one. None when there are no scores."""
    current: dict[str, tuple[int, str]] = {}
    for key, score, name in scores:
        current[key] = (score, name)
    if not current:
        return None
    values = [sc for sc, _ in current.values()]
    low, high = min(values), max(values)
    return Spread(low, _names(n for sc, n in current.values() if sc == low),
                  high, _names(n for sc, n in current.values() if sc == high))


def _names(names: Iterable[str]) -> str:
    joined = ", ".join(sorted(set(names)))
    return joined if len(joined) <= 400 else joined[:399] + "…"
