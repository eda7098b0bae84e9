from datetime import date, datetime

from pydantic import Field

from app.models.enums import (
    Category,
    MappingKind,
    MappingStatus,
)
from app.schemas.common import Id, LongText, ReadModel, ShortText, Strict
from app.schemas.family_position import PositionIn, PositionRead
from app.schemas.mapping_item import ItemRead, PairRead
from app.schemas.rating import RatingRead


class ParticipantIn(Strict):
    person_id: Id | None = Field(None, description="A person on the case, if they are one.")
    name: ShortText | None = Field(None, description="Needed when person_id is empty.")
    role: ShortText | None = None


class MappingCreate(Strict):
    kind: MappingKind
    held_on: date | None = Field(None, description="Date of the meeting; today if left out.")
    title: ShortText | None = None
    next_meeting_on: date | None = Field(None, description="When you will meet again.")
    participants: list[ParticipantIn] = Field(default_factory=list)


class MappingUpdate(Strict):
    kind: MappingKind | None = None
    held_on: date | None = None
    title: ShortText | None = None
    next_meeting_on: date | None = None
    participants: list[ParticipantIn] | None = Field(None, description="Replaces the list.")


class ReviewCreate(Strict):
    held_on: date | None = None
    kind: MappingKind = MappingKind.review
    title: ShortText | None = None
    next_meeting_on: date | None = None
    participants: list[ParticipantIn] = Field(default_factory=list)


class AgreeIn(Strict):
    note: LongText | None = Field(None, description="How it was shared, and anything said.")
    positions: list[PositionIn] = Field(
        default_factory=list,
        description="Where each person on the case stands on it; disagreement does not stop "
                    "it being shared or signed off.")


class SignOffIn(Strict):
    note: LongText | None = Field(None, description="The team manager's note at sign-off.")


class ParticipantRead(ReadModel):
    person_id: int | None
    name: str
    role: str | None


class SignalRead(ReadModel):
    code: str
    message: str
    item_id: int | None = None
    category: Category | None = None


class MappingSummary(ReadModel):
    id: int
    case_id: int
    kind: MappingKind
    held_on: date
    title: str | None
    next_meeting_on: date | None
    status: MappingStatus
    previous_id: int | None
    version: int
    created_at: datetime
    updated_at: datetime


class MappingRead(MappingSummary):
    agreed_at: datetime | None
    agreed_note: str | None
    signed_off_at: datetime | None
    signed_off_by_id: int | None
    signed_off_note: str | None
    participants: list[ParticipantRead]
    family_positions: list[PositionRead]
    labels: dict[str, str]
    columns: dict[str, dict[str, list[ItemRead]]] = Field(
        description="column -> category -> items, in order."
    )
    extra: dict[str, list[ItemRead]] = Field(description="Grey areas and bottom lines.")
    pairs: list[PairRead]
    ratings: list[RatingRead]
    signals: list[SignalRead] = Field(
        description="The mapping's own quality signals. The case's (a child not heard in their "
                    "own words, no network members told) are on the team board "
                    "(`flags`, `signal_count`) and the case's Quality tab.")
