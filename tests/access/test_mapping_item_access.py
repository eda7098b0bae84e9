"""Who may use items in a mapping: add, change, remove, move, pair.
Every route × every role × every kind of case (see tests/access/world.py)."""

from __future__ import annotations

from tests.access.world import (
    CaseRoute,
    CaseRoutes,
    MappingItem,
    _form,
    _json,
    _m,
    _ui,
    case_route_test,
)

CASE_ROUTES: CaseRoutes = {
    ("POST", "/api/v1/cases/{case_id}/mappings/{mapping_id}/items"): CaseRoute(
        "write",
        201,
        lambda w, k: (
            "POST",
            _m(w, k, "/items"),
            _json(w, {"category": "existing_strength", "text": "Gran helps"}),
        ),
    ),
    ("PATCH", "/api/v1/cases/{case_id}/mappings/{mapping_id}/items/{item_id}"): CaseRoute(
        "write",
        200,
        lambda w, k: (
            "PATCH",
            _m(w, k, f"/items/{w.dangers[k].id}"),
            _json(w, {"text": "Changed"}, w.etag(w.dangers[k])),
        ),
    ),
    ("DELETE", "/api/v1/cases/{case_id}/mappings/{mapping_id}/items/{item_id}"): CaseRoute(
        "write",
        204,
        lambda w, k: (
            "DELETE",
            _m(w, k, f"/items/{w.goals[k].id}"),
            _json(w, etag=w.etag(w.goals[k])),
        ),
    ),
    ("POST", "/api/v1/cases/{case_id}/mappings/{mapping_id}/items/{item_id}/move"): CaseRoute(
        "write",
        200,
        lambda w, k: (
            "POST",
            _m(w, k, f"/items/{w.dangers[k].id}/move"),
            _json(w, {"position": 0}),
        ),
    ),
    ("POST", "/api/v1/cases/{case_id}/mappings/{mapping_id}/pairs"): CaseRoute(
        "write",
        200,
        lambda w, k: (
            "POST",
            _m(w, k, "/pairs"),
            _json(w, {"danger_id": w.dangers[k].id, "goal_id": w.goals[k].id}),
        ),
    ),
    ("GET", "/cases/{case_id}/mappings/{mapping_id}/items/new"): CaseRoute(
        "write", 200, lambda w, k: ("GET", _ui(w, k, "/items/new?category=harm"), {})
    ),
    ("POST", "/cases/{case_id}/mappings/{mapping_id}/items"): CaseRoute(
        "write",
        303,
        lambda w, k: (
            "POST",
            _ui(w, k, "/items"),
            _form(w, category="existing_strength", text="Gran helps"),
        ),
    ),
    ("GET", "/cases/{case_id}/mappings/{mapping_id}/items/{item_id}/edit"): CaseRoute(
        "write", 200, lambda w, k: ("GET", _ui(w, k, f"/items/{w.dangers[k].id}/edit"), {})
    ),
    ("POST", "/cases/{case_id}/mappings/{mapping_id}/items/{item_id}"): CaseRoute(
        "write",
        303,
        lambda w, k: (
            "POST",
            _ui(w, k, f"/items/{w.dangers[k].id}"),
            _form(
                w,
                ds_behaviour="Changed",
                version=w.fresh(MappingItem, w.dangers[k].id).version,
            ),
        ),
    ),
    ("POST", "/cases/{case_id}/mappings/{mapping_id}/items/{item_id}/remove"): CaseRoute(
        "write",
        303,
        lambda w, k: (
            "POST",
            _ui(w, k, f"/items/{w.goals[k].id}/remove"),
            _form(w, version=w.fresh(MappingItem, w.goals[k].id).version),
        ),
    ),
    ("POST", "/cases/{case_id}/mappings/{mapping_id}/items/{item_id}/move"): CaseRoute(
        "write",
        303,
        lambda w, k: (
            "POST",
            _ui(w, k, f"/items/{w.dangers[k].id}/move"),
            _form(w, direction="down"),
        ),
    ),
}

test_case_route = case_route_test(CASE_ROUTES)
