"""The administrator's pages for API tokens: issue one (the secret is shown once, never
stored) and revoke one."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from app.db import SessionDep, discard
from app.deps import PrincipalDep, require_admin
from app.errors import DomainError
from app.routes.ui.case import see_other
from app.routes.ui.forms import FormErrors, build, optional_id, text, whole_number
from app.schemas.api_token import ApiTokenIn
from app.services import api_token as token_service
from app.services import user as user_service
from app.templating import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(require_admin)])
EXPIRY_DAYS = [(30, "30 days"), (90, "90 days"), (180, "6 months"), (365, "1 year")]


def _ctx(session: Any, values: dict[str, Any], errors: FormErrors) -> dict[str, Any]:
    return {"values": values, "errors": errors, "expiry": EXPIRY_DAYS,
            "teams": [(t.id, t.name) for t in user_service.teams(session)]}


@router.get("/admin/tokens/new")
def token_new(request: Request, session: SessionDep) -> Response:
    values = {"name": "", "scopes": "read", "team_id": None, "expires_in_days": 90}
    return render(request, "api_token/form.html", _ctx(session, values, FormErrors()))


@router.post("/admin/tokens")
async def token_create(request: Request, principal: PrincipalDep,
                       session: SessionDep) -> Response:
    form = await request.form()
    errors = FormErrors()
    scopes = text(form, "scopes")
    data: dict[str, Any] = {
        "name": text(form, "name") or "",
        "scopes": ["read", "write"] if scopes == "write" else ["read"] if scopes == "read" else [],
        "team_id": optional_id(form, "team_id"),
        "expires_in_days": whole_number(text(form, "expires_in_days")),
    }
    schema = build(ApiTokenIn, data, errors)
    if schema is not None:
        try:
            secret, token = token_service.issue(session, data=schema, principal=principal)
        except DomainError as exc:
            errors.add_domain(exc)
        else:
            return render(request, "api_token/issued.html", {"token": token, "secret": secret},
                          status_code=201, headers={"Cache-Control": "no-store"})
    discard(session)
    values = {**data, "scopes": scopes or ""}
    return render(request, "api_token/form.html", _ctx(session, values, errors),
                  status_code=422)


@router.post("/admin/tokens/{token_id}/revoke")
def token_revoke(request: Request, token_id: int, principal: PrincipalDep,
                 session: SessionDep) -> Response:
    token = token_service.load(session, token_id)
    token_service.revoke(session, token=token, actor=principal.actor)
    return see_other(request, f"/admin?revoked={token.id}#tokens")
