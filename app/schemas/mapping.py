from datetime import date, datetime
from typing import Annotated

from pydantic import Field, StringConstraints

from app.models.enums import (
    Category,
    FamilyView,
    MappingKind,
    MappingStatus,
    RaterKind,
    Severity,
    SourceKind,
)
from app.schemas.common import LongText, ReadModel, ShortText, Strict

ItemText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20_000)]


class ParticipantIn(Strict):
    person_id: int | None = Field(None, description="A person on the case, if they are one.")
    name: ShortText | None = Field(None, description="Needed when person_id is empty.")
    role: ShortText | None = None


class MappingCreate(Strict):
    kind: MappingKind
    held_on: date | None = Field(None, description="Date of the meeting; today if left out.")
    title: ShortText | None = None
    participants: list[ParticipantIn] = Field(default_factory=list)


class MappingUpdate(Strict):
    kind: MappingKind | None = None
    held_on: date | None = None
    title: ShortText | None = None
    participants: list[ParticipantIn] | None = Field(None, description="Replaces the list.")


class ReviewCreate(Strict):
    held_on: date | None = None
    kind: MappingKind = MappingKind.review
    title: ShortText | None = None


class AgreeIn(Strict):
    note: LongText | None = Field(None, description="Who agreed, and anything they said.")


class ItemFields(Strict):
    text: ItemText | None = None
    source_kind: SourceKind | None = None
    source_person_id: int | None = None
    source_name: ShortText | None = None
    child_ids: list[int] | None = Field(None, description="Children it concerns; replaces.")
    recorded_on: date | None = None
    harm_adult_action: LongText | None = None
    harm_impact: LongText | None = None
    harm_severity: Severity | None = None
    harm_pattern: LongText | None = None
    harm_when: ShortText | None = None
    ds_who_worried: LongText | None = None
    ds_behaviour: LongText | None = None
    ds_impact: LongText | None = None
    family_view: FamilyView | None = None
    family_view_words: LongText | None = None
    sg_carers_doing: LongText | None = None
    sg_child_experience: LongText | None = None
    sg_professionals_see: LongText | None = None
    sg_duration: ShortText | None = None
    pairs_with_id: int | None = Field(None, description="Safety goals: the danger statement.")
    ns_who: ShortText | None = None
    ns_by_when: date | None = None
    ns_done: bool | None = None


class ItemCreate(ItemFields):
    category: Category


class ItemUpdate(ItemFields):
    pass


class MoveIn(Strict):
    position: int = Field(ge=0, description="New 0-based place within its category.")


class PairIn(Strict):
    danger_id: int
    goal_id: int


class RatingCreate(Strict):
    danger_id: int | None = Field(None, description="The pair's danger statement; empty = overall.")
    rater_kind: RaterKind
    rater_person_id: int | None = None
    rater_name: ShortText | None = Field(None, description="Needed when rater_person_id is empty.")
    score: int = Field(ge=0, le=10)
    reason: LongText | None = None
    rated_on: date | None = None


class RatingUpdate(Strict):
    score: int | None = Field(None, ge=0, le=10)
    reason: LongText | None = None
    rated_on: date | None = None


class ParticipantRead(ReadModel):
    person_id: int | None
    name: str
    role: str | None


class ItemRead(ReadModel):
    id: int
    category: Category
    position: int
    text: str
    source_kind: SourceKind | None
    source_person_id: int | None
    source_name: str | None
    child_ids: list[int]
    author_id: int | None
    recorded_on: date
    lineage_id: int | None
    carried_from_id: int | None
    harm_adult_action: str | None
    harm_impact: str | None
    harm_severity: Severity | None
    harm_pattern: str | None
    harm_when: str | None
    ds_who_worried: str | None
    ds_behaviour: str | None
    ds_impact: str | None
    family_view: FamilyView | None
    family_view_words: str | None
    sg_carers_doing: str | None
    sg_child_experience: str | None
    sg_professionals_see: str | None
    sg_duration: str | None
    pairs_with_id: int | None
    ns_who: str | None
    ns_by_when: date | None
    ns_done: bool
    version: int
    updated_at: datetime


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


class PairRead(ReadModel):
    danger_id: int
    goal_id: int | None


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
    participants: list[ParticipantRead]
    labels: dict[str, str]
    columns: dict[str, dict[str, list[ItemRead]]] = Field(
        description="column -> category -> items, in order."
    )
    extra: dict[str, list[ItemRead]] = Field(description="Grey areas and bottom lines.")
    pairs: list[PairRead]
    ratings: list[RatingRead]
    signals: list[SignalRead]


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


class LabelsIn(Strict):
    labels: dict[str, str] = Field(
        description="Category or column key -> local name. An empty name restores the default."
    )


class LabelsRead(ReadModel):
    team_id: int | None
    labels: dict[str, str] = Field(description="The names in force: defaults, then the "
                                               "service's, then the team's.")
    own: dict[str, str] = Field(description="Only the names set at this level.")
    version: int
