"""What applies to one child: what is sent and what is read."""

from datetime import date

from pydantic import Field

from app.models.enums import AbuseCategory, ChildStatusKind
from app.schemas.common import ReadModel, ShortText, Strict


class ChildStatusIn(Strict):
    kind: ChildStatusKind = Field(description="child_in_need, child_protection_plan or "
                                              "looked_after.")
    category: AbuseCategory | None = Field(default=None, description="A child protection "
                                                                     "plan's category.")
    starts_on: date
    ends_on: date | None = Field(default=None, description="The last day; none while it "
                                                           "applies.")
    note: ShortText | None = None


class ChildStatusEnd(Strict):
    ends_on: date = Field(description="The last day it applied.")


class ChildStatusRead(ReadModel):
    id: int
    child_id: int
    kind: ChildStatusKind
    category: AbuseCategory | None
    starts_on: date
    ends_on: date | None
    note: str | None
    current: bool = Field(description="Whether it applies today.")
    version: int
