"""The child's voice (My Three Houses, the Safety House) and the child's pictures: what is
sent and what is read."""

from datetime import date, datetime

from pydantic import Field

from app.models.enums import Audience, Category, VoicePart, VoiceTool
from app.schemas.common import LongText, ReadModel, ShortText, Strict

#: A child's words: kept exactly as said (no plain-language changes; only the spaces at
#: either end are dropped).
Words = LongText


class Sharing(Strict):
    """Who the child agreed may see each part. A part left out, or an empty list, is
    "nobody yet"."""

    parts: dict[VoicePart, list[Audience]] = Field(default_factory=dict)
    asked_by: ShortText | None = Field(None, description="Who asked the child.")
    asked_on: date | None = Field(None, description="When the child was asked (today if "
                                                    "left out).")


class VoiceSessionIn(Strict):
    held_on: date = Field(description="The day of the session with the child.")
    place: ShortText | None = Field(None, description="Where it was done (school, home…).")
    present: ShortText | None = Field(None, description="Who else was there.")
    interviewer_name: ShortText | None = Field(
        None, description="Who worked with the child; the signed-in worker if left out.")
    words: dict[VoicePart, list[Words]] = Field(
        default_factory=dict, description="The child's words in each part of the tool "
                                          "(worries, good_things, dreams; or inside, path, "
                                          "roof, red_circle).")
    scale: int | None = Field(None, ge=0, le=10, description="The Safety House only: how "
                                                             "safe the child feels, 0 to 10.")
    scale_words: Words | None = Field(None, description="What the child said about it.")
    sharing: Sharing = Field(default_factory=Sharing)


class VoiceSessionUpdate(Strict):
    held_on: date | None = None
    place: ShortText | None = None
    present: ShortText | None = None
    interviewer_name: ShortText | None = None
    scale: int | None = Field(None, ge=0, le=10)
    scale_words: Words | None = None
    sharing: Sharing | None = None


class EntryIn(Strict):
    part: VoicePart
    words: Words


class EntryUpdate(Strict):
    words: Words


class PlaceIn(Strict):
    category: Category | None = Field(
        None, description="Where in the current mapping: a category the part's words may go "
                          "in (see `places` on the session). Left out: the first of them.")


class PlacedRead(ReadModel):
    mapping_id: int
    item_id: int
    category: Category
    held_on: date


class EntryRead(ReadModel):
    id: int
    part: VoicePart
    words: str
    placed: list[PlacedRead] = Field(description="Where the entry went in mappings.")
    version: int


class PictureRead(ReadModel):
    id: int
    session_id: int | None
    child_id: int
    part: VoicePart | None
    caption: str | None
    source: str = Field(description="upload or drawing")
    media_type: str
    width: int
    height: int
    size: int
    sha256: str
    sharing: list[Audience]
    content_url: str
    version: int


class PictureUpdate(Strict):
    caption: ShortText | None = None
    sharing: list[Audience] | None = None
    asked_by: ShortText | None = None


class VoiceSessionRead(ReadModel):
    id: int
    child_id: int
    tool: VoiceTool
    held_on: date
    place: str | None
    present: str | None
    interviewer_name: str
    child_age: int | None
    scale: int | None
    scale_words: str | None
    sharing: Sharing
    entries: list[EntryRead]
    pictures: list[PictureRead]
    created_at: datetime
    version: int
