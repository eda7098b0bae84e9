"""Who works on a case: a transfer to another team or worker, and co-workers and cover."""

from datetime import date

from pydantic import Field

from app.models.enums import AllocationKind
from app.schemas.common import Id, ReadModel, Ref, ShortText, Strict


class TransferIn(Strict):
    team_id: Id = Field(description="The team that will hold the case.")
    worker_id: Id | None = Field(default=None, description="A social worker or team manager "
                                                           "in that team; none leaves it "
                                                           "unallocated.")


class AllocationIn(Strict):
    user_id: Id = Field(description="A social worker or team manager (any team).")
    kind: AllocationKind = Field(description="co_worker, or cover (for leave).")
    starts_on: date
    ends_on: date | None = Field(default=None, description="The last day, inclusive. Cover "
                                                           "needs one; a co-worker may have "
                                                           "none.")
    note: ShortText | None = Field(default=None, description="Why, e.g. 'annual leave'.")


class AllocationEnd(Strict):
    ends_on: date | None = Field(default=None, description="The last day; today when left "
                                                           "out.")


class AllocationRead(ReadModel):
    id: int
    user: Ref
    kind: AllocationKind
    starts_on: date
    ends_on: date | None
    note: str | None
    running: bool = Field(description="Whether it runs today.")
    version: int


class CaseAllocationRead(ReadModel):
    team: Ref
    worker: Ref | None
    colleagues: list[AllocationRead]
    version: int = Field(description="The case's version (its ETag).")
