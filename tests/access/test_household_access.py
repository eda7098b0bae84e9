"""Who may see and change who lives where: whoever reaches the case sees it; whoever may
change the case changes it. Every route × every role × every kind of case."""

from __future__ import annotations

from app.models.household import HouseholdMember
from tests.access.test_kinship_access import adults, family_all, stays
from tests.access.world import CaseRoute, CaseRoutes, World, _form, _json, case_route_test, cid


def _stay(w: World, k: str, api: bool = False) -> str:
    return (f"/api/v1/cases/{cid(w, k)}/households/{stays[k]}" if api
            else f"/cases/{cid(w, k)}/family-tree/households/{stays[k]}")


def _tag(w: World, k: str) -> str:
    row = w.fresh(HouseholdMember, stays[k])
    return f'"householdmember-{row.id}-v{row.version}"'


CASE_ROUTES: CaseRoutes = {
    ("POST", "/cases/{case_id}/family-tree/households"): CaseRoute(
        "write", 303, lambda w, k: ("POST", f"/cases/{cid(w, k)}/family-tree/households", _form(
            w, stay_person_id=str(adults[k]), household="Gran's")), family_all),
    ("GET", "/cases/{case_id}/family-tree/households/{stay_id}"): CaseRoute(
        "write", 200, lambda w, k: ("GET", _stay(w, k), {}), family_all),
    ("POST", "/cases/{case_id}/family-tree/households/{stay_id}"): CaseRoute(
        "write", 303, lambda w, k: ("POST", _stay(w, k), _form(
            w, household="Mum's new flat",
            version=str(w.fresh(HouseholdMember, stays[k]).version))), family_all),
    ("POST", "/cases/{case_id}/family-tree/households/{stay_id}/remove"): CaseRoute(
        "write", 303, lambda w, k: ("POST", f"{_stay(w, k)}/remove", _form(
            w, version=str(w.fresh(HouseholdMember, stays[k]).version))), family_all),
    ("POST", "/api/v1/cases/{case_id}/households"): CaseRoute(
        "write", 201, lambda w, k: ("POST", f"/api/v1/cases/{cid(w, k)}/households", _json(
            w, {"person_id": adults[k], "household": "Gran's"})), family_all),
    ("GET", "/api/v1/cases/{case_id}/households/{stay_id}"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _stay(w, k, True), {}), family_all),
    ("PATCH", "/api/v1/cases/{case_id}/households/{stay_id}"): CaseRoute(
        "write", 200, lambda w, k: ("PATCH", _stay(w, k, True), _json(
            w, {"household": "Mum's new flat"}, _tag(w, k))), family_all),
    ("POST", "/api/v1/cases/{case_id}/households/{stay_id}/remove"): CaseRoute(
        "write", 204, lambda w, k: ("POST", f"{_stay(w, k, True)}/remove",
                                    _json(w, None, _tag(w, k))), family_all),
}

test_case_route = case_route_test(CASE_ROUTES)
