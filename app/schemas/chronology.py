"""A child's chronology: what is read."""

import datetime as dt

from pydantic import BaseModel, Field


class EntryRead(BaseModel):
    date: dt.date
    time: dt.time | None
    source: str = Field(description="visit, note, mapping, case or document")
    title: str
    detail: str
    by: str | None = Field(description="Who recorded it, where known.")
