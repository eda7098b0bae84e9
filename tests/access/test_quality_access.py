"""Who may use a case's Quality tab and notes from supervision.
Every route × every role × every kind of case (see tests/access/world.py)."""

from __future__ import annotations

from tests.access.world import (
    SIGN_OFF,
    CaseRoute,
    CaseRoutes,
    _form,
    case_route_test,
    cid,
)

CASE_ROUTES: CaseRoutes = {
    ("GET", "/cases/{case_id}/quality"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"/cases/{cid(w, k)}/quality", {})
    ),
    ("POST", "/cases/{case_id}/quality/note"): CaseRoute(
        "write",
        303,
        lambda w, k: ("POST", f"/cases/{cid(w, k)}/quality/note", _form(w, note="Agreed")),
        rules=SIGN_OFF,
    ),
}

test_case_route = case_route_test(CASE_ROUTES)
