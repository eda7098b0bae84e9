"""Items in a mapping's categories: what is sent and what is read."""

from datetime import date, datetime

from pydantic import Field

from app.models.enums import (
    Category,
    FamilyView,
    Severity,
    SourceKind,
)
from app.schemas.common import Id, LongText, ReadModel, ShortText, Strict

ItemText = LongText


class ItemFields(Strict):
    text: ItemText | None = None
    source_kind: SourceKind | None = None
    source_person_id: Id | None = None
    source_name: ShortText | None = None
    child_ids: list[Id] | None = Field(None, description="Children it concerns; replaces.")
    recorded_on: date | None = None
    harm_adult_action: LongText | None = None
    harm_impact: LongText | None = None
    harm_severity: Severity | None = None
    harm_pattern: LongText | None = None
    harm_when: ShortText | None = None
    census_factors: str | None = Field(
        None, max_length=200, pattern=r"^[0-9A-Z ]*$",
        description="Harm and danger statements: the census factors this item is evidence of, "
                    "codes separated by spaces (e.g. '3B 16A'); the assessment's factors are "
                    "drawn from them.")
    ds_who_worried: LongText | None = None
    ds_behaviour: LongText | None = None
    ds_impact: LongText | None = None
    family_view: FamilyView | None = None
    family_view_words: LongText | None = None
    sg_carers_doing: LongText | None = None
    sg_child_experience: LongText | None = None
    sg_professionals_see: LongText | None = None
    sg_duration: ShortText | None = None
    pairs_with_id: Id | None = Field(None, description="Safety goals: the danger statement.")
    sg_sustain_weeks: int | None = Field(
        None, ge=1, le=520, description="Safety goals: for how many weeks the safety must be "
                                        "shown before the goal is met.")
    es_from: date | None = Field(None, description="Existing safety: seen since.")
    es_to: date | None = Field(None, description="Existing safety: until (empty: still so).")
    link_ids: list[Id] | None = Field(
        None, max_length=100,
        description="Harm: the danger statements it grounds. Next steps and existing safety: "
                    "the safety goals they serve. Replaces the list.")
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
    danger_id: Id
    goal_id: Id


class ItemRead(ReadModel):
    id: int
    category: Category
    position: int
    text: str
    source_kind: SourceKind | None
    source_person_id: int | None
    source_name: str | None
    voice_entry_id: int | None = Field(
        None, description="Placed from a child's words (My Three Houses, the Safety House): "
                          "that entry "
                          "(/cases/{id}/children/{child_id}/three-houses or /safety-house).")
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
    census_factors: str | None
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
    sg_sustain_weeks: int | None
    es_from: date | None
    es_to: date | None
    link_ids: list[int]
    ns_who: str | None
    ns_by_when: date | None
    ns_done: bool
    version: int
    updated_at: datetime


class PairRead(ReadModel):
    danger_id: int
    goal_id: int | None
