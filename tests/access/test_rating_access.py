"""Who may use safety-scale scores and the scale over time.
Every route × every role × every kind of case (see tests/access/world.py)."""

from __future__ import annotations

from tests.access.world import (
    CaseRoute,
    CaseRoutes,
    _form,
    _json,
    _m,
    _ui,
    case_route_test,
    cid,
)

CASE_ROUTES: CaseRoutes = {
    ("POST", "/api/v1/cases/{case_id}/mappings/{mapping_id}/ratings"): CaseRoute(
        "write",
        201,
        lambda w, k: (
            "POST",
            _m(w, k, "/ratings"),
            _json(w, {"rater_kind": "worker", "rater_name": "Sam", "score": 5}),
        ),
    ),
    ("PATCH", "/api/v1/cases/{case_id}/mappings/{mapping_id}/ratings/{rating_id}"): CaseRoute(
        "write",
        200,
        lambda w, k: (
            "PATCH",
            _m(w, k, f"/ratings/{w.ratings[k].id}"),
            _json(w, {"score": 6}, w.etag(w.ratings[k])),
        ),
    ),
    ("DELETE", "/api/v1/cases/{case_id}/mappings/{mapping_id}/ratings/{rating_id}"): CaseRoute(
        "write",
        204,
        lambda w, k: (
            "DELETE",
            _m(w, k, f"/ratings/{w.ratings[k].id}"),
            _json(w, etag=w.etag(w.ratings[k])),
        ),
    ),
    ("GET", "/api/v1/cases/{case_id}/scaling"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"/api/v1/cases/{cid(w, k)}/scaling", {})
    ),
    ("POST", "/cases/{case_id}/mappings/{mapping_id}/ratings"): CaseRoute(
        "write",
        303,
        lambda w, k: (
            "POST",
            _ui(w, k, "/ratings"),
            _form(w, rater="me", score="5"),
        ),
    ),
    ("GET", "/cases/{case_id}/mappings/{mapping_id}/scores"): CaseRoute(
        "write", 200, lambda w, k: ("GET", _ui(w, k, "/scores"), {})),
    ("POST", "/cases/{case_id}/mappings/{mapping_id}/scores"): CaseRoute(
        "write", 303,
        lambda w, k: ("POST", _ui(w, k, "/scores"), _form(w, **{"score-overall-me": "6"}))),
}

test_case_route = case_route_test(CASE_ROUTES)
