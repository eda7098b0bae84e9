"""The safety plan: what is sent and what is read."""

from datetime import date

from pydantic import Field

from app.models.enums import CheckResult, PlanStatus, SignoffHow
from app.schemas.common import Id, LongText, ReadModel, ShortText, Strict


class PlanIn(Strict):
    mapping_id: Id = Field(description="The mapping whose danger statements and safety goals "
                                       "the rules answer.")
    made_on: date | None = Field(None, description="Today if left out.")
    review_on: date | None = Field(None, description="When the plan will be looked at again.")


class RuleIn(Strict):
    words: LongText = Field(min_length=1, description="The rule in the family's words.")
    item_ids: list[Id] = Field(default_factory=list, description="Danger statements and "
                                                                 "safety goals of the plan's "
                                                                 "mapping that it answers.")
    responsible_member_ids: list[Id] = Field(default_factory=list, description="Safety "
                                                                              "network members "
                                                                              "who make sure.")
    responsible_others: ShortText | None = Field(None, description="Anyone else, by name.")
    checked_how: LongText | None = None
    warning_signs: LongText | None = None
    if_broken: LongText | None = Field(None, description="What happens if it is broken.")
    who_to_call: LongText | None = None


class RuleUpdate(Strict):
    words: LongText | None = Field(None, min_length=1)
    item_ids: list[Id] | None = None
    responsible_member_ids: list[Id] | None = None
    responsible_others: ShortText | None = None
    checked_how: LongText | None = None
    warning_signs: LongText | None = None
    if_broken: LongText | None = None
    who_to_call: LongText | None = None


class SignoffIn(Strict):
    name: ShortText | None = Field(None, description="Who agreed (or give person_id or "
                                                     "member_id).")
    person_id: Id | None = None
    member_id: Id | None = None
    agreed_on: date
    how: SignoffHow
    note: LongText | None = None


class CheckIn(Strict):
    checked_on: date
    result: CheckResult
    what_happened: LongText | None = None
    by_name: ShortText | None = Field(None, description="Who checked: the caller if left out.")


class CheckRead(ReadModel):
    id: int
    checked_on: date
    result: CheckResult
    what_happened: str | None
    by_name: str


class RuleRead(ReadModel):
    id: int
    position: int
    words: str
    item_ids: list[int]
    responsible_member_ids: list[int]
    responsible_others: str | None
    checked_how: str | None
    warning_signs: str | None
    if_broken: str | None
    who_to_call: str | None
    checks: list[CheckRead]
    version: int


class SignoffRead(ReadModel):
    id: int
    name: str
    person_id: int | None
    member_id: int | None
    agreed_on: date
    how: SignoffHow
    note: str | None


class PlanRead(ReadModel):
    id: int
    number: int
    mapping_id: int
    status: PlanStatus
    made_on: date
    review_on: date | None
    agreed_on: date | None
    replaces_id: int | None
    rules: list[RuleRead]
    signoffs: list[SignoffRead]
    uncovered_danger_ids: list[int] = Field(description="Danger statements of the mapping "
                                                        "that no rule answers.")
    version: int
