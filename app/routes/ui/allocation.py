"""Who works on a case, in the browser: the team manager (or a service manager) moves the
case to another team or worker and adds or ends a co-worker or cover."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.db import SessionDep, discard
from app.deps import CaseDep, PrincipalDep
from app.errors import BadForm, DomainError, PreconditionFailed, page_status
from app.models.case import Case
from app.models.enums import LABELS, AllocationKind
from app.routes.ui.case import see_other
from app.routes.ui.forms import FormErrors, build, date_span, hidden_int, raw_span, text
from app.schemas.allocation import AllocationIn, TransferIn
from app.services import access, allocation
from app.services import user as user_service
from app.services.access import Principal
from app.templating import render

router = APIRouter(include_in_schema=False)
KINDS = [(k.value, LABELS[k.value]) for k in AllocationKind]


def _context(session: Session, case: Case, principal: Principal, **extra: Any) -> dict[str, Any]:
    staff = allocation.candidates(session)
    teams = user_service.teams(session)
    return {
        "case": case, "rows": allocation.list_for_case(session, case=case),
        "today": date.today(), "can_allocate": access.can_allocate(principal, case),
        "staff": [(u.id, f"{u.name} ({u.team.name if u.team else 'no team'})") for u in staff],
        "destinations": [(t, [u for u in staff if u.team_id == t.id]) for t in teams],
        "kinds": KINDS, "errors": FormErrors(), "add": {}, "move": "",
        **extra,
    }


@router.get("/cases/{case_id}/allocation")
def allocation_page(request: Request, case: CaseDep, principal: PrincipalDep,
                    session: SessionDep) -> Response:
    return render(request, "allocation/page.html", _context(session, case, principal))


def _destination(value: str | None) -> tuple[int | None, int | None]:
    """"team:ID" (unallocated in that team) or "worker:TEAM:ID", as the page offers them."""
    if not value:
        return None, None
    parts = value.split(":")
    try:
        if parts[0] == "team" and len(parts) == 2:
            return int(parts[1]), None
        if parts[0] == "worker" and len(parts) == 3:
            return int(parts[1]), int(parts[2])
    except ValueError:
        pass
    raise BadForm()


@router.post("/cases/{case_id}/allocation/transfer")
async def transfer(request: Request, case: CaseDep, principal: PrincipalDep,
                   session: SessionDep) -> Response:
    allocation.require_allocator(principal, case)
    form = await request.form()
    version = hidden_int(form, "version")
    choice = text(form, "destination")
    team_id, worker_id = _destination(choice)
    ctx = _context(session, case, principal, move=choice or "")
    errors: FormErrors = ctx["errors"]
    status = 422
    if team_id is None:
        errors["destination"] = "Choose the team, and the worker, to move the case to"
    else:
        data = build(TransferIn, {"team_id": team_id, "worker_id": worker_id}, errors)
        if data is not None:
            try:
                allocation.transfer(session, case=case, data=data, expected_version=version,
                                    principal=principal)
            except PreconditionFailed:
                errors["form"] = ("Someone else changed this case while you were choosing. "
                                  "Check who holds it now and try again.")
                status = 409
            except DomainError as exc:
                status = errors.add_domain(exc, field="destination")
            else:
                # Moved out of their team, a team manager no longer reaches the case.
                if access.can_see(principal, case, named=True):
                    return see_other(request, f"/cases/{case.id}/allocation?moved=1")
                return see_other(request, "/cases")
    discard(session)
    return render(request, "allocation/page.html", ctx, status_code=status)


@router.post("/cases/{case_id}/allocation/colleagues")
async def add_colleague(request: Request, case: CaseDep, principal: PrincipalDep,
                        session: SessionDep) -> Response:
    allocation.require_allocator(principal, case)
    form = await request.form()
    errors = FormErrors()
    starts, ends = date_span(form, errors)
    values = {"user_id": text(form, "user_id"), "kind": text(form, "kind"),
              "starts_on": starts, "ends_on": ends, "note": text(form, "note")}
    if values["user_id"] is None:
        errors.setdefault("user_id", "Choose who will work on the case")
    if values["kind"] is None:
        errors.setdefault("kind", "Choose co-worker or cover")
    data = build(AllocationIn, values, errors) if not errors else None
    if data is not None:
        try:
            allocation.add(session, case=case, data=data, principal=principal)
        except DomainError as exc:
            errors.add_domain(exc)
        else:
            return see_other(request, f"/cases/{case.id}/allocation?added=1")
    discard(session)
    return render(request, "allocation/page.html",
                  _context(session, case, principal, errors=errors,
                           add={**values, **raw_span(form)}),
                  status_code=422)


@router.post("/cases/{case_id}/allocation/colleagues/{allocation_id}/end")
async def end_colleague(request: Request, case: CaseDep, allocation_id: int,
                        principal: PrincipalDep, session: SessionDep) -> Response:
    allocation.require_allocator(principal, case)
    row = allocation.load(session, case=case, allocation_id=allocation_id)
    form = await request.form()
    version = hidden_int(form, "version")
    try:
        allocation.end(session, case=case, row=row, ends_on=None, expected_version=version,
                       principal=principal)
    except DomainError as exc:
        discard(session)
        errors = FormErrors()
        errors.add_domain(exc)
        return render(request, "allocation/page.html",
                      _context(session, case, principal, errors=errors),
                      status_code=page_status(exc))
    return see_other(request, f"/cases/{case.id}/allocation?ended=1")
