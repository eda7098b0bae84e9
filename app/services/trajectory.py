"""The case's trajectory: the case plan goal in the family's words and the staged path to it,
each stage with a planned date and the day it was done. The record dates the stages it can
(the first mapping, the first network meeting, the first Words and Pictures explanation, the
safety plan agreed, its first check, the case closed), so nobody types them twice; a date
typed in wins. A stage not done and more than `trajectory_drift_weeks` past its planned date
is drift, shown on the case and the Quality tab. Audited; stages removed, never deleted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.config import get_settings
from app.errors import Conflict, FieldError, Invalid, NotFound
from app.models.case import Case
from app.models.mapping import Mapping
from app.models.network import NetworkMeeting
from app.models.safety_plan import RuleCheck, SafetyPlan, SafetyRule
from app.models.trajectory import Trajectory, TrajectoryStage
from app.models.words_pictures import Explanation, Storyboard
from app.schemas.trajectory import (
    StageIn,
    StageRead,
    StageUpdate,
    TrajectoryIn,
    TrajectoryRead,
    TrajectoryUpdate,
)
from app.services import audit
from app.services.audit import Actor
from app.services.case import check_version

#: The usual path, each stage with what in the record says it is done.
DEFAULT_STAGES = [("Preparing", "preparing"), ("Network building", "network"),
                  ("Words and Pictures", "words_pictures"),
                  ("Safety plan developed", "safety_plan"),
                  ("Safety plan monitored", "monitoring"), ("Closure", "closure")]


def load(session: Session, *, case: Case) -> Trajectory | None:
    return session.scalar(select(Trajectory).where(Trajectory.case_id == case.id))


def stages(session: Session, *, trajectory: Trajectory) -> list[TrajectoryStage]:
    return list(session.scalars(select(TrajectoryStage).where(
        TrajectoryStage.trajectory_id == trajectory.id, TrajectoryStage.removed.is_(False))
        .order_by(TrajectoryStage.position, TrajectoryStage.id)))


def load_stage(session: Session, *, trajectory: Trajectory, stage_id: int) -> TrajectoryStage:
    s = session.scalar(select(TrajectoryStage).where(
        TrajectoryStage.id == stage_id, TrajectoryStage.trajectory_id == trajectory.id,
        TrajectoryStage.removed.is_(False)))
    if s is None:
        raise NotFound("We could not find that stage of the trajectory.")
    return s


def recorded(session: Session, *, case: Case) -> dict[str, date | None]:
    """When the record says each keyed stage was done: one small query each."""
    c = case.id
    return {
        "preparing": session.scalar(select(func.min(Mapping.held_on))
                                    .where(Mapping.case_id == c)),
        "network": session.scalar(select(func.min(NetworkMeeting.held_on)).where(
            NetworkMeeting.case_id == c, NetworkMeeting.removed.is_(False))),
        "words_pictures": session.scalar(select(func.min(Explanation.explained_on)).join(
            Storyboard, Storyboard.id == Explanation.storyboard_id)
            .where(Storyboard.case_id == c)),
        "safety_plan": session.scalar(select(func.min(SafetyPlan.agreed_on))
                                      .where(SafetyPlan.case_id == c)),
        "monitoring": session.scalar(select(func.min(RuleCheck.checked_on)).join(
            SafetyRule, SafetyRule.id == RuleCheck.rule_id).join(
            SafetyPlan, SafetyPlan.id == SafetyRule.plan_id).where(SafetyPlan.case_id == c)),
        "closure": case.closed_on,
    }


@dataclass(frozen=True)
class Stage:
    row: TrajectoryStage
    done: date | None
    drifting: bool


def path(session: Session, *, case: Case, trajectory: Trajectory,
         today: date | None = None) -> list[Stage]:
    today = today or date.today()
    allowance = timedelta(weeks=get_settings().trajectory_drift_weeks)
    said = recorded(session, case=case)
    out = []
    for s in stages(session, trajectory=trajectory):
        done = s.done_on or (said.get(s.key) if s.key else None)
        out.append(Stage(s, done, done is None and s.planned_on is not None
                         and s.planned_on + allowance < today))
    return out


def drifting(session: Session, *, case: Case) -> list[Stage]:
    t = load(session, case=case)
    return [s for s in path(session, case=case, trajectory=t) if s.drifting] if t else []


def create(session: Session, *, case: Case, data: TrajectoryIn, actor: Actor) -> Trajectory:
    if load(session, case=case) is not None:
        raise Conflict("This case has a trajectory already: change it.")
    if not data.goal.strip():
        raise Invalid([FieldError(["body", "goal"], "Write the goal in the family's words")])
    set_on = data.goal_set_on or date.today()
    if set_on > date.today():
        raise Invalid([FieldError(["body", "goal_set_on"], "This day cannot be in the future")])
    t = Trajectory(case_id=case.id, goal=data.goal.strip(), goal_set_on=set_on)
    session.add(t)
    session.flush()
    session.add_all([TrajectoryStage(trajectory_id=t.id, position=n, name=name, key=key)
                     for n, (name, key) in enumerate(DEFAULT_STAGES, start=1)])
    session.flush()
    audit.record(session, actor=actor, action="create", entity_type="trajectory",
                 entity_id=t.id, case_id=case.id, summary="set the case plan goal",
                 changes=audit.diff({}, {"goal": t.goal, "goal_set_on": set_on}))
    return t


def update(session: Session, *, case: Case, trajectory: Trajectory, data: TrajectoryUpdate,
           expected_version: int | None, actor: Actor) -> Trajectory:
    check_version(trajectory, expected_version)
    if data.goal is not None:
        if not data.goal.strip():
            raise Invalid([FieldError(["body", "goal"], "Write the goal in the family's words")])
        before = trajectory.goal
        trajectory.goal = data.goal.strip()
        session.flush()
        if before != trajectory.goal:
            audit.record(session, actor=actor, action="update", entity_type="trajectory",
                         entity_id=trajectory.id, case_id=case.id,
                         summary="changed the case plan goal",
                         changes={"goal": {"before": before, "after": trajectory.goal}})
    return trajectory


def add_stage(session: Session, *, case: Case, trajectory: Trajectory, data: StageIn,
              actor: Actor) -> TrajectoryStage:
    if not data.name.strip():
        raise Invalid([FieldError(["body", "name"], "Name the stage")])
    position = (session.scalar(select(func.max(TrajectoryStage.position)).where(
        TrajectoryStage.trajectory_id == trajectory.id)) or 0) + 1
    s = TrajectoryStage(trajectory_id=trajectory.id, position=position, name=data.name.strip(),
                        planned_on=data.planned_on)
    session.add(s)
    session.flush()
    audit.record(session, actor=actor, action="create", entity_type="trajectory_stage",
                 entity_id=s.id, case_id=case.id, summary=f"added the stage “{s.name}”",
                 changes=audit.diff({}, {"name": s.name, "planned_on": s.planned_on}))
    return s


def update_stage(session: Session, *, case: Case, stage: TrajectoryStage, data: StageUpdate,
                 expected_version: int | None, actor: Actor) -> TrajectoryStage:
    check_version(stage, expected_version)
    changes = data.model_dump(exclude_unset=True)
    if "name" in changes and not (changes["name"] or "").strip():
        raise Invalid([FieldError(["body", "name"], "Name the stage")])
    done_on = changes.get("done_on", stage.done_on)
    if done_on is not None and done_on > date.today():
        raise Invalid([FieldError(["body", "done_on"], "A stage is done once it has happened: "
                                                       "this day is in the future")])
    before = audit.snapshot(stage, ["name", "planned_on", "done_on"])
    for key, value in changes.items():
        setattr(stage, key, value)
    session.flush()
    diff = audit.diff(before, audit.snapshot(stage, ["name", "planned_on", "done_on"]))
    if diff:
        audit.record(session, actor=actor, action="update", entity_type="trajectory_stage",
                     entity_id=stage.id, case_id=case.id,
                     summary=f"changed the stage “{stage.name}”", changes=diff)
    return stage


def remove_stage(session: Session, *, case: Case, stage: TrajectoryStage,
                 expected_version: int | None, actor: Actor) -> None:
    check_version(stage, expected_version)
    stage.removed = True
    session.flush()
    audit.record(session, actor=actor, action="remove", entity_type="trajectory_stage",
                 entity_id=stage.id, case_id=case.id,
                 summary=f"took the stage “{stage.name}” off the trajectory",
                 changes={"removed": {"before": False, "after": True}})


def read(session: Session, *, case: Case, trajectory: Trajectory) -> TrajectoryRead:
    return TrajectoryRead(
        id=trajectory.id, goal=trajectory.goal, goal_set_on=trajectory.goal_set_on,
        version=trajectory.version,
        stages=[StageRead(id=s.row.id, position=s.row.position, name=s.row.name,
                          key=s.row.key, planned_on=s.row.planned_on, done_on=s.row.done_on,
                          done=s.done, drifting=s.drifting, version=s.row.version)
                for s in path(session, case=case, trajectory=trajectory)])
