"""Who may read and record translations of the team's words (see tests/access/world.py)."""

from __future__ import annotations

from tests.access import test_conference_report_access as conference
from tests.access import test_safety_plan_access as plans
from tests.access import test_words_pictures_access as boards
from tests.access.world import CaseRoute, CaseRoutes, _form, _json, _m, _ui, case_route_test

_NOTHING = {"translator_name": "Ana Jones", "entries": []}

CASE_ROUTES: CaseRoutes = {
    ("GET", "/api/v1/cases/{case_id}/mappings/{mapping_id}/translations/{language}"):
        CaseRoute("read", 200, lambda w, k: ("GET", _m(w, k, "/translations/cy"), {})),
    # An empty text for an entry never translated changes nothing, so every allowed role
    # gets the same answer.
    ("PUT", "/api/v1/cases/{case_id}/mappings/{mapping_id}/translations/{language}"):
        CaseRoute("write", 200, lambda w, k: ("PUT", _m(w, k, "/translations/cy"), _json(w, {
            "translator_name": "Ana Jones", "entries": [
                {"entity_type": "mapping_item", "entity_id": w.dangers[k].id, "text": ""}]}))),
    ("GET", "/cases/{case_id}/mappings/{doc_id}/translations/{language}"):
        CaseRoute("write", 200, lambda w, k: ("GET", _ui(w, k, "/translations/cy"), {})),
    ("POST", "/cases/{case_id}/mappings/{doc_id}/translations/{language}"):
        CaseRoute("write", 303, lambda w, k: ("POST", _ui(w, k, "/translations/cy"),
                                              _form(w, translator_name="Ana Jones"))),
}

# The other family documents: the same pair of operations and the same page. Saving nothing
# (no entries) changes nothing, so every allowed role gets the same answer.
_OTHERS = [
    ("safety-plans", "safety-plan", "{plan_id}", plans._api, plans._ui, plans._agreed_all),
    ("words-and-pictures", "words-and-pictures", "{board_id}", boards._api, boards._ui,
     boards._board_all),
    ("conference-reports", "conference-reports", "{report_id}",
     lambda w, k, rest="": conference._url(w, k, f"/{conference._rows[k]}{rest}", True),
     lambda w, k, rest="": conference._url(w, k, f"/{conference._rows[k]}{rest}"),
     conference._report_all),
]
for api_seg, ui_seg, ident, api, ui, prepare in _OTHERS:
    CASE_ROUTES.update({
        ("GET", f"/api/v1/cases/{{case_id}}/{api_seg}/{ident}/translations/{{language}}"):
            CaseRoute("read", 200, lambda w, k, api=api: (
                "GET", api(w, k, "/translations/cy"), {}), prepare),
        ("PUT", f"/api/v1/cases/{{case_id}}/{api_seg}/{ident}/translations/{{language}}"):
            CaseRoute("write", 200, lambda w, k, api=api: (
                "PUT", api(w, k, "/translations/cy"), _json(w, _NOTHING)), prepare),
        ("GET", f"/cases/{{case_id}}/{ui_seg}/{{doc_id}}/translations/{{language}}"):
            CaseRoute("write", 200, lambda w, k, ui=ui: (
                "GET", ui(w, k, "/translations/cy"), {}), prepare),
        ("POST", f"/cases/{{case_id}}/{ui_seg}/{{doc_id}}/translations/{{language}}"):
            CaseRoute("write", 303, lambda w, k, ui=ui: (
                "POST", ui(w, k, "/translations/cy"), _form(w, translator_name="Ana Jones")),
                prepare),
    })

test_case_route = case_route_test(CASE_ROUTES)
