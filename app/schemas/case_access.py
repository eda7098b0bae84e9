"""Who may see a restricted case: what is sent and what is read."""

from pydantic import Field

from app.schemas.common import Id, ReadModel, Ref, Strict


class CaseAccessIn(Strict):
    restricted: bool = Field(description="Only the people named may see the case.")
    user_ids: list[Id] = Field(default_factory=list, max_length=100,
                               description="Staff named on a restricted case (you stay named).")


class CaseAccessRead(ReadModel):
    restricted: bool
    named: list[Ref]
    version: int = Field(description="The case's version (its ETag moves on).")
