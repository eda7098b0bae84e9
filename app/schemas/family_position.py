"""Where each family member stands on a mapping: what is sent and what is read."""

from datetime import date

from pydantic import Field

from app.models.enums import FamilyView
from app.schemas.common import Id, LongText, ReadModel, Strict


class PositionIn(Strict):
    person_id: Id = Field(description="Someone on the case (a parent, a child, a relative).")
    position: FamilyView
    words: LongText | None = Field(None, description="What they said, in their words.")


class PositionsIn(Strict):
    positions: list[PositionIn] = Field(min_length=1, max_length=200)


class PositionRead(ReadModel):
    person_id: int
    name: str
    position: FamilyView
    words: str | None
    recorded_on: date
    version: int
