"""The safety network: what is sent and what is read."""

from datetime import date

from pydantic import Field

from app.models.enums import NetworkAgreement, Strength
from app.schemas.common import Id, LongText, ReadModel, ShortText, Strict


class MemberIn(Strict):
    person_id: Id | None = Field(None, description="A person on the case; or leave out and "
                                                   "give `name`.")
    name: ShortText | None = Field(None, description="Someone not on the case.")
    phone: ShortText | None = None
    email: ShortText | None = None
    role: ShortText = Field(description="Who they are to the family and their part in the "
                                        "network, e.g. \"Gran; has the children after school\".")
    told_on: date | None = Field(None, description="When they were told about the worries.")
    told_what: LongText | None = Field(None, description="What they were shown or told.")
    agreement: NetworkAgreement = NetworkAgreement.not_yet
    commitments: LongText | None = Field(None, description="What they commit to do.")
    strength: Strength | None = Field(None, description="How the connection feels to the "
                                                        "children (the ecomap's line).")


class MemberUpdate(Strict):
    phone: ShortText | None = None
    email: ShortText | None = None
    role: ShortText | None = None
    told_on: date | None = None
    told_what: LongText | None = None
    agreement: NetworkAgreement | None = None
    commitments: LongText | None = None
    strength: Strength | None = None


class MemberRead(ReadModel):
    id: int
    person_id: int | None
    name: str = Field(description="The member's name (the person's, for a person on the case).")
    phone: str | None
    email: str | None
    role: str
    told_on: date | None
    told_what: str | None
    agreement: NetworkAgreement
    commitments: str | None
    strength: Strength | None
    version: int


class MeetingIn(Strict):
    held_on: date
    member_ids: list[Id] = Field(default_factory=list, description="The members who came.")
    others: LongText | None = Field(None, description="Others who came.")
    agreed: LongText = Field(description="What was agreed.")
    next_meeting_on: date | None = None
    next_step_id: Id | None = Field(None, description="The mapping's next step that asked "
                                                      "for this meeting.")


class MeetingRead(ReadModel):
    id: int
    held_on: date
    member_ids: list[int]
    others: str | None
    agreed: str
    next_meeting_on: date | None
    next_step_id: int | None
    version: int


class NetworkRead(ReadModel):
    members: list[MemberRead]
    meetings: list[MeetingRead]
    size: int = Field(description="How many members the network has.")
    told: int = Field(description="How many of them have been told about the worries.")
