"""The dated events of a child's journey: what is sent and what is read."""

from datetime import date

from pydantic import Field

from app.models.enums import CaseEventKind
from app.schemas.common import Id, LongText, ReadModel, Strict

_CODES = "Census codes separated by spaces, e.g. '3B 16A' (app/data/cin/codes.json)."


class CaseEventFields(Strict):
    happened_on: date | None = Field(None, description="The referral, the start of the "
                                     "assessment or enquiry, the conference, the review, the "
                                     "closure.")
    completed_on: date | None = Field(None, description="Assessment: the day it was "
                                                        "authorised.")
    strategy_on: date | None = Field(None, description="Section 47: the strategy discussion.")
    code: str | None = Field(None, max_length=8, description="Referral: its source "
                             "(referral_source); closure: the reason (closure_reason).")
    need_code: str | None = Field(None, max_length=4, description="Referral: the primary need.")
    no_further_action: bool | None = Field(None, description="Referral: no further action.")
    no_conference: bool | None = Field(None, description="Section 47: no conference needed.")
    factors: str | None = Field(None, max_length=200, pattern=r"^[0-9A-Z ]*$",
                                description="Assessment: factors identified. " + _CODES)
    mapping_id: Id | None = Field(None, description="The mapping it came from.")
    note: LongText | None = None


class CaseEventIn(CaseEventFields):
    kind: CaseEventKind
    happened_on: date


class CaseEventUpdate(CaseEventFields):
    pass


class CaseEventRead(ReadModel):
    id: int
    child_id: int
    kind: CaseEventKind
    happened_on: date
    completed_on: date | None
    strategy_on: date | None
    code: str | None
    need_code: str | None
    no_further_action: bool
    no_conference: bool
    factors: str | None
    mapping_id: int | None
    note: str | None
    withdrawn: bool
    recorded_by_name: str
    version: int
    described: str = Field(description="The event in plain words.")


class CaseEventProposal(ReadModel):
    """An event the record already shows, not yet recorded: accept it as it is or change it."""

    child_id: int
    kind: CaseEventKind
    happened_on: date
    completed_on: date | None = None
    factors: str | None = None
    mapping_id: int | None = None
    because: str = Field(description="What in the record proposes it.")
    event_id: int | None = Field(None, description="When set, the event already recorded "
                                                   "that this completes (PATCH it).")
