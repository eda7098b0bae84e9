"""Who may see and record a child's statutory events: whoever reaches the case sees them;
whoever may change the case records, changes and withdraws them. Every route × every role ×
every kind of case (see tests/access/world.py)."""

from __future__ import annotations

from datetime import date

from app.models.case_event import CaseEvent
from tests.access.world import (
    STATUTORY,
    CaseRoute,
    CaseRoutes,
    World,
    _form,
    _json,
    case_route_test,
    cid,
    mid,
)

#: The referral made on each child by `_refer_all`, by kind of case.
_rows: dict[str, int] = {}


def _refer_all(w: World) -> None:
    for k, c in w.cases.items():
        row = CaseEvent(case_id=c.id, child_id=w.children[k].id, kind="referral",
                        happened_on=date(2025, 6, 2), code="2A", need_code="N1",
                        recorded_by_name="Worker")
        w.session.add(row)
        w.session.flush()
        _rows[k] = row.id
    w.session.commit()


def _url(w: World, k: str, rest: str = "", api: bool = False) -> str:
    prefix = "/api/v1" if api else ""
    return f"{prefix}/cases/{cid(w, k)}/children/{w.children[k].id}/{rest}"


def _etag(w: World, k: str) -> str:
    return f'"caseevent-{_rows[k]}-v{w.fresh(CaseEvent, _rows[k]).version}"'


_DAY = {"happened_on-day": "3", "happened_on-month": "6", "happened_on-year": "2025"}

CASE_ROUTES: CaseRoutes = {
    ("GET", "/cases/{case_id}/children/{child_id}/events"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _url(w, k, "events"), {})),
    ("GET", "/cases/{case_id}/children/{child_id}/events/new"): CaseRoute(
        "write", 200, lambda w, k: ("GET", _url(w, k, "events/new?kind=assessment"), {})),
    ("POST", "/cases/{case_id}/children/{child_id}/events"): CaseRoute(
        "write", 303, lambda w, k: ("POST", _url(w, k, "events"),
                                    _form(w, kind="assessment", **_DAY))),
    ("GET", "/cases/{case_id}/children/{child_id}/events/{event_id}"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _url(w, k, f"events/{_rows[k]}"), {}),
        prepare=_refer_all),
    ("POST", "/cases/{case_id}/children/{child_id}/events/{event_id}"): CaseRoute(
        "write", 303, lambda w, k: ("POST", _url(w, k, f"events/{_rows[k]}"), _form(
            w, version=str(w.fresh(CaseEvent, _rows[k]).version), code="3A", need_code="N1",
            **{**_DAY, "happened_on-day": "2"})),
        prepare=_refer_all),
    ("POST", "/cases/{case_id}/children/{child_id}/events/{event_id}/withdraw"): CaseRoute(
        "write", 303, lambda w, k: ("POST", _url(w, k, f"events/{_rows[k]}/withdraw"), _form(
            w, version=str(w.fresh(CaseEvent, _rows[k]).version))),
        prepare=_refer_all),
    ("POST", "/cases/{case_id}/children/{child_id}/event-proposals"): CaseRoute(
        "write", 303, lambda w, k: ("POST", _url(w, k, "event-proposals"),
                                    _form(w, key=f"assessment-{mid(w, k)}-None"))),
    ("GET", "/api/v1/cases/{case_id}/children/{child_id}/events"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _url(w, k, "events", True), {})),
    ("GET", "/api/v1/cases/{case_id}/children/{child_id}/event-proposals"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _url(w, k, "event-proposals", True), {})),
    ("POST", "/api/v1/cases/{case_id}/children/{child_id}/events"): CaseRoute(
        "write", 201, lambda w, k: ("POST", _url(w, k, "events", True), _json(
            w, {"kind": "referral", "happened_on": "2025-06-02", "code": "6",
                "need_code": "N1"}))),
    ("GET", "/api/v1/cases/{case_id}/children/{child_id}/events/{event_id}"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _url(w, k, f"events/{_rows[k]}", True), {}),
        prepare=_refer_all),
    ("PATCH", "/api/v1/cases/{case_id}/children/{child_id}/events/{event_id}"): CaseRoute(
        "write", 200, lambda w, k: ("PATCH", _url(w, k, f"events/{_rows[k]}", True), _json(
            w, {"code": "5A"}, _etag(w, k))),
        prepare=_refer_all),
    ("POST", "/api/v1/cases/{case_id}/children/{child_id}/events/{event_id}/withdraw"):
        CaseRoute("write", 200, lambda w, k: (
            "POST", _url(w, k, f"events/{_rows[k]}/withdraw", True),
            _json(w, None, _etag(w, k))), prepare=_refer_all),
}

test_case_route = case_route_test(CASE_ROUTES)

# Recording is for whoever may change the case, and for a service manager wherever they read.
for _spec in CASE_ROUTES.values():
    if _spec.kind == "write":
        _spec.rules = STATUTORY
