from datetime import date, datetime

from pydantic import Field

from app.models.enums import CaseStatus
from app.schemas.common import Id, LongText, Name, ReadModel, Ref, Strict


class CaseCreate(Strict):
    family_name: Name = Field(description="The family's name as the family uses it.")
    team_id: Id = Field(description="The team the case belongs to.")
    worker_id: Id | None = Field(None, description="The allocated social worker (a user id).")
    reference: str | None = Field(
        None,
        max_length=32,
        pattern=r"^[A-Za-z0-9\-/]+$",
        description="The case reference; generated when left out.",
    )
    opened_on: date | None = Field(None, description="Date the case opened; today when left out.")


class CaseUpdate(Strict):
    family_name: Name | None = None
    team_id: Id | None = None
    worker_id: Id | None = None
    reference: str | None = Field(None, max_length=32, pattern=r"^[A-Za-z0-9\-/]+$")


class CaseClose(Strict):
    closure_reason: LongText = Field(min_length=1, description="Why the case is closing.")
    closed_on: date | None = Field(None, description="Closing date; today when left out.")


class CaseRead(ReadModel):
    id: int
    reference: str
    family_name: str
    status: CaseStatus
    opened_on: date
    closed_on: date | None
    closure_reason: str | None
    team: Ref
    worker: Ref | None
    version: int
    created_at: datetime
    updated_at: datetime
