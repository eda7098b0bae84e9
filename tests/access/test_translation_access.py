"""Who may read and record translations of the team's words (see tests/access/world.py)."""

from __future__ import annotations

from tests.access.world import CaseRoute, CaseRoutes, _form, _json, _m, _ui, case_route_test

CASE_ROUTES: CaseRoutes = {
    ("GET", "/api/v1/cases/{case_id}/mappings/{mapping_id}/translations/{language}"):
        CaseRoute("read", 200, lambda w, k: ("GET", _m(w, k, "/translations/cy"), {})),
    # An empty text for an entry never translated changes nothing, so every allowed role
    # gets the same answer.
    ("PUT", "/api/v1/cases/{case_id}/mappings/{mapping_id}/translations/{language}"):
        CaseRoute("write", 200, lambda w, k: ("PUT", _m(w, k, "/translations/cy"), _json(w, {
            "translator_name": "Ana Jones", "entries": [
                {"entity_type": "mapping_item", "entity_id": w.dangers[k].id, "text": ""}]}))),
    ("GET", "/cases/{case_id}/mappings/{mapping_id}/translations/{language}"):
        CaseRoute("write", 200, lambda w, k: ("GET", _ui(w, k, "/translations/cy"), {})),
    ("POST", "/cases/{case_id}/mappings/{mapping_id}/translations/{language}"):
        CaseRoute("write", 303, lambda w, k: ("POST", _ui(w, k, "/translations/cy"),
                                              _form(w, translator_name="Ana Jones"))),
}

test_case_route = case_route_test(CASE_ROUTES)
