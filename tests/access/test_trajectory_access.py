"""Who may see and change a case's plan goal and trajectory: whoever reaches the case sees
it; whoever may change the case changes it. Every route × every role × every kind of case."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete

from app.models.trajectory import Trajectory, TrajectoryStage
from tests.access.world import CaseRoute, CaseRoutes, World, _form, _json, case_route_test, cid

stages: dict[str, int] = {}
goals: dict[str, int] = {}


def _none_all(w: World) -> None:
    w.session.execute(delete(TrajectoryStage))
    w.session.execute(delete(Trajectory))
    w.session.commit()


def _path_all(w: World) -> None:
    _none_all(w)
    for k, c in w.cases.items():
        t = Trajectory(case_id=c.id, goal="Safe at home", goal_set_on=date(2026, 1, 1))
        w.session.add(t)
        w.session.flush()
        s = TrajectoryStage(trajectory_id=t.id, position=1, name="Preparing", key="preparing")
        w.session.add(s)
        w.session.flush()
        goals[k], stages[k] = t.id, s.id
    w.session.commit()


def _ui(w: World, k: str, rest: str = "") -> str:
    return f"/cases/{cid(w, k)}/trajectory{rest}"


def _api(w: World, k: str, rest: str = "") -> str:
    return f"/api/v1/cases/{cid(w, k)}/trajectory{rest}"


def _sv(w: World, k: str) -> int:
    return int(w.fresh(TrajectoryStage, stages[k]).version)


CASE_ROUTES: CaseRoutes = {
    ("GET", "/cases/{case_id}/trajectory"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _ui(w, k), {}), _path_all),
    ("POST", "/cases/{case_id}/trajectory"): CaseRoute(
        "write", 303, lambda w, k: ("POST", _ui(w, k), _form(w, goal="Safe at home")),
        _none_all),
    ("POST", "/cases/{case_id}/trajectory/stages"): CaseRoute(
        "write", 303, lambda w, k: ("POST", _ui(w, k, "/stages"), _form(w, name="FGC")),
        _path_all),
    ("GET", "/cases/{case_id}/trajectory/stages/{stage_id}"): CaseRoute(
        "write", 200, lambda w, k: ("GET", _ui(w, k, f"/stages/{stages[k]}"), {}), _path_all),
    ("POST", "/cases/{case_id}/trajectory/stages/{stage_id}"): CaseRoute(
        "write", 303, lambda w, k: ("POST", _ui(w, k, f"/stages/{stages[k]}"), _form(
            w, name="Getting ready", version=str(_sv(w, k)))), _path_all),
    ("POST", "/cases/{case_id}/trajectory/stages/{stage_id}/remove"): CaseRoute(
        "write", 303, lambda w, k: ("POST", _ui(w, k, f"/stages/{stages[k]}/remove"), _form(
            w, version=str(_sv(w, k)))), _path_all),
    ("GET", "/api/v1/cases/{case_id}/trajectory"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _api(w, k), {}), _path_all),
    ("POST", "/api/v1/cases/{case_id}/trajectory"): CaseRoute(
        "write", 201, lambda w, k: ("POST", _api(w, k), _json(w, {"goal": "Safe at home"})),
        _none_all),
    ("PATCH", "/api/v1/cases/{case_id}/trajectory"): CaseRoute(
        "write", 200, lambda w, k: ("PATCH", _api(w, k), _json(
            w, {"goal": "Safe and happy at home"},
            f'"trajectory-{goals[k]}-v{w.fresh(Trajectory, goals[k]).version}"')), _path_all),
    ("POST", "/api/v1/cases/{case_id}/trajectory/stages"): CaseRoute(
        "write", 201, lambda w, k: ("POST", _api(w, k, "/stages"), _json(w, {"name": "FGC"})),
        _path_all),
    ("PATCH", "/api/v1/cases/{case_id}/trajectory/stages/{stage_id}"): CaseRoute(
        "write", 200, lambda w, k: ("PATCH", _api(w, k, f"/stages/{stages[k]}"), _json(
            w, {"name": "Getting ready"},
            f'"trajectorystage-{stages[k]}-v{_sv(w, k)}"')), _path_all),
    ("POST", "/api/v1/cases/{case_id}/trajectory/stages/{stage_id}/remove"): CaseRoute(
        "write", 204, lambda w, k: ("POST", _api(w, k, f"/stages/{stages[k]}/remove"), _json(
            w, None, f'"trajectorystage-{stages[k]}-v{_sv(w, k)}"')), _path_all),
}

test_case_route = case_route_test(CASE_ROUTES)
