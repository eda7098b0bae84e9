"""My Three Houses and the child's pictures: what is sent and what is read."""

from datetime import date, datetime

from pydantic import Field

from app.models.enums import Audience, Category, House
from app.schemas.common import LongText, ReadModel, ShortText, Strict

#: A child's words: kept exactly as said, so no plain-language changes and no trimming of
#: what is inside; at most this many characters in one entry.
Words = LongText


class Sharing(Strict):
    """Who the child agreed may see each house. An empty list is "nobody yet"."""

    worries: list[Audience] = Field(default_factory=list)
    good_things: list[Audience] = Field(default_factory=list)
    dreams: list[Audience] = Field(default_factory=list)
    asked_by: ShortText | None = Field(None, description="Who asked the child.")
    asked_on: date | None = Field(None, description="When the child was asked.")


class ThreeHousesIn(Strict):
    held_on: date = Field(description="The day of the session with the child.")
    place: ShortText | None = Field(None, description="Where it was done (school, home…).")
    present: ShortText | None = Field(None, description="Who else was there.")
    interviewer_name: ShortText | None = Field(
        None, description="Who worked with the child; the signed-in worker if left out.")
    worries: list[Words] = Field(default_factory=list, max_length=100)
    good_things: list[Words] = Field(default_factory=list, max_length=100)
    dreams: list[Words] = Field(default_factory=list, max_length=100)
    sharing: Sharing = Field(default_factory=Sharing)


class ThreeHousesUpdate(Strict):
    held_on: date | None = None
    place: ShortText | None = None
    present: ShortText | None = None
    interviewer_name: ShortText | None = None
    sharing: Sharing | None = None


class EntryIn(Strict):
    house: House
    words: Words


class EntryUpdate(Strict):
    words: Words


class PlaceIn(Strict):
    category: Category | None = Field(
        None, description="Where in the current mapping: a category of the house's column "
                          "(worries: harm, danger_statement, complicating_factor; good things: "
                          "existing_strength, existing_safety; dreams: safety_goal). Left out: "
                          "harm, existing_strength or safety_goal.")


class PlacedRead(ReadModel):
    mapping_id: int
    item_id: int
    category: Category
    held_on: date


class EntryRead(ReadModel):
    id: int
    house: House
    words: str
    placed: list[PlacedRead] = Field(description="Where the entry went in mappings.")
    version: int


class PictureRead(ReadModel):
    id: int
    three_houses_id: int | None
    child_id: int
    house: House | None
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


class ThreeHousesRead(ReadModel):
    id: int
    child_id: int
    held_on: date
    place: str | None
    present: str | None
    interviewer_name: str
    child_age: int | None
    sharing: Sharing
    entries: list[EntryRead]
    pictures: list[PictureRead]
    created_at: datetime
    version: int
