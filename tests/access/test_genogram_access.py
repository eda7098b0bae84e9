"""Who may see the genogram and the ecomaps, and record the family's agreement to them in
documents: whoever reaches the case sees them; whoever may change the case records it."""

from __future__ import annotations

from app.models.case import Case
from tests.access.test_kinship_access import family_all
from tests.access.world import CaseRoute, CaseRoutes, World, _form, _json, case_route_test, cid, pid


def _version(w: World, k: str) -> int:
    return int(w.fresh(Case, cid(w, k)).version)


CASE_ROUTES: CaseRoutes = {
    ("POST", "/cases/{case_id}/family-tree/sharing"): CaseRoute(
        "write", 303, lambda w, k: ("POST", f"/cases/{cid(w, k)}/family-tree/sharing", _form(
            w, shared="yes", version=str(_version(w, k))))),
    ("GET", "/api/v1/cases/{case_id}/genogram"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"/api/v1/cases/{cid(w, k)}/genogram", {}),
        family_all),
    ("GET", "/api/v1/cases/{case_id}/genogram.svg"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"/api/v1/cases/{cid(w, k)}/genogram.svg", {}),
        family_all),
    ("PUT", "/api/v1/cases/{case_id}/genogram/sharing"): CaseRoute(
        "write", 200, lambda w, k: ("PUT", f"/api/v1/cases/{cid(w, k)}/genogram/sharing", _json(
            w, {"genogram_shared": True}, f'"case-{cid(w, k)}-v{_version(w, k)}"'))),
    ("GET", "/api/v1/cases/{case_id}/children/{child_id}/ecomap"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"/api/v1/cases/{cid(w, k)}/children/{pid(w, k)}"
                                          "/ecomap", {}), family_all),
    ("GET", "/api/v1/cases/{case_id}/children/{child_id}/ecomap.svg"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"/api/v1/cases/{cid(w, k)}/children/{pid(w, k)}"
                                          "/ecomap.svg", {}), family_all),
}

test_case_route = case_route_test(CASE_ROUTES)
