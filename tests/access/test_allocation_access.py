"""Who may see who works on a case (whoever reaches it) and who may move it or add a
co-worker or cover (its team manager, a service manager, a token with the write scope).
Every route × every role × every kind of case (see tests/access/world.py)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from app.models.allocation import CaseAllocation
from app.models.enums import AllocationKind, Role
from app.models.user import User
from tests.access.world import (
    WRITE,
    CaseRoute,
    CaseRoutes,
    World,
    _case_etag,
    _form,
    _json,
    case_route_test,
    cid,
)
from tests.factories import make_team, make_user

ALLOCATE = {
    Role.practitioner: {"own": 403, "team": 403, "other": 404, "restricted": 404, "named": 403},
    Role.supervisor: {"own": "ok", "team": "ok", "other": 404, "restricted": 404, "named": "ok"},
    Role.service_manager: {"own": "ok", "team": "ok", "other": "ok", "restricted": 404,
                           "named": "ok"},
    Role.administrator: WRITE[Role.administrator],
}
#: The colleague made on each case by `_colleague_all`, by kind of case.
_rows: dict[str, int] = {}


def _someone(w: World, k: str) -> int:
    """A social worker of another team, who is nobody else in the world (so adding them
    changes no one's reach)."""
    found = w.session.scalar(select(User.id).where(User.email == "casey.cover@example.org"))
    if found is None:
        user = make_user(w.session, team=make_team(w.session), name="Casey Cover",
                         email="casey.cover@example.org")
        w.session.commit()
        found = user.id
    return int(found)


def _colleague_all(w: World) -> None:
    for k, c in w.cases.items():
        row = CaseAllocation(case_id=c.id, user_id=_someone(w, k), kind=AllocationKind.cover,
                             starts_on=date.today(), ends_on=date.today() + timedelta(days=7),
                             added_by_name="Manager")
        w.session.add(row)
        w.session.flush()
        _rows[k] = row.id
    w.session.commit()


def _same_place(w: World, k: str) -> str:
    c = w.cases[k]
    return f"worker:{c.team_id}:{c.worker_id}" if c.worker_id else f"team:{c.team_id}"


def _add_form(w: World, k: str) -> dict[str, object]:
    today = date.today()
    return _form(w, user_id=str(_someone(w, k)), kind="co_worker",
                 **{"starts_on-day": str(today.day), "starts_on-month": str(today.month),
                    "starts_on-year": str(today.year)})


def _row_etag(w: World, k: str) -> str:
    row = w.fresh(CaseAllocation, _rows[k])
    return f'"caseallocation-{row.id}-v{row.version}"'


CASE_ROUTES: CaseRoutes = {
    ("GET", "/cases/{case_id}/allocation"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"/cases/{cid(w, k)}/allocation", {})),
    ("POST", "/cases/{case_id}/allocation/transfer"): CaseRoute(
        "write", 303,
        lambda w, k: ("POST", f"/cases/{cid(w, k)}/allocation/transfer",
                      _form(w, destination=_same_place(w, k),
                            version=str(w.version(w.cases[k])))),
        rules=ALLOCATE),
    ("POST", "/cases/{case_id}/allocation/colleagues"): CaseRoute(
        "write", 303,
        lambda w, k: ("POST", f"/cases/{cid(w, k)}/allocation/colleagues", _add_form(w, k)),
        rules=ALLOCATE),
    ("POST", "/cases/{case_id}/allocation/colleagues/{allocation_id}/end"): CaseRoute(
        "write", 303,
        lambda w, k: ("POST", f"/cases/{cid(w, k)}/allocation/colleagues/{_rows[k]}/end",
                      _form(w, version=str(w.fresh(CaseAllocation, _rows[k]).version))),
        prepare=_colleague_all, rules=ALLOCATE),
    ("GET", "/api/v1/cases/{case_id}/allocation"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"/api/v1/cases/{cid(w, k)}/allocation", {})),
    ("PUT", "/api/v1/cases/{case_id}/allocation"): CaseRoute(
        "write", 200,
        lambda w, k: ("PUT", f"/api/v1/cases/{cid(w, k)}/allocation",
                      _json(w, {"team_id": w.cases[k].team_id,
                                "worker_id": w.cases[k].worker_id}, _case_etag(w, k))),
        rules=ALLOCATE),
    ("POST", "/api/v1/cases/{case_id}/allocation/colleagues"): CaseRoute(
        "write", 201,
        lambda w, k: ("POST", f"/api/v1/cases/{cid(w, k)}/allocation/colleagues",
                      _json(w, {"user_id": _someone(w, k), "kind": "co_worker",
                                "starts_on": date.today().isoformat()})),
        rules=ALLOCATE),
    ("POST", "/api/v1/cases/{case_id}/allocation/colleagues/{allocation_id}/end"): CaseRoute(
        "write", 200,
        lambda w, k: ("POST",
                      f"/api/v1/cases/{cid(w, k)}/allocation/colleagues/{_rows[k]}/end",
                      _json(w, {}, _row_etag(w, k))),
        prepare=_colleague_all, rules=ALLOCATE),
}

test_case_route = case_route_test(CASE_ROUTES)
