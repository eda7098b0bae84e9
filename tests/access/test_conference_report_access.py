"""Who may see and make conference reports: whoever reaches the case reads them and their
PDFs; whoever may change the case makes, changes and gives them. Every route × every role ×
every kind of case (see tests/access/world.py)."""

from __future__ import annotations

from datetime import date

from app.models.conference_report import ConferenceReport
from tests.access.world import (
    CaseRoute,
    CaseRoutes,
    World,
    _form,
    _json,
    case_route_test,
    cid,
    mid,
)

_rows: dict[str, int] = {}


def _report_all(w: World) -> None:
    for k, c in w.cases.items():
        row = ConferenceReport(case_id=c.id, held_on=date(2026, 12, 10), kind="initial",
                               mapping_id=mid(w, k), analysis="", recorded_by_name="Worker")
        w.session.add(row)
        w.session.flush()
        _rows[k] = row.id
    w.session.commit()


def _url(w: World, k: str, rest: str = "", api: bool = False) -> str:
    prefix = "/api/v1" if api else ""
    return f"{prefix}/cases/{cid(w, k)}/conference-reports{rest}"


def _version(w: World, k: str) -> int:
    return int(w.fresh(ConferenceReport, _rows[k]).version)


_DAY = {"held_on-day": "10", "held_on-month": "12", "held_on-year": "2026"}

CASE_ROUTES: CaseRoutes = {
    ("GET", "/cases/{case_id}/conference-reports"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _url(w, k), {})),
    ("POST", "/cases/{case_id}/conference-reports"): CaseRoute(
        "write", 303, lambda w, k: ("POST", _url(w, k), _form(w, kind="initial", **_DAY))),
    ("GET", "/cases/{case_id}/conference-reports/{report_id}"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _url(w, k, f"/{_rows[k]}"), {}),
        prepare=_report_all),
    ("POST", "/cases/{case_id}/conference-reports/{report_id}"): CaseRoute(
        "write", 303, lambda w, k: ("POST", _url(w, k, f"/{_rows[k]}"), _form(
            w, version=str(_version(w, k)), kind="review", analysis="Safer now", **_DAY)),
        prepare=_report_all),
    ("GET", "/cases/{case_id}/conference-reports/{report_id}/{which}.pdf"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _url(w, k, f"/{_rows[k]}/family.pdf"), {}),
        prepare=_report_all),
    ("POST", "/cases/{case_id}/conference-reports/{report_id}/issue"): CaseRoute(
        "write", 303, lambda w, k: ("POST", _url(w, k, f"/{_rows[k]}/issue"), _form(
            w, which="report", issued_to="Conference chair")), prepare=_report_all),
    ("GET", "/api/v1/cases/{case_id}/conference-reports"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _url(w, k, api=True), {})),
    ("POST", "/api/v1/cases/{case_id}/conference-reports"): CaseRoute(
        "write", 201, lambda w, k: ("POST", _url(w, k, api=True), _json(
            w, {"held_on": "2026-12-10", "kind": "review"}))),
    ("GET", "/api/v1/cases/{case_id}/conference-reports/{report_id}"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _url(w, k, f"/{_rows[k]}", True), {}),
        prepare=_report_all),
    ("PATCH", "/api/v1/cases/{case_id}/conference-reports/{report_id}"): CaseRoute(
        "write", 200, lambda w, k: ("PATCH", _url(w, k, f"/{_rows[k]}", True), _json(
            w, {"analysis": "Safer"}, f'"conferencereport-{_rows[k]}-v{_version(w, k)}"')),
        prepare=_report_all),
    ("GET", "/api/v1/cases/{case_id}/conference-reports/{report_id}/{which}.pdf"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _url(w, k, f"/{_rows[k]}/report.pdf", True), {}),
        prepare=_report_all),
    ("POST", "/api/v1/cases/{case_id}/conference-reports/{report_id}/{which}/issue"):
        CaseRoute("write", 201, lambda w, k: (
            "POST", _url(w, k, f"/{_rows[k]}/family/issue", True),
            _json(w, {"issued_to": "Jade Harper (mum)",
                      "readability_reason": "As asked"})),
        prepare=_report_all),
    ("GET", "/api/v1/cases/{case_id}/conference-reports/{report_id}/family/readability"):
        CaseRoute("read", 200, lambda w, k: (
            "GET", _url(w, k, f"/{_rows[k]}/family/readability", True), {}),
            prepare=_report_all),
}

test_case_route = case_route_test(CASE_ROUTES)
