"""Words and Pictures: what is sent and what is read."""

from datetime import date

from pydantic import Field

from app.schemas.common import Id, LongText, ReadModel, ShortText, Strict


class StoryboardIn(Strict):
    title: ShortText = Field(min_length=1, description="As the children would say it, e.g. "
                                                       "\"Why Sam the social worker came to "
                                                       "see us\".")


class PanelIn(Strict):
    words: LongText = Field(min_length=1, description="Written to the child, in plain words.")
    picture_id: Id | None = Field(None, description="Reuse one of the children's own "
                                                    "pictures (My Three Houses, the Safety "
                                                    "House) that they agreed the family may "
                                                    "see.")
    strokes: list[dict[str, object]] | None = Field(
        None, description="A drawing: [{\"colour\": \"black\", \"points\": [[x, y], ...]}] on a "
                          "1000 x 750 grid. Or send a photo to `…/panels/{id}/picture`.")


class PanelUpdate(Strict):
    words: LongText | None = Field(None, min_length=1)
    position: int | None = Field(None, ge=1, description="Move it to this place (1 = first).")


class ExplanationIn(Strict):
    child_id: Id
    explained_on: date
    by_name: ShortText | None = Field(None, description="Who explained it: the caller if left "
                                                        "out.")
    how: LongText | None = Field(None, description="How: read together, with Nana there...")


class PanelRead(ReadModel):
    id: int
    position: int
    words: str
    picture_id: int | None
    has_own_picture: bool
    reading_age: float | None = Field(description="From the plain-language checker.")
    jargon: list[str] = Field(description="Words the checker says to put more plainly.")
    version: int


class ExplanationRead(ReadModel):
    id: int
    child_id: int
    explained_on: date
    by_name: str
    how: str | None


class StoryboardRead(ReadModel):
    id: int
    number: int
    title: str
    replaced: bool
    replaces_id: int | None
    safety_plan_id: int | None = Field(description="Set when this is the children's version "
                                                   "of that safety plan.")
    panels: list[PanelRead]
    explanations: list[ExplanationRead]
    version: int
