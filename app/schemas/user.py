"""Staff accounts and teams, as the administrator manages them: what is sent and what is read."""

from datetime import datetime
from typing import Annotated

from pydantic import EmailStr, Field, StringConstraints

from app.models.enums import Role
from app.schemas.common import Id, Name, ReadModel, Strict

Phone = Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)]


class UserIn(Strict):
    name: Name = Field(description="Their name as colleagues and families know it.")
    email: EmailStr = Field(max_length=254, description="They sign in with it; one account each.")
    role: Role = Field(description="practitioner, supervisor (team manager), service_manager "
                                   "or administrator.")
    team_id: Id | None = Field(default=None, description="Social workers and team managers "
                                                         "belong to one team.")
    phone: Phone | None = None


class UserUpdate(Strict):
    name: Name | None = None
    email: EmailStr | None = Field(default=None, max_length=254)
    role: Role | None = None
    team_id: Id | None = None
    phone: Phone | None = None
    active: bool | None = Field(default=None, description="False deactivates the account and "
                                                          "ends its sessions.")


class UserRead(ReadModel):
    id: int
    name: str
    email: str
    phone: str | None
    role: Role
    team_id: int | None
    active: bool
    must_change_password: bool
    last_login_at: datetime | None
    version: int


class UserCreated(ReadModel):
    user: UserRead
    temporary_password: str = Field(description="Shown once. The user chooses their own "
                                                "password when they first sign in.")


class PasswordReset(ReadModel):
    temporary_password: str = Field(description="Shown once; their sessions were ended.")


class TeamIn(Strict):
    name: Name


class TeamRead(ReadModel):
    id: int
    name: str
    version: int
