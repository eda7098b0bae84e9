"""Who may use a case's history.
Every route × every role × every kind of case (see tests/access/world.py)."""

from __future__ import annotations

from tests.access.world import (
    CaseRoute,
    CaseRoutes,
    case_route_test,
    cid,
)

CASE_ROUTES: CaseRoutes = {
    ("GET", "/api/v1/cases/{case_id}/history"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"/api/v1/cases/{cid(w, k)}/history", {})
    ),
    ("GET", "/cases/{case_id}/history"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"/cases/{cid(w, k)}/history", {})
    ),
}

test_case_route = case_route_test(CASE_ROUTES)
