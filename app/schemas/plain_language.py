from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from app.schemas.common import ReadModel, Strict

CheckText = Annotated[str, StringConstraints(max_length=100_000)]


class CheckIn(Strict):
    text: CheckText = Field(description="The text to check, up to 100,000 characters.")
    max_sentence_words: int = Field(
        20, ge=5, le=80, description="Sentences with more words than this are reported."
    )


class LongSentenceRead(ReadModel):
    text: str
    words: int
    start: int = Field(description="Character offset in the text where the sentence starts.")
    end: int


class FindingRead(ReadModel):
    term: str = Field(description="The listed term that matched.")
    found: str = Field(description="The words as they appear in the text.")
    start: int
    end: int
    plain: str = Field(description="What to say instead.")
    note: str | None
    label_only: bool = Field(
        description="A label (e.g. 'neglect') that should be replaced by what happened."
    )
    kind: Literal["jargon", "label", "abbreviation"] = Field(
        description="`abbreviation`: a short form (DV, s47) not explained in the same text, "
        "listed or not; `label`: a listed label; `jargon`: another listed term.")
    listed: bool = Field(description="False for a short form found by its shape, not on "
                         "the list.")
    advice: str


class CheckRead(ReadModel):
    words: int
    sentences: int
    grade: float | None = Field(description="Flesch-Kincaid grade (US school grade).")
    reading_age: float | None = Field(description="Grade + 5: the reading age in years.")
    reading_ease: float | None = Field(description="Flesch reading ease, 0-100 (higher is easier).")
    target_reading_age: int
    too_hard: bool
    long_sentences: list[LongSentenceRead]
    jargon: list[FindingRead]


class JargonRead(ReadModel):
    id: int
    term: str
    plain: str
    note: str | None
    label_only: bool
    active: bool
    version: int


class JargonIn(Strict):
    term: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
    plain: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)] | None = None
    label_only: bool = False
    active: bool = True
