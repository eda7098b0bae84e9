"""The case's trajectory: the case plan goal in the family's words, and the staged path to it
(preparing, network building, Words and Pictures, safety plan developed, safety plan
monitored, closure), each stage with a planned and an actual date."""

from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Versioned


class Trajectory(Versioned, Base):
    __tablename__ = "trajectory"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_record.id"), unique=True)
    #: The case plan goal, in the family's words.
    goal: Mapped[str] = mapped_column(Text)
    goal_set_on: Mapped[date]


class TrajectoryStage(Versioned, Base):
    """A stage. `key` names the stages whose actual date the record gives (the first network
    meeting, the first Words and Pictures explanation, the plan agreed...); a date typed in
    wins over it."""

    __tablename__ = "trajectory_stage"

    id: Mapped[int] = mapped_column(primary_key=True)
    trajectory_id: Mapped[int] = mapped_column(ForeignKey("trajectory.id"), index=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(200))
    key: Mapped[str | None] = mapped_column(String(20))
    planned_on: Mapped[date | None]
    done_on: Mapped[date | None]
    removed: Mapped[bool] = mapped_column(default=False)
