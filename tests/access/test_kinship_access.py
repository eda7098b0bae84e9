"""Who may see and change how the people on a case are related: whoever reaches the case sees
it; whoever may change the case changes it. Every route × every role × every kind of case (see
tests/access/world.py)."""

from __future__ import annotations

from app.models.enums import AdultRole, KinKind, PersonKind
from app.models.household import HouseholdMember
from app.models.kinship import Kinship
from app.models.person import Person
from tests.access.world import (
    CaseRoute,
    CaseRoutes,
    World,
    _form,
    _json,
    case_route_test,
    cid,
    pid,
)

#: On each kind of case: a parent, their relationship to the child, and their household.
adults: dict[str, int] = {}
ties: dict[str, int] = {}
stays: dict[str, int] = {}


def family_all(w: World) -> None:
    for k, c in w.cases.items():
        p = Person(case_id=c.id, kind=PersonKind.adult, given_name="Sam", family_name="Harper",
                   role=AdultRole.parent)
        w.session.add(p)
        w.session.flush()
        t = Kinship(case_id=c.id, person_id=p.id, relative_id=w.children[k].id,
                    kind=KinKind.parent)
        s = HouseholdMember(case_id=c.id, person_id=p.id, household="Mum's flat")
        w.session.add_all([t, s])
        w.session.flush()
        adults[k], ties[k], stays[k] = p.id, t.id, s.id
    w.session.commit()


def _base(w: World, k: str, api: bool = False) -> str:
    return f"{'/api/v1' if api else ''}/cases/{cid(w, k)}" + ("" if api else "/family-tree")


def _tie(w: World, k: str, api: bool = False) -> str:
    return f"{_base(w, k, api)}/kinships/{ties[k]}"


def _tag(w: World, k: str) -> str:
    row = w.fresh(Kinship, ties[k])
    return f'"kinship-{row.id}-v{row.version}"'


CASE_ROUTES: CaseRoutes = {
    ("GET", "/cases/{case_id}/family-tree"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _base(w, k), {}), family_all),
    ("POST", "/cases/{case_id}/family-tree/kinships"): CaseRoute(
        "write", 303, lambda w, k: ("POST", f"{_base(w, k)}/kinships", _form(
            w, person_id=str(adults[k]), kind="friend", relative_id=str(pid(w, k)))),
        family_all),
    ("GET", "/cases/{case_id}/family-tree/kinships/{kinship_id}"): CaseRoute(
        "write", 200, lambda w, k: ("GET", _tie(w, k), {}), family_all),
    ("POST", "/cases/{case_id}/family-tree/kinships/{kinship_id}"): CaseRoute(
        "write", 303, lambda w, k: ("POST", _tie(w, k), _form(
            w, birth="yes", strength="strong",
            version=str(w.fresh(Kinship, ties[k]).version))), family_all),
    ("POST", "/cases/{case_id}/family-tree/kinships/{kinship_id}/remove"): CaseRoute(
        "write", 303, lambda w, k: ("POST", f"{_tie(w, k)}/remove", _form(
            w, version=str(w.fresh(Kinship, ties[k]).version))), family_all),
    ("GET", "/api/v1/cases/{case_id}/family-tree"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"{_base(w, k, True)}/family-tree", {}), family_all),
    ("POST", "/api/v1/cases/{case_id}/kinships"): CaseRoute(
        "write", 201, lambda w, k: ("POST", f"{_base(w, k, True)}/kinships", _json(w, {
            "person_id": adults[k], "kind": "friend", "relative_id": pid(w, k)})),
        family_all),
    ("GET", "/api/v1/cases/{case_id}/kinships/{kinship_id}"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _tie(w, k, True), {}), family_all),
    ("PATCH", "/api/v1/cases/{case_id}/kinships/{kinship_id}"): CaseRoute(
        "write", 200, lambda w, k: ("PATCH", _tie(w, k, True), _json(
            w, {"strength": "tenuous"}, _tag(w, k))), family_all),
    ("POST", "/api/v1/cases/{case_id}/kinships/{kinship_id}/remove"): CaseRoute(
        "write", 204, lambda w, k: ("POST", f"{_tie(w, k, True)}/remove",
                                    _json(w, None, _tag(w, k))), family_all),
}

test_case_route = case_route_test(CASE_ROUTES)
