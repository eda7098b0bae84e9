"""Conference reports: what is sent and what is read."""

from datetime import date
from typing import Literal

from pydantic import Field

from app.schemas.common import Id, LongText, ReadModel, Strict


class ConferenceReportIn(Strict):
    held_on: date = Field(description="The day of the conference.")
    kind: Literal["initial", "review"] = Field(description="The first conference, or a review.")
    mapping_id: Id | None = Field(None, description="The mapping it is made from; the latest "
                                                    "when left out.")
    analysis: LongText | None = Field(None, description="The worker's analysis.")


class ConferenceReportUpdate(Strict):
    held_on: date | None = None
    kind: Literal["initial", "review"] | None = None
    mapping_id: Id | None = None
    analysis: LongText | None = None


class ConferenceReportRead(ReadModel):
    id: int
    case_id: int
    held_on: date
    kind: str
    mapping_id: int
    analysis: str
    recorded_by_name: str
    version: int


