"""API tokens, for an administrator signed in to the service."""

from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from app.db import SessionDep
from app.deps import PrincipalDep, require_admin
from app.schemas.api_token import ApiTokenIn, ApiTokenIssued, ApiTokenRead
from app.services import api_token as token_service

router = APIRouter(prefix="/tokens", tags=["API tokens"])
AdminDep = Annotated[object, Depends(require_admin)]


@router.get("", response_model=list[ApiTokenRead])
def list_tokens(_: AdminDep, session: SessionDep) -> list[ApiTokenRead]:
    """Every token issued, newest first (never the secret)."""
    return [ApiTokenRead.model_validate(t) for t in token_service.list_all(session)]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ApiTokenIssued)
def issue_token(data: ApiTokenIn, principal: PrincipalDep, _: AdminDep, session: SessionDep,
                response: Response) -> ApiTokenIssued:
    """Issue a token for one system. The `secret` is in this answer only: it is not stored."""
    secret, token = token_service.issue(session, data=data, principal=principal)
    response.headers["Cache-Control"] = "no-store"
    return ApiTokenIssued(token=ApiTokenRead.model_validate(token), secret=secret)


@router.post("/{token_id}/revoke", response_model=ApiTokenRead)
def revoke_token(token_id: int, principal: PrincipalDep, _: AdminDep,
                 session: SessionDep) -> ApiTokenRead:
    """Revoke a token: it stops working at once. Revoking twice changes nothing."""
    token = token_service.load(session, token_id)
    token_service.revoke(session, token=token, actor=principal.actor)
    return ApiTokenRead.model_validate(token)
