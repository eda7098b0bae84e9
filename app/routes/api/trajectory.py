"""The case's trajectory, for other systems: the case plan goal and its stages, with the
planned dates, the days they were done (typed in or from the record) and drift."""

from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from app.db import SessionDep
from app.deps import CaseDep, EditableCaseDep, WriterDep, if_match
from app.errors import NotFound
from app.models.case import Case
from app.models.trajectory import Trajectory
from app.routes.api.etag import expected_version, set_etag
from app.schemas.trajectory import (
    StageIn,
    StageRead,
    StageUpdate,
    TrajectoryIn,
    TrajectoryRead,
    TrajectoryUpdate,
)
from app.services import trajectory as trajectory_service

router = APIRouter(prefix="/cases/{case_id}/trajectory", tags=["trajectory"])
IfMatch = Annotated[str | None, Depends(if_match)]


def _load(session: SessionDep, case: Case) -> Trajectory:
    t = trajectory_service.load(session, case=case)
    if t is None:
        raise NotFound("This case has no trajectory yet.")
    return t


def _stage(session: SessionDep, case: Case, t: Trajectory, stage_id: int) -> StageRead:
    return next(s for s in trajectory_service.read(session, case=case, trajectory=t).stages
                if s.id == stage_id)


@router.get("", response_model=TrajectoryRead)
def get_trajectory(case: CaseDep, session: SessionDep, response: Response) -> TrajectoryRead:
    t = _load(session, case)
    set_etag(response, t)
    return trajectory_service.read(session, case=case, trajectory=t)


@router.post("", status_code=status.HTTP_201_CREATED, response_model=TrajectoryRead)
def start(data: TrajectoryIn, case: EditableCaseDep, principal: WriterDep, session: SessionDep,
          response: Response) -> TrajectoryRead:
    """Set the case plan goal; the usual six stages are added, to plan."""
    t = trajectory_service.create(session, case=case, data=data, actor=principal.actor)
    set_etag(response, t)
    return trajectory_service.read(session, case=case, trajectory=t)


@router.patch("", response_model=TrajectoryRead)
def change_goal(data: TrajectoryUpdate, case: EditableCaseDep, principal: WriterDep,
                session: SessionDep, response: Response, if_match: IfMatch) -> TrajectoryRead:
    t = _load(session, case)
    version = expected_version(if_match, t)
    t = trajectory_service.update(session, case=case, trajectory=t, data=data,
                                  expected_version=version, actor=principal.actor)
    set_etag(response, t)
    return trajectory_service.read(session, case=case, trajectory=t)


@router.post("/stages", status_code=status.HTTP_201_CREATED, response_model=StageRead)
def add_stage(data: StageIn, case: EditableCaseDep, principal: WriterDep, session: SessionDep,
              response: Response) -> StageRead:
    t = _load(session, case)
    s = trajectory_service.add_stage(session, case=case, trajectory=t, data=data,
                                     actor=principal.actor)
    set_etag(response, s)
    return _stage(session, case, t, s.id)


@router.patch("/stages/{stage_id}", response_model=StageRead)
def change_stage(stage_id: int, data: StageUpdate, case: EditableCaseDep, principal: WriterDep,
                 session: SessionDep, response: Response, if_match: IfMatch) -> StageRead:
    """Its name, planned date, or the day it was done. `If-Match` is the stage's ETag."""
    t = _load(session, case)
    s = trajectory_service.load_stage(session, trajectory=t, stage_id=stage_id)
    version = expected_version(if_match, s)
    s = trajectory_service.update_stage(session, case=case, stage=s, data=data,
                                        expected_version=version, actor=principal.actor)
    set_etag(response, s)
    return _stage(session, case, t, s.id)


@router.post("/stages/{stage_id}/remove", status_code=status.HTTP_204_NO_CONTENT)
def remove_stage(stage_id: int, case: EditableCaseDep, principal: WriterDep,
                 session: SessionDep, if_match: IfMatch) -> Response:
    t = _load(session, case)
    s = trajectory_service.load_stage(session, trajectory=t, stage_id=stage_id)
    version = expected_version(if_match, s)
    trajectory_service.remove_stage(session, case=case, stage=s, expected_version=version,
                                    actor=principal.actor)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
