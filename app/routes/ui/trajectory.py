"""The case plan goal and the trajectory to it, in the browser: the goal in the family's
words, each stage with its planned date and the day it was done (from the record, or typed
in), late stages marked; stages changed, added and taken off."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.db import SessionDep, discard
from app.deps import CaseDep, EditableCaseDep, PrincipalDep
from app.errors import DomainError, NotFound
from app.models.case import Case
from app.models.trajectory import Trajectory
from app.routes.ui.act import attempt
from app.routes.ui.case import see_other
from app.routes.ui.forms import FormErrors, build, date_field, hidden_int, raw_date, text
from app.schemas.trajectory import StageIn, StageUpdate, TrajectoryIn, TrajectoryUpdate
from app.services import access
from app.services import trajectory as trajectory_service
from app.services.access import Principal
from app.templating import render

router = APIRouter(include_in_schema=False)


def _ctx(session: Session, case: Case, principal: Principal, **extra: Any) -> dict[str, Any]:
    t = trajectory_service.load(session, case=case)
    return {"case": case, "trajectory": t,
            "path": trajectory_service.path(session, case=case, trajectory=t) if t else [],
            "can_edit": access.can_edit(principal, case), "errors": FormErrors(),
            "values": {"goal": t.goal if t else ""}, "stage_errors": FormErrors(),
            "stage_values": {}, **extra}


def _load(session: Session, case: Case) -> Trajectory:
    t = trajectory_service.load(session, case=case)
    if t is None:
        raise NotFound("This case has no trajectory yet.")
    return t


@router.get("/cases/{case_id}/trajectory")
def trajectory_page(request: Request, case: CaseDep, principal: PrincipalDep,
                    session: SessionDep) -> Response:
    return render(request, "trajectory/page.html", _ctx(session, case, principal))


@router.post("/cases/{case_id}/trajectory")
async def save_goal(request: Request, case: EditableCaseDep, principal: PrincipalDep,
                    session: SessionDep) -> Response:
    form = await request.form()
    errors = FormErrors()
    goal = text(form, "goal")
    if not goal:
        errors["goal"] = "Write the goal in the family's words"
    t = trajectory_service.load(session, case=case)
    status = 422
    if not errors:
        try:
            if t is None:
                data = build(TrajectoryIn, {"goal": goal}, errors)
                if data is not None:
                    trajectory_service.create(session, case=case, data=data,
                                              actor=principal.actor)
            else:
                upd = build(TrajectoryUpdate, {"goal": goal}, errors)
                if upd is not None:
                    trajectory_service.update(session, case=case, trajectory=t, data=upd,
                                              expected_version=hidden_int(form, "version"),
                                              actor=principal.actor)
        except DomainError as exc:
            status = errors.add_domain(exc)
        if not errors:
            return see_other(request, f"/cases/{case.id}/trajectory?saved=1")
    discard(session)
    return render(request, "trajectory/page.html", _ctx(
        session, case, principal, errors=errors, values={"goal": goal}), status_code=status)


@router.post("/cases/{case_id}/trajectory/stages")
async def add_stage(request: Request, case: EditableCaseDep, principal: PrincipalDep,
                    session: SessionDep) -> Response:
    t = _load(session, case)
    form = await request.form()
    errors = FormErrors()
    values = {"name": text(form, "name"),
              "planned_on": date_field(form, "planned_on", "The planned day", errors)}
    if not values["name"]:
        errors["name"] = "Name the stage"
    data = build(StageIn, values, errors) if not errors else None
    if data is not None:
        trajectory_service.add_stage(session, case=case, trajectory=t, data=data,
                                     actor=principal.actor)
        return see_other(request, f"/cases/{case.id}/trajectory?added=1")
    discard(session)
    return render(request, "trajectory/page.html", _ctx(
        session, case, principal, stage_errors=errors,
        stage_values={**values, "planned_on": raw_date(form, "planned_on")}), status_code=422)


def _stage_page(request: Request, case: Case, stage: Any, errors: FormErrors,
                values: dict[str, Any], status: int = 200) -> Response:
    return render(request, "trajectory/stage.html", {"case": case, "stage": stage,
                                                     "errors": errors, "values": values},
                  status_code=status)


@router.get("/cases/{case_id}/trajectory/stages/{stage_id}")
def stage_form(request: Request, case: EditableCaseDep, stage_id: int,
               session: SessionDep) -> Response:
    s = trajectory_service.load_stage(session, trajectory=_load(session, case), stage_id=stage_id)
    return _stage_page(request, case, s, FormErrors(), {
        "name": s.name, "planned_on": s.planned_on, "done_on": s.done_on,
        "version": s.version})


@router.post("/cases/{case_id}/trajectory/stages/{stage_id}")
async def save_stage(request: Request, case: EditableCaseDep, stage_id: int,
                     principal: PrincipalDep, session: SessionDep) -> Response:
    s = trajectory_service.load_stage(session, trajectory=_load(session, case), stage_id=stage_id)
    form = await request.form()
    errors = FormErrors()
    version = hidden_int(form, "version")
    values = {"name": text(form, "name"),
              "planned_on": date_field(form, "planned_on", "The planned day", errors),
              "done_on": date_field(form, "done_on", "The day it was done", errors)}
    if not values["name"]:
        errors["name"] = "Name the stage"
    data = build(StageUpdate, values, errors) if not errors else None
    status = 422
    if data is not None:
        try:
            trajectory_service.update_stage(session, case=case, stage=s, data=data,
                                            expected_version=version, actor=principal.actor)
        except DomainError as exc:
            status = errors.add_domain(exc)
        else:
            return see_other(request, f"/cases/{case.id}/trajectory?saved=1#stage-{s.id}")
    discard(session)
    s = trajectory_service.load_stage(session, trajectory=_load(session, case), stage_id=stage_id)
    return _stage_page(request, case, s, errors, {
        **values, "planned_on": raw_date(form, "planned_on"),
        "done_on": raw_date(form, "done_on"), "version": version}, status)


@router.post("/cases/{case_id}/trajectory/stages/{stage_id}/remove")
async def remove_stage(request: Request, case: EditableCaseDep, stage_id: int,
                       principal: PrincipalDep, session: SessionDep) -> Response:
    s = trajectory_service.load_stage(session, trajectory=_load(session, case), stage_id=stage_id)
    form = await request.form()

    def act() -> str:
        trajectory_service.remove_stage(session, case=case, stage=s,
                                        expected_version=hidden_int(form, "version"),
                                        actor=principal.actor)
        return f"/cases/{case.id}/trajectory?removed=1"

    return attempt(request, session, act, lambda errors, status: render(
        request, "trajectory/page.html", _ctx(session, case, principal, errors=errors),
        status_code=status))