"""The Children in Need census code sets (app/data/cin/codes.json) with plain labels, the unique
pupil number's check letter, and which collection years the Department's rules cover. Codes are
data: next year's changes are an edit to the JSON file, not to this module."""

from __future__ import annotations

import importlib.util
import json
from datetime import date
from functools import lru_cache

from app.config import ROOT
from app.errors import FieldError

CODES_FILE = ROOT / "app" / "data" / "cin" / "codes.json"
#: Check letters of a unique pupil number, by the remainder of its weighted sum over 23.
_CHECK = "ABCDEFGHJKLMNPQRTUVWXYZ"


@lru_cache
def code_sets() -> dict[str, dict[str, str]]:
    data = json.loads(CODES_FILE.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def labels(kind: str) -> dict[str, str]:
    return code_sets()[kind]


def choices(kind: str) -> list[tuple[str, str]]:
    """(code, "label (code)") for a select."""
    return [(code, f"{label} ({code})") for code, label in labels(kind).items()]


def label(kind: str, code: str | None) -> str:
    if not code:
        return ""
    return labels(kind).get(code, code)


def valid(kind: str, code: str) -> bool:
    return code in labels(kind)


def split(codes: str | None) -> list[str]:
    return [c for c in (codes or "").replace(",", " ").split() if c]


def factor_errors(codes: list[str], field: str) -> list[FieldError]:
    """Assessment factors as the census takes them: known codes, 21 alone, each once."""
    wrong = [c for c in codes if not valid("assessment_factor", c)]
    if wrong:
        return [FieldError(["body", field], f"“{wrong[0]}” is not a factor code in the census "
                                            "list")]
    if "21" in codes and len(codes) > 1:
        return [FieldError(["body", field], "“No factors found” (21) cannot go with other "
                                            "factors")]
    if len(set(codes)) != len(codes):
        return [FieldError(["body", field], "Each factor once")]
    return []


def upn_problem(upn: str) -> str | None:
    """Why a unique pupil number is not one, in words, or None when it is."""
    if len(upn) != 13:
        return "A unique pupil number has 13 characters"
    if not upn[1:12].isdigit():
        return "Characters 2 to 12 of a unique pupil number are numbers"
    if not upn[0].isalpha():
        return "A unique pupil number starts with a letter"
    total = sum(int(upn[i]) * (i + 1) for i in range(1, 12))
    last = upn[12]
    if not (last.isdigit() or last.isalpha()):
        return "The last character of a unique pupil number is a number or a letter"
    if last.isdigit():
        total += int(last) * 13
    if _CHECK[total % 23] != upn[0]:
        return ("This unique pupil number's first letter does not match the rest. Check it "
                "against the school's record")
    return None


def with_check_letter(digits: str) -> str:
    """The full pupil number for 12 digits (3 for the council, then 9): for demo data and tests."""
    total = sum(int(digits[i - 1]) * (i + 1) for i in range(1, 13))
    return _CHECK[total % 23] + digits


def collection_year(reference: date) -> int:
    """The census year a day belongs to: the year of the 31 March that ends it."""
    return reference.year + (1 if (reference.month, reference.day) > (3, 31) else 0)


def ruleset(year: int) -> str | None:
    """The validator's rule set for the collection ending 31 March `year`, if it has one."""
    name = f"cin{year - 1}_{year % 100:02d}"
    if importlib.util.find_spec(f"cin_validator.rules.{name}") is None:
        return None
    return name


def years_with_rules(around: int) -> list[int]:
    return [y for y in range(around - 5, around + 3) if ruleset(y)]
