"""API tokens as the administrator manages them: issued for one system with its scopes,
reach (a team or the whole service) and an expiry; the secret is shown once; revoked at
any time. Audited (in `auth.issue_token` / `auth.revoke_token`)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.errors import FieldError, Invalid, NotFound
from app.models.auth import ApiToken
from app.models.team import Team
from app.schemas.api_token import ApiTokenIn
from app.services import auth
from app.services.access import Principal
from app.services.audit import Actor


def list_all(session: Session) -> list[ApiToken]:
    return list(session.scalars(
        select(ApiToken).options(selectinload(ApiToken.team)).order_by(ApiToken.id.desc())
    ))


def load(session: Session, token_id: int) -> ApiToken:
    token = session.get(ApiToken, token_id)
    if token is None:
        raise NotFound()
    return token


def issue(session: Session, *, data: ApiTokenIn, principal: Principal) -> tuple[str, ApiToken]:
    if data.team_id is not None and session.get(Team, data.team_id) is None:
        raise Invalid([FieldError(["team_id"], "Choose a team from the list")])
    return auth.issue_token(
        session, name=data.name, scopes=list(data.scopes), team_id=data.team_id,
        expires_in_days=data.expires_in_days, actor=principal.actor,
        created_by_id=principal.user.id if principal.user else None,
    )


def revoke(session: Session, *, token: ApiToken, actor: Actor) -> None:
    auth.revoke_token(session, token=token, actor=actor)
