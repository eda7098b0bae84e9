"""Who may use people on a case.
Every route × every role × every kind of case (see tests/access/world.py)."""

from __future__ import annotations

from tests.access.world import (
    CHILD_FORM,
    CaseRoute,
    CaseRoutes,
    _form,
    _json,
    _person_etag,
    case_route_test,
    cid,
    pid,
)

CASE_ROUTES: CaseRoutes = {
    ("GET", "/api/v1/cases/{case_id}/people"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"/api/v1/cases/{cid(w, k)}/people", {})
    ),
    ("POST", "/api/v1/cases/{case_id}/people"): CaseRoute(
        "write",
        201,
        lambda w, k: (
            "POST",
            f"/api/v1/cases/{cid(w, k)}/people",
            _json(
                w,
                {
                    "kind": "child",
                    "given_name": "New",
                    "family_name": "Child",
                    "date_of_birth": "2020-02-01",
                },
            ),
        ),
    ),
    ("GET", "/api/v1/cases/{case_id}/people/{person_id}"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"/api/v1/cases/{cid(w, k)}/people/{pid(w, k)}", {})
    ),
    ("PATCH", "/api/v1/cases/{case_id}/people/{person_id}"): CaseRoute(
        "write",
        200,
        lambda w, k: (
            "PATCH",
            f"/api/v1/cases/{cid(w, k)}/people/{pid(w, k)}",
            _json(w, {"phone": "0123"}, _person_etag(w, k)),
        ),
    ),
    ("GET", "/cases/{case_id}/people/new"): CaseRoute(
        "write", 200, lambda w, k: ("GET", f"/cases/{cid(w, k)}/people/new?kind=child", {})
    ),
    ("POST", "/cases/{case_id}/people"): CaseRoute(
        "write", 303, lambda w, k: ("POST", f"/cases/{cid(w, k)}/people", _form(w, **CHILD_FORM))
    ),
    ("GET", "/cases/{case_id}/people/{person_id}/edit"): CaseRoute(
        "write", 200, lambda w, k: ("GET", f"/cases/{cid(w, k)}/people/{pid(w, k)}/edit", {})
    ),
    ("POST", "/cases/{case_id}/people/{person_id}"): CaseRoute(
        "write",
        303,
        lambda w, k: (
            "POST",
            f"/cases/{cid(w, k)}/people/{pid(w, k)}",
            _form(
                w,
                given_name="Mia",
                family_name="X",
                **{
                    "date_of_birth-day": "1",
                    "date_of_birth-month": "5",
                    "date_of_birth-year": "2018",
                },
                version=w.person_version(w.children[k]),
            ),
        ),
    ),
}

test_case_route = case_route_test(CASE_ROUTES)
