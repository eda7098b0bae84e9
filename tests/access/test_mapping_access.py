"""Who may use mappings: start, read, change, agree, sign off, review.
Every route × every role × every kind of case (see tests/access/world.py)."""

from __future__ import annotations

from tests.access.world import (
    SIGN_OFF,
    CaseRoute,
    CaseRoutes,
    Mapping,
    _agree_all,
    _form,
    _json,
    _m,
    _ui,
    case_route_test,
    cid,
    mid,
)

CASE_ROUTES: CaseRoutes = {
    ("GET", "/api/v1/cases/{case_id}/mappings"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"/api/v1/cases/{cid(w, k)}/mappings", {})
    ),
    ("POST", "/api/v1/cases/{case_id}/mappings"): CaseRoute(
        "write",
        201,
        lambda w, k: (
            "POST",
            f"/api/v1/cases/{cid(w, k)}/mappings",
            _json(w, {"kind": "initial_assessment"}),
        ),
    ),
    ("GET", "/api/v1/cases/{case_id}/mappings/{mapping_id}"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _m(w, k), {})
    ),
    ("PATCH", "/api/v1/cases/{case_id}/mappings/{mapping_id}"): CaseRoute(
        "write",
        200,
        lambda w, k: (
            "PATCH",
            _m(w, k),
            _json(w, {"title": "Changed"}, w.etag(w.mappings[k])),
        ),
    ),
    ("POST", "/api/v1/cases/{case_id}/mappings/{mapping_id}/review"): CaseRoute(
        "write", 201, lambda w, k: ("POST", _m(w, k, "/review"), _json(w, {}))
    ),
    ("POST", "/api/v1/cases/{case_id}/mappings/{mapping_id}/agree"): CaseRoute(
        "write",
        200,
        lambda w, k: ("POST", _m(w, k, "/agree"), _json(w, {}, w.etag(w.mappings[k]))),
    ),
    ("POST", "/api/v1/cases/{case_id}/mappings/{mapping_id}/sign-off"): CaseRoute(
        "write",
        200,
        lambda w, k: ("POST", _m(w, k, "/sign-off"), _json(w, etag=w.etag(w.mappings[k]))),
        prepare=_agree_all,
        rules=SIGN_OFF,
    ),
    ("GET", "/cases/{case_id}/mappings"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"/cases/{cid(w, k)}/mappings", {})
    ),
    ("GET", "/cases/{case_id}/mappings/new"): CaseRoute(
        "write", 200, lambda w, k: ("GET", f"/cases/{cid(w, k)}/mappings/new", {})
    ),
    ("POST", "/cases/{case_id}/mappings"): CaseRoute(
        "write",
        303,
        lambda w, k: ("POST", f"/cases/{cid(w, k)}/mappings", _form(w, kind="review")),
    ),
    ("GET", "/cases/{case_id}/mappings/{mapping_id}"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _m(w, k).removeprefix("/api/v1"), {})
    ),
    ("POST", "/cases/{case_id}/mappings/{mapping_id}/agree"): CaseRoute(
        "write",
        303,
        lambda w, k: (
            "POST",
            _ui(w, k, "/agree"),
            _form(w, version=w.fresh(Mapping, mid(w, k)).version),
        ),
    ),
    ("POST", "/cases/{case_id}/mappings/{mapping_id}/sign-off"): CaseRoute(
        "write",
        303,
        lambda w, k: (
            "POST",
            _ui(w, k, "/sign-off"),
            _form(w, version=w.fresh(Mapping, mid(w, k)).version),
        ),
        prepare=_agree_all,
        rules=SIGN_OFF,
    ),
    ("POST", "/api/v1/cases/{case_id}/mappings/{mapping_id}/reopen"): CaseRoute(
        "write",
        200,
        lambda w, k: ("POST", _m(w, k, "/reopen"), _json(w, etag=w.etag(w.mappings[k]))),
        prepare=_agree_all,
    ),
    ("POST", "/cases/{case_id}/mappings/{mapping_id}/reopen"): CaseRoute(
        "write",
        303,
        lambda w, k: (
            "POST",
            _ui(w, k, "/reopen"),
            _form(w, version=w.fresh(Mapping, mid(w, k)).version),
        ),
        prepare=_agree_all,
    ),
    ("POST", "/cases/{case_id}/mappings/{mapping_id}/review"): CaseRoute(
        "write", 303, lambda w, k: ("POST", _ui(w, k, "/review"), _form(w))
    ),
    ("GET", "/cases/{case_id}/mappings/{mapping_id}/review"): CaseRoute(
        "write", 200, lambda w, k: ("GET", _ui(w, k, "/review"), {})
    ),
    ("GET", "/cases/{case_id}/mappings/{mapping_id}/details"): CaseRoute(
        "write", 200, lambda w, k: ("GET", _ui(w, k, "/details"), {})
    ),
    ("POST", "/cases/{case_id}/mappings/{mapping_id}/details"): CaseRoute(
        "write", 303,
        lambda w, k: ("POST", _ui(w, k, "/details"), _form(
            w, kind="review", title="Family meeting", version=w.fresh(Mapping, mid(w, k)).version,
            **{"held_on-day": "3", "held_on-month": "3", "held_on-year": "2026"})),
    ),
}

test_case_route = case_route_test(CASE_ROUTES)
