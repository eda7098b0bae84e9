"""Staff accounts and teams, for an administrator signed in to the service (API tokens
belong to other systems and never manage accounts)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from app.db import SessionDep
from app.deps import PrincipalDep, if_match, require_admin
from app.routes.api.etag import expected_version, set_etag
from app.schemas.user import (
    PasswordReset,
    TeamIn,
    TeamRead,
    UserCreated,
    UserIn,
    UserRead,
    UserUpdate,
)
from app.services import user as user_service

router = APIRouter(tags=["users and teams"])
AdminDep = Annotated[object, Depends(require_admin)]
IfMatch = Annotated[str | None, Depends(if_match)]


@router.get("/users", response_model=list[UserRead])
def list_users(_: AdminDep, session: SessionDep) -> list[UserRead]:
    """Every account, active ones first. Administrators only."""
    return [UserRead.model_validate(u) for u in user_service.list_all(session)]


@router.post("/users", status_code=status.HTTP_201_CREATED, response_model=UserCreated)
def create_user(data: UserIn, principal: PrincipalDep, _: AdminDep, session: SessionDep,
                response: Response) -> UserCreated:
    """Add an account. The answer carries a temporary password, shown once; the person
    chooses their own at their first sign-in. Social workers and team managers need a team."""
    user, password = user_service.create(session, data=data, actor=principal.actor)
    response.headers["Location"] = f"/api/v1/users/{user.id}"
    response.headers["Cache-Control"] = "no-store"
    set_etag(response, user)
    return UserCreated(user=UserRead.model_validate(user), temporary_password=password)


@router.get("/users/{user_id}", response_model=UserRead)
def get_user(user_id: int, _: AdminDep, session: SessionDep, response: Response) -> UserRead:
    user = user_service.load(session, user_id)
    set_etag(response, user)
    return UserRead.model_validate(user)


@router.patch("/users/{user_id}", response_model=UserRead)
def update_user(user_id: int, data: UserUpdate, principal: PrincipalDep, _: AdminDep,
                session: SessionDep, response: Response, if_match: IfMatch) -> UserRead:
    """Change the name, email, role, team, phone, or `active` (false deactivates the account
    and ends its sessions). `If-Match` is required. You cannot deactivate yourself or drop
    your own administrator role."""
    user = user_service.load(session, user_id)
    version = expected_version(if_match, user)
    user = user_service.update(session, user=user, data=data, expected_version=version,
                               actor=principal.actor)
    set_etag(response, user)
    return UserRead.model_validate(user)


@router.post("/users/{user_id}/password", response_model=PasswordReset)
def reset_password(user_id: int, principal: PrincipalDep, _: AdminDep, session: SessionDep,
                   response: Response) -> PasswordReset:
    """A new temporary password, shown once; their sessions end."""
    user = user_service.load(session, user_id)
    password = user_service.reset_password(session, user=user, actor=principal.actor)
    response.headers["Cache-Control"] = "no-store"
    return PasswordReset(temporary_password=password)


@router.get("/teams", response_model=list[TeamRead])
def list_teams(_: PrincipalDep, session: SessionDep) -> list[TeamRead]:
    """The service's teams (names only), for anyone signed in or any token."""
    return [TeamRead.model_validate(t) for t in user_service.teams(session)]


@router.post("/teams", status_code=status.HTTP_201_CREATED, response_model=TeamRead)
def create_team(data: TeamIn, principal: PrincipalDep, _: AdminDep, session: SessionDep,
                response: Response) -> TeamRead:
    """Add a team. Administrators only."""
    team = user_service.create_team(session, data=data, actor=principal.actor)
    response.headers["Location"] = f"/api/v1/teams/{team.id}"
    return TeamRead.model_validate(team)
