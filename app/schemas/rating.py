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
    rater_person_id: Id | None = None
    rater_name: ShortText | None = Field(None, description="Needed when rater_person_id is empty.")
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
