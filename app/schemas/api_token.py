"""API tokens for other systems, as the administrator issues them."""

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field

from app.schemas.common import Id, Name, ReadModel, Strict


class ApiTokenIn(Strict):
    name: Name = Field(description="Which system uses it, e.g. 'Education data hub'.")
    scopes: Annotated[list[Literal["read", "write"]], Field(min_length=1, max_length=2)] = Field(
        description="read, or read and write (write includes read).")
    team_id: Id | None = Field(default=None, description="Reach one team's cases; none for "
                                                         "the whole service.")
    expires_in_days: int = Field(ge=1, le=730, description="Every token expires; at most two "
                                                           "years.")


class ApiTokenRead(ReadModel):
    id: int
    name: str
    prefix: str = Field(description="The first characters of the secret, to recognise it.")
    scopes: list[str]
    team_id: int | None
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None


class ApiTokenIssued(ReadModel):
    token: ApiTokenRead
    secret: str = Field(description="Shown once and never stored: only its hash is kept.")
