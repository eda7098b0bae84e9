"""The plain words check of a family document, before it is issued."""

from typing import Literal

from pydantic import Field

from app.schemas.common import ReadModel
from app.schemas.plain_language import FindingRead, LongSentenceRead


class MeasureRead(ReadModel):
    words: int
    grade: float | None = Field(description="Flesch-Kincaid grade of this writer's text as a "
                                "whole.")
    reading_age: float | None = Field(description="Grade + 5, in years.")
    long_sentences: int
    jargon: int = Field(description="Listed jargon and labels.")
    abbreviations: int = Field(description="Short forms not explained in the document.")


class PartFindingRead(ReadModel):
    label: str = Field(description="Which part of the document, as the worker knows it.")
    text: str
    source: Literal["worker"]
    link: str | None = Field(description="The page where the worker changes it.")
    entity_type: str | None = Field(description="What it is, e.g. `mapping_item`, "
                                    "`safety_rule`, `panel`, `network_member`.")
    entity_id: int | None
    reading_age: float | None
    too_hard: bool
    long_sentences: list[LongSentenceRead]
    findings: list[FindingRead] = Field(description="Jargon, labels and unexplained short "
                                        "forms, with offsets in `text`.")


class ReadabilityRead(ReadModel):
    target_reading_age: int
    system: MeasureRead = Field(description="The words this service writes into the "
                                "document (kept at grade 5 or under by its tests).")
    worker: MeasureRead = Field(description="The words the workers wrote.")
    quoted_parts: int = Field(description="Parts quoted as the children or the family said "
                              "them: never checked.")
    findings: list[PartFindingRead]
    findings_count: int
    reason_needed: bool = Field(description="True when issuing needs `readability_reason`.")
