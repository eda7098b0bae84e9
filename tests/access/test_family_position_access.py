"""Who may record where the family stands on a mapping, and share it with them.
Every route × every role × every kind of case (see tests/access/world.py)."""

from __future__ import annotations

from typing import Any

from tests.access.world import (
    CaseRoute,
    CaseRoutes,
    World,
    _json,
    _m,
    _ui,
    case_route_test,
)


def _positions(w: World, k: str) -> dict[str, Any]:
    return {"positions": [{"person_id": w.children[k].id, "position": "disagrees",
                           "words": "It was a one-off"}]}


CASE_ROUTES: CaseRoutes = {
    ("GET", "/api/v1/cases/{case_id}/mappings/{mapping_id}/family-positions"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _m(w, k, "/family-positions"), {})
    ),
    ("POST", "/api/v1/cases/{case_id}/mappings/{mapping_id}/family-positions"): CaseRoute(
        "write",
        200,
        lambda w, k: ("POST", _m(w, k, "/family-positions"),
                      _json(w, _positions(w, k), w.etag(w.mappings[k]))),
    ),
    ("GET", "/cases/{case_id}/mappings/{mapping_id}/share"): CaseRoute(
        "write", 200, lambda w, k: ("GET", _ui(w, k, "/share"), {})
    ),
}

test_case_route = case_route_test(CASE_ROUTES)
