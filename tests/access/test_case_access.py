"""Who may use cases: the list, opening, reading, changing, closing and reopening.
Every route × every role × every kind of case (see tests/access/world.py)."""

from __future__ import annotations

from tests.access.world import (
    ROLES,
    CaseRoute,
    CaseRoutes,
    OtherRoutes,
    Role,
    _case_etag,
    _close_all,
    _form,
    _json,
    case_route_test,
    cid,
    other_route_test,
)

CASE_ROUTES: CaseRoutes = {
    ("GET", "/api/v1/cases/{case_id}"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"/api/v1/cases/{cid(w, k)}", {})
    ),
    ("PATCH", "/api/v1/cases/{case_id}"): CaseRoute(
        "write",
        200,
        lambda w, k: (
            "PATCH",
            f"/api/v1/cases/{cid(w, k)}",
            _json(w, {"family_name": "Changed"}, _case_etag(w, k)),
        ),
    ),
    ("POST", "/api/v1/cases/{case_id}/close"): CaseRoute(
        "write",
        200,
        lambda w, k: (
            "POST",
            f"/api/v1/cases/{cid(w, k)}/close",
            _json(w, {"closure_reason": "Safe"}, _case_etag(w, k)),
        ),
    ),
    ("POST", "/api/v1/cases/{case_id}/reopen"): CaseRoute(
        "write",
        200,
        lambda w, k: ("POST", f"/api/v1/cases/{cid(w, k)}/reopen", _json(w, etag=_case_etag(w, k))),
        prepare=_close_all,
    ),
    ("GET", "/cases/{case_id}"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"/cases/{cid(w, k)}", {})
    ),
    ("GET", "/cases/{case_id}/edit"): CaseRoute(
        "write", 200, lambda w, k: ("GET", f"/cases/{cid(w, k)}/edit", {})
    ),
    ("POST", "/cases/{case_id}/edit"): CaseRoute(
        "write",
        303,
        lambda w, k: (
            "POST",
            f"/cases/{cid(w, k)}/edit",
            _form(w, family_name="Changed", version=w.version(w.cases[k])),
        ),
    ),
    ("POST", "/cases/{case_id}/close"): CaseRoute(
        "write",
        303,
        lambda w, k: (
            "POST",
            f"/cases/{cid(w, k)}/close",
            _form(w, closure_reason="Safe", version=w.version(w.cases[k])),
        ),
    ),
    ("POST", "/cases/{case_id}/reopen"): CaseRoute(
        "write",
        303,
        lambda w, k: (
            "POST",
            f"/cases/{cid(w, k)}/reopen",
            _form(w, version=w.version(w.cases[k])),
        ),
        prepare=_close_all,
    ),
}

OTHER_ROUTES: OtherRoutes = {
    ("GET", "/cases"): {
        Role.practitioner: 200,
        Role.supervisor: 200,
        Role.service_manager: 200,
        Role.administrator: 404,
    },
    ("GET", "/api/v1/cases"): dict.fromkeys(ROLES, 200),
    ("GET", "/cases/new"): {
        Role.practitioner: 200,
        Role.supervisor: 200,
        Role.service_manager: 404,
        Role.administrator: 404,
    },
    ("POST", "/cases"): {
        Role.practitioner: 303,
        Role.supervisor: 303,
        Role.service_manager: 404,
        Role.administrator: 404,
    },
    ("POST", "/api/v1/cases"): {
        Role.practitioner: 201,
        Role.supervisor: 201,
        Role.service_manager: 404,
        Role.administrator: 404,
    },
}

test_case_route = case_route_test(CASE_ROUTES)

test_other_route = other_route_test(OTHER_ROUTES)
