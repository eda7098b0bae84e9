"""Who may see and record what applies to a child: whoever reaches the case sees it; whoever
may change the case records it. Every route × every role × every kind of case (see
tests/access/world.py)."""

from __future__ import annotations

from datetime import date

from app.models.child_status import ChildStatus
from tests.access.world import (
    STATUTORY,
    CaseRoute,
    CaseRoutes,
    World,
    _form,
    _json,
    case_route_test,
    cid,
)

#: The plan made on each child by `_plan_all`, by kind of case.
_rows: dict[str, int] = {}


def _plan_all(w: World) -> None:
    for k, c in w.cases.items():
        row = ChildStatus(case_id=c.id, child_id=w.children[k].id, kind="child_in_need",
                          starts_on=date(2026, 1, 5), recorded_by_name="Worker")
        w.session.add(row)
        w.session.flush()
        _rows[k] = row.id
    w.session.commit()


def _url(w: World, k: str, api: bool = False) -> str:
    prefix = "/api/v1" if api else ""
    return (f"{prefix}/cases/{cid(w, k)}/children/{w.children[k].id}/"
            f"{'statuses' if api else 'status'}")


def _version(w: World, k: str) -> int:
    row = w.fresh(ChildStatus, _rows[k])
    return int(row.version)


_DAY = {"starts_on-day": "5", "starts_on-month": "1", "starts_on-year": "2026"}
_END = {"-day": "9", "-month": "2", "-year": "2026"}

CASE_ROUTES: CaseRoutes = {
    ("GET", "/cases/{case_id}/children/{child_id}/status"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _url(w, k), {})),
    ("POST", "/cases/{case_id}/children/{child_id}/status"): CaseRoute(
        "write", 303, lambda w, k: ("POST", _url(w, k), _form(w, kind="looked_after", **_DAY))),
    ("POST", "/cases/{case_id}/children/{child_id}/status/{status_id}/end"): CaseRoute(
        "write", 303,
        lambda w, k: ("POST", f"{_url(w, k)}/{_rows[k]}/end", _form(
            w, version=str(_version(w, k)),
            **{f"ends_on_{_rows[k]}{p}": v for p, v in _END.items()})),
        prepare=_plan_all),
    ("GET", "/api/v1/cases/{case_id}/children/{child_id}/statuses"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _url(w, k, True), {})),
    ("POST", "/api/v1/cases/{case_id}/children/{child_id}/statuses"): CaseRoute(
        "write", 201, lambda w, k: ("POST", _url(w, k, True), _json(
            w, {"kind": "child_protection_plan", "category": "neglect",
                "starts_on": "2026-03-01"}))),
    ("POST", "/api/v1/cases/{case_id}/children/{child_id}/statuses/{status_id}/end"): CaseRoute(
        "write", 200,
        lambda w, k: ("POST", f"{_url(w, k, True)}/{_rows[k]}/end", _json(
            w, {"ends_on": "2026-02-09"},
            f'"childstatus-{_rows[k]}-v{_version(w, k)}"')),
        prepare=_plan_all),
}

test_case_route = case_route_test(CASE_ROUTES)

# Plans are part of the statutory record: whoever may change the case, and a service manager
# wherever they read (they fix what the census return's checks find).
for _spec in CASE_ROUTES.values():
    if _spec.kind == "write":
        _spec.rules = STATUTORY
