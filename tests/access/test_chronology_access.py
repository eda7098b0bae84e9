"""Who may read a child's chronology, on the page, printed and through the API. Every route ×
every role × every kind of case (see tests/access/world.py)."""

from __future__ import annotations

from tests.access.world import CaseRoute, CaseRoutes, World, case_route_test, cid, pid


def _c(w: World, k: str, rest: str = "") -> str:
    return f"/cases/{cid(w, k)}/children/{pid(w, k)}/chronology{rest}"


CASE_ROUTES: CaseRoutes = {
    ("GET", "/cases/{case_id}/children/{child_id}/chronology"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _c(w, k), {})),
    ("GET", "/cases/{case_id}/children/{child_id}/chronology.pdf"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _c(w, k, ".pdf"), {})),
    ("GET", "/api/v1/cases/{case_id}/children/{child_id}/chronology"): CaseRoute(
        "read", 200, lambda w, k: ("GET", "/api/v1" + _c(w, k), {})),
}

test_case_route = case_route_test(CASE_ROUTES)
