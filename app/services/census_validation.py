"""The Department for Education's own rules on a census return (the csc-validator-be-cin
package, rule sets by collection year), and each finding traced to the record that needs
fixing: the child, the event or plan, the field."""

from __future__ import annotations

import contextlib
import importlib
import io
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from app.services import census_codes
from app.services.census import Trace

#: Plain words for the rules a worker meets most; the Department's own words otherwise.
PLAIN: dict[str, str] = {
    "4180": "Record the child's sex (male, female or not known)",
    "4220": "Record the child's ethnicity",
    "8540": "Record the child's disability for the census, or “No disability”",
    "8866": "Record where the referral came from",
    "8610": "Record the main need of a referral that led to further action",
    "8925": "A child protection plan ends before it starts",
    "8840": "A child protection plan starts and ends on the same day",
    "8940": "Two child protection plans overlap",
    "4011": "A child in need plan ends before it starts",
    "4014": "Two child in need plans overlap",
    "8630": "The case closed before the referral",
    "8805": "A closure has no reason",
    "8608": "An assessment was authorised before it started",
    "8897Q": "Record the factors found at the end of the assessment (tag them on the harm "
             "and danger statements of its mapping)",
    "1510": "The unique pupil number's first letter does not match the rest",
    "8525Q": "Record the date of birth, or the expected date for a baby not born yet",
}
_CHUNK = 25


@dataclass
class Finding:
    code: str
    kind: str  # "error" or "query"
    words: str
    rule: str
    table: str | None
    column: str | None
    child_id: int | None
    case_id: int | None
    entity: str | None
    entity_id: int | None
    field: str | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _plain(code: str, message: str) -> str:
    prefix = "Please check and either amend or provide a reason"
    text = message.split(":", 1)[1].strip() if message.startswith(prefix) and ":" in message \
        else message
    return PLAIN.get(code, text.strip())


def _locate(trace: Trace | None, column: str | None) -> tuple[str | None, int | None,
                                                               str | None]:
    if trace is None:
        return None, None, None
    field = trace.fields.get(column or "")
    if field and field.startswith("event:"):
        _, event_id, name = field.split(":", 2)
        return "case_event", int(event_id), name
    return trace.entity, trace.entity_id, field


def validate(xml: bytes, year: int, traces: dict[str, list[Trace]],
             progress: Callable[[int, str], None] | None = None) -> list[Finding]:
    """Every error and query the Department's rules for `year` find, each traced."""
    name = census_codes.ruleset(year)
    if name is None:
        raise LookupError(year)
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        from cin_validator import cin_validator as cv
        from cin_validator.rule_engine import RuleType

        registry = importlib.import_module(f"cin_validator.rules.{name}").registry
        root = ET.fromstring(xml)
        data = cv.process_data(cv.convert_data(root))
        codes = [str(c) for c in registry]
        findings: list[Finding] = []
        seen: set[tuple[Any, ...]] = set()
        for i in range(0, len(codes), _CHUNK):
            chunk = codes[i:i + _CHUNK]
            v = cv.CinValidator(data, registry, selected_rules=chunk)
            for row in v.full_issue_df.to_dict("records"):
                code = str(row["rule_code"])
                table, column = row.get("tables_affected"), row.get("columns_affected")
                rows = traces.get(str(table), [])
                index = int(row["row_id"]) if str(row.get("row_id")).isdigit() else -1
                trace = rows[index] if 0 <= index < len(rows) else None
                entity, entity_id, field = _locate(trace, str(column))
                key = (code, entity, entity_id, field, trace.child_id if trace else None)
                if key in seen:
                    continue
                seen.add(key)
                rule = registry[code]
                findings.append(Finding(
                    code=code, kind="query" if rule.rule_type == RuleType.QUERY else "error",
                    words=_plain(code, rule.message), rule=rule.message,
                    table=str(table), column=str(column),
                    child_id=trace.child_id if trace else None,
                    case_id=trace.case_id if trace else None,
                    entity=entity, entity_id=entity_id, field=field))
            for row in v.multichild_issues.to_dict("records"):
                code = str(row["rule_code"])
                if ("return", code) in seen:
                    continue
                seen.add(("return", code))
                rule = registry[code]
                findings.append(Finding(
                    code=code, kind="query" if rule.rule_type == RuleType.QUERY else "error",
                    words=_plain(code, rule.message), rule=rule.message, table=None,
                    column=None, child_id=None, case_id=None, entity=None, entity_id=None,
                    field=None))
            if progress:
                done = min(i + _CHUNK, len(codes))
                progress(40 + int(55 * done / len(codes)),
                         f"Checked {done} of {len(codes)} of the Department's rules")
    findings.sort(key=lambda f: (f.kind != "error", f.child_id or 0, f.code))
    return findings


#: Our own finding, before the Department's rules: a child the file leaves out.
UNREFERRED = "REC1"


def unreferred(rows: list[tuple[int, int, int]]) -> list[Finding]:
    """A finding for each child with a plan in the year and no referral recorded: the file
    holds only what the record holds, so they are not in it until the referral is."""
    return [Finding(
        code=UNREFERRED, kind="error",
        words="This child has a plan in the year but no referral is recorded, so they are not "
              "in the return. Record the referral",
        rule="Every child in need in the year has a CIN episode (a referral)",
        table=None, column=None, child_id=child_id, case_id=case_id, entity="case_event",
        entity_id=None, field="happened_on") for case_id, child_id, _ in rows]


def link(f: dict[str, Any]) -> str | None:
    """Where in the record to fix a finding."""
    case_id, child_id, entity, entity_id = (f.get("case_id"), f.get("child_id"),
                                           f.get("entity"), f.get("entity_id"))
    if case_id is None:
        return None
    field = f.get("field") or ""
    if entity == "person":
        if field in ("sex", "ethnicity", "disabilities", "upn", "upn_unknown"):
            return f"/cases/{case_id}/people/{child_id}/census#{field}"
        anchor = {"id": "", "date_of_birth": "date_of_birth-day",
                  "expected_date": "expected_date-day", "died_on": "died_on-day"}.get(
            field, field)
        return f"/cases/{case_id}/people/{child_id}/edit" + (f"#{anchor}" if anchor else "")
    if entity == "case_event" and entity_id is None:
        return f"/cases/{case_id}/children/{child_id}/events/new?kind=referral"
    if entity == "case_event":
        return f"/cases/{case_id}/children/{child_id}/events/{entity_id}"
    if entity == "child_status":
        return f"/cases/{case_id}/children/{child_id}/status#status-{entity_id}"
    return None
