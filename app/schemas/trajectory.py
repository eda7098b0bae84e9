"""The case's trajectory: what is sent and what is read."""

from datetime import date

from pydantic import Field

from app.schemas.common import LongText, ReadModel, ShortText, Strict


class TrajectoryIn(Strict):
    goal: LongText = Field(min_length=1, description="The case plan goal, in the family's "
                                                     "words.")
    goal_set_on: date | None = Field(None, description="Today if left out.")


class TrajectoryUpdate(Strict):
    goal: LongText | None = Field(None, min_length=1)


class StageIn(Strict):
    name: ShortText = Field(min_length=1)
    planned_on: date | None = None


class StageUpdate(Strict):
    name: ShortText | None = Field(None, min_length=1)
    planned_on: date | None = None
    done_on: date | None = Field(None, description="When it was done, if the record does not "
                                                   "say (it wins over the record's date).")


class StageRead(ReadModel):
    id: int
    position: int
    name: str
    key: str | None = Field(description="For a stage the record dates: network, "
                                        "words_pictures, safety_plan, monitoring, closure, "
                                        "preparing.")
    planned_on: date | None
    done_on: date | None = Field(description="Typed in.")
    done: date | None = Field(description="When it was done: typed in, or from the record.")
    drifting: bool = Field(description="Not done, and past its planned date by more than "
                                       "the council's allowance.")
    version: int


class TrajectoryRead(ReadModel):
    id: int
    goal: str
    goal_set_on: date
    stages: list[StageRead]
    version: int

