"""Who may restrict a case and name who sees it: service managers only. Every route × every
role × every kind of case (see tests/access/world.py)."""

from __future__ import annotations

from app.models.enums import Role
from tests.access.world import (
    WRITE,
    CaseRoute,
    CaseRoutes,
    _case_etag,
    _form,
    _json,
    case_route_test,
    cid,
)

#: Service managers reach every case they may see; nobody else may restrict one.
RESTRICT = {
    Role.practitioner: {"own": 403, "team": 403, "other": 404, "restricted": 404, "named": 403},
    Role.supervisor: {"own": 403, "team": 403, "other": 404, "restricted": 404, "named": 403},
    Role.service_manager: {"own": "ok", "team": "ok", "other": "ok", "restricted": 404,
                           "named": "ok"},
    Role.administrator: WRITE[Role.administrator],
}

CASE_ROUTES: CaseRoutes = {
    ("GET", "/cases/{case_id}/access"): CaseRoute(
        "write", 200, lambda w, k: ("GET", f"/cases/{cid(w, k)}/access", {}), rules=RESTRICT),
    ("POST", "/cases/{case_id}/access"): CaseRoute(
        "write", 303,
        lambda w, k: ("POST", f"/cases/{cid(w, k)}/access",
                      _form(w, restricted="no", version=str(w.version(w.cases[k])))),
        rules=RESTRICT),
    ("GET", "/api/v1/cases/{case_id}/access"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"/api/v1/cases/{cid(w, k)}/access", {})),
    ("PUT", "/api/v1/cases/{case_id}/access"): CaseRoute(
        "write", 200,
        lambda w, k: ("PUT", f"/api/v1/cases/{cid(w, k)}/access",
                      _json(w, {"restricted": False}, _case_etag(w, k))),
        rules=RESTRICT),
}

test_case_route = case_route_test(CASE_ROUTES)
