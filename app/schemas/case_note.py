"""Case notes and visits: what is sent and what is read."""

from datetime import date, datetime, time
from typing import Annotated

from pydantic import Field, WithJsonSchema

from app.models.enums import NoteKind
from app.schemas.common import Id, LongText, ReadModel, ShortText, Strict

#: A time of day as the worker gave it, in local time, without an offset (JSON Schema's
#: `format: time` would require one).
LocalTime = Annotated[time, WithJsonSchema({
    "type": "string", "pattern": r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$",
    "description": "Local time, HH:MM:SS."})]


class NoteChildIn(Strict):
    child_id: Id = Field(description="A child on this case the note is about.")
    seen: bool = Field(False, description="Visits: the child was seen.")
    seen_alone: bool = Field(False, description="Visits: the child was seen on their own.")


class NoteFields(Strict):
    occurred_time: time | None = Field(None, description="When it started, if known.")
    body: LongText | None = Field(None, description="What happened, in plain words.")
    location: ShortText | None = Field(None, description="Where (visits and meetings).")
    others_present: LongText | None = Field(None, description="Who else was there.")
    significant: bool | None = Field(
        None, description="A significant event: it goes into the children's chronologies "
        "(visits always do).")
    children: list[NoteChildIn] | None = Field(
        None, max_length=50,
        description="The children it is about (none: the whole family); replaces.")
    item_ids: list[Id] | None = Field(
        None, max_length=100,
        description="Mapping items on this case this contact is evidence for; replaces.")


class CaseNoteCreate(NoteFields):
    kind: NoteKind
    occurred_on: date = Field(description="The day it happened.")
    title: ShortText = Field(min_length=1, description="A one-line summary.")


class CaseNoteUpdate(NoteFields):
    kind: NoteKind | None = None
    occurred_on: date | None = None
    title: ShortText | None = Field(None, min_length=1)


class NoteChildRead(ReadModel):
    child_id: int
    name: str
    seen: bool
    seen_alone: bool


class NoteItemRead(ReadModel):
    item_id: int
    mapping_id: int
    category: str
    text: str


class CaseNoteRead(ReadModel):
    id: int
    case_id: int
    kind: NoteKind
    occurred_on: date
    occurred_time: LocalTime | None
    title: str
    body: str
    location: str | None
    others_present: str | None
    significant: bool
    author_name: str
    children: list[NoteChildRead]
    items: list[NoteItemRead]
    attachment_ids: list[int]
    version: int
    created_at: datetime
    updated_at: datetime
