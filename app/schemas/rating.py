"""Safety-scale scores: what is sent and what is read, and the scale over time."""

from datetime import date

from pydantic import Field

from app.models.enums import (
    RaterKind,
)
from app.schemas.common import Id, LongText, ReadModel, ShortText, Strict


class RatingCreate(Strict):
    danger_id: Id | None = Field(None, description="The pair's danger statement; empty = overall.")
    rater_kind: RaterKind
    rater_person_id: Id | None = Field(
        None, description="The person on the case giving the score: needed for a parent, "
                          "carer, network member or child, and their role must fit the kind.")
    rater_user_id: Id | None = Field(
        None, description="For the worker or team manager: the user (the caller if empty and "
                          "no name is given).")
    rater_member_id: Id | None = Field(
        None, description="A member of the safety network who is not a person on the case "
                          "(kind `network`).")
    rater_name: ShortText | None = Field(
        None, description="Only for a professional not on the case (or a user by name).")
    score: int = Field(ge=0, le=10)
    reason: LongText | None = None
    rated_on: date | None = None


class RatingUpdate(Strict):
    score: int | None = Field(None, ge=0, le=10)
    reason: LongText | None = None
    rated_on: date | None = None


class RatingRead(ReadModel):
    id: int
    danger_id: int | None
    rater_kind: RaterKind
    rater_person_id: int | None
    rater_user_id: int | None
    rater_member_id: int | None
    rater_name: str
    score: int
    reason: str | None
    rated_on: date
    version: int


class ScalePoint(ReadModel):
    mapping_id: int
    held_on: date
    score: int
    rater: str
    rater_kind: str


class ScaleSeries(ReadModel):
    key: str = Field(description='"overall", or "pair-<lineage id>" for one danger statement.')
    title: str
    dates: list[date]
    by_rater: dict[str, list[ScalePoint]]
