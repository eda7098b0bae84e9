"""The administrator's pages for staff accounts and teams: add a user (with a temporary
password shown once), change their role and team, deactivate, reset the password, add a team.
Administrators never see case content."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from app.db import SessionDep, discard
from app.deps import PrincipalDep, require_admin
from app.errors import DomainError, page_status
from app.models.enums import LABELS, Role
from app.models.user import User
from app.routes.ui.admin import admin_context
from app.routes.ui.case import see_other
from app.routes.ui.forms import FormErrors, build, hidden_int, optional_id, text
from app.schemas.user import TeamIn, UserIn, UserUpdate
from app.services import audit
from app.services import user as user_service
from app.templating import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(require_admin)])
NO_STORE = {"Cache-Control": "no-store"}
ROLES = [(r.value, LABELS[r.value]) for r in Role]


def _read(form: FormData) -> dict[str, Any]:
    return {
        "name": text(form, "name") or "",
        "email": text(form, "email") or "",
        "role": text(form, "role") or "",
        "team_id": optional_id(form, "team_id"),
        "phone": text(form, "phone"),
    }


def _form_ctx(session: Any, row: User | None, **extra: Any) -> dict[str, Any]:
    values: dict[str, Any] = (
        {f: getattr(row, f) for f in user_service.AUDITED} if row
        else {"name": "", "email": "", "role": "", "team_id": None, "phone": "", "active": True}
    )
    if row is not None:
        values["role"] = row.role.value
    return {
        "row": row,
        "values": values,
        "version": row.version if row else None,
        "errors": FormErrors(),
        "roles": ROLES,
        "teams": [(t.id, t.name) for t in user_service.teams(session)],
        "open_cases": user_service.open_cases(session, row) if row else 0,
        "history": (audit.entity_events(session, entity_type="user", entity_id=row.id)
                    if row else []),
        **extra,
    }


@router.get("/admin/users/new")
def user_new(request: Request, session: SessionDep) -> Response:
    return render(request, "user/form.html", _form_ctx(session, None))


@router.post("/admin/users")
async def user_create(request: Request, principal: PrincipalDep, session: SessionDep) -> Response:
    form = await request.form()
    ctx = _form_ctx(session, None)
    errors: FormErrors = ctx["errors"]
    data = _read(form)
    schema = build(UserIn, data, errors)
    if schema is not None:
        try:
            user, password = user_service.create(session, data=schema, actor=principal.actor)
        except DomainError as exc:
            errors.add_domain(exc)
        else:
            return render(request, "user/password.html",
                          {"account": user, "password": password, "new": True},
                          status_code=201, headers=NO_STORE)
    discard(session)
    ctx["values"] = data
    return render(request, "user/form.html", ctx, status_code=422)


@router.get("/admin/users/{user_id}")
def user_edit(request: Request, user_id: int, session: SessionDep) -> Response:
    row = user_service.load(session, user_id)
    return render(request, "user/form.html", _form_ctx(session, row))


@router.post("/admin/users/{user_id}")
async def user_update(request: Request, user_id: int, principal: PrincipalDep,
                      session: SessionDep) -> Response:
    row = user_service.load(session, user_id)
    form = await request.form()
    version = hidden_int(form, "version")
    ctx = _form_ctx(session, row)
    errors: FormErrors = ctx["errors"]
    data = {**_read(form), "active": form.get("active") != "no"}
    status = 422
    schema = build(UserUpdate, data, errors)
    if schema is not None:
        try:
            user_service.update(session, user=row, data=schema, expected_version=version,
                                actor=principal.actor)
        except DomainError as exc:
            errors.add_domain(exc)
            status = page_status(exc)
            if status == 409:
                ctx["version"] = row.version
        else:
            return see_other(request, f"/admin/users/{row.id}?saved=1")
    discard(session)
    ctx["values"] = data
    return render(request, "user/form.html", ctx, status_code=status)


@router.post("/admin/users/{user_id}/password")
def user_reset_password(request: Request, user_id: int, principal: PrincipalDep,
                        session: SessionDep) -> Response:
    row = user_service.load(session, user_id)
    password = user_service.reset_password(session, user=row, actor=principal.actor)
    return render(request, "user/password.html", {"account": row, "password": password,
                                                  "new": False}, headers=NO_STORE)


@router.post("/admin/teams")
async def team_create(request: Request, principal: PrincipalDep, session: SessionDep) -> Response:
    form = await request.form()
    errors = FormErrors()
    data = {"name": text(form, "team_name") or ""}
    schema = build(TeamIn, data, errors)
    if schema is not None:
        try:
            team = user_service.create_team(session, data=schema, actor=principal.actor)
        except DomainError as exc:
            errors.add_domain(exc)
        else:
            return see_other(request, f"/admin?team_added={team.id}")
    if "name" in errors:
        errors["team_name"] = errors.pop("name")
    discard(session)
    return render(request, "admin/home.html",
                  {**admin_context(session), "errors": errors, "team_name": data["name"]},
                  status_code=422)
