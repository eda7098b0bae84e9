"""Who may see and change a case's safety network: whoever reaches the case sees it; whoever
may change the case changes it. Every route × every role × every kind of case (see
tests/access/world.py)."""

from __future__ import annotations

from datetime import date

from app.models.network import NetworkMember
from tests.access.world import (
    CaseRoute,
    CaseRoutes,
    World,
    _form,
    _json,
    case_route_test,
    cid,
)

#: The member made on each case by `_member_all`, by kind of case.
_rows: dict[str, int] = {}


def _member_all(w: World) -> None:
    for k, c in w.cases.items():
        m = NetworkMember(case_id=c.id, name="Mrs Khan", role="Neighbour",
                          recorded_by_name="Worker")
        w.session.add(m)
        w.session.flush()
        _rows[k] = m.id
    w.session.commit()


def _url(w: World, k: str, api: bool = False) -> str:
    return f"{'/api/v1' if api else ''}/cases/{cid(w, k)}/network"


def _member(w: World, k: str, api: bool = False) -> str:
    return f"{_url(w, k, api)}/members/{_rows[k]}"


def _tag(w: World, k: str) -> str:
    row = w.fresh(NetworkMember, _rows[k])
    return f'"networkmember-{row.id}-v{row.version}"'


_TODAY = {"held_on-day": str(date.today().day), "held_on-month": str(date.today().month),
          "held_on-year": str(date.today().year)}

CASE_ROUTES: CaseRoutes = {
    ("GET", "/cases/{case_id}/network"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _url(w, k), {}), _member_all),
    ("POST", "/cases/{case_id}/network/members"): CaseRoute(
        "write", 303, lambda w, k: ("POST", f"{_url(w, k)}/members",
                                    _form(w, name="Nana Joy", role="Great-aunt"))),
    ("GET", "/cases/{case_id}/network/members/{member_id}"): CaseRoute(
        "write", 200, lambda w, k: ("GET", _member(w, k), {}), _member_all),
    ("POST", "/cases/{case_id}/network/members/{member_id}"): CaseRoute(
        "write", 303, lambda w, k: ("POST", _member(w, k), _form(
            w, role="Neighbour, next door",
            version=str(w.fresh(NetworkMember, _rows[k]).version))), _member_all),
    ("POST", "/cases/{case_id}/network/members/{member_id}/remove"): CaseRoute(
        "write", 303, lambda w, k: ("POST", f"{_member(w, k)}/remove", _form(
            w, version=str(w.fresh(NetworkMember, _rows[k]).version))), _member_all),
    ("POST", "/cases/{case_id}/network/meetings"): CaseRoute(
        "write", 303, lambda w, k: ("POST", f"{_url(w, k)}/meetings", _form(
            w, agreed="Gran has the children after school", **_TODAY))),
    ("GET", "/api/v1/cases/{case_id}/network"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _url(w, k, True), {}), _member_all),
    ("POST", "/api/v1/cases/{case_id}/network/members"): CaseRoute(
        "write", 201, lambda w, k: ("POST", f"{_url(w, k, True)}/members",
                                    _json(w, {"name": "Nana Joy", "role": "Great-aunt"}))),
    ("GET", "/api/v1/cases/{case_id}/network/members/{member_id}"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _member(w, k, True), {}), _member_all),
    ("PATCH", "/api/v1/cases/{case_id}/network/members/{member_id}"): CaseRoute(
        "write", 200, lambda w, k: ("PATCH", _member(w, k, True), _json(
            w, {"agreement": "agreed"}, _tag(w, k))), _member_all),
    ("POST", "/api/v1/cases/{case_id}/network/members/{member_id}/remove"): CaseRoute(
        "write", 204, lambda w, k: ("POST", f"{_member(w, k, True)}/remove",
                                    _json(w, None, _tag(w, k))), _member_all),
    ("POST", "/api/v1/cases/{case_id}/network/meetings"): CaseRoute(
        "write", 201, lambda w, k: ("POST", f"{_url(w, k, True)}/meetings", _json(
            w, {"held_on": str(date.today()), "agreed": "A plan"}))),
}

test_case_route = case_route_test(CASE_ROUTES)
