"""Restricting a case in the browser (service managers)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.db import SessionDep, discard
from app.deps import CaseDep, PrincipalDep
from app.errors import BadForm, DomainError, PreconditionFailed, page_status
from app.models.case import Case
from app.routes.ui.case import see_other
from app.routes.ui.forms import FormErrors, hidden_int, id_list
from app.services import case_access
from app.templating import render

router = APIRouter(include_in_schema=False)


def _context(session: Session, case: Case, **extra: Any) -> dict[str, Any]:
    return {"case": case, "staff": case_access.candidates(session),
            "chosen": {u.id for u in case_access.named(session, case=case)},
            "restricted": case.restricted, "version": case.version, "errors": FormErrors(),
            **extra}


@router.get("/cases/{case_id}/access")
def access_page(request: Request, case: CaseDep, principal: PrincipalDep,
                session: SessionDep) -> Response:
    case_access.require_restrictor(principal)
    return render(request, "case/access.html", _context(session, case))


@router.post("/cases/{case_id}/access")
async def set_access(request: Request, case: CaseDep, principal: PrincipalDep,
                     session: SessionDep) -> Response:
    case_access.require_restrictor(principal)
    form = await request.form()
    version = hidden_int(form, "version")
    value = form.get("restricted")
    if value is not None and value not in ("yes", "no"):
        raise BadForm()
    restricted = value == "yes"
    user_ids = id_list(form, "user_ids")
    ctx = _context(session, case, chosen=set(user_ids), restricted=restricted)
    errors: FormErrors = ctx["errors"]
    if value is None:
        errors["restricted"] = "Choose whether the case is restricted"
        return render(request, "case/access.html", ctx, status_code=422)
    try:
        case_access.set_access(session, case=case, restricted=restricted,
                               user_ids=user_ids if restricted else [],
                               expected_version=version, principal=principal)
    except PreconditionFailed:
        errors["form"] = ("Someone else changed this case while you were choosing. Check who "
                          "is named now and save again.")
        status = 409
    except DomainError as exc:
        errors.add_domain(exc)
        status = page_status(exc)
    else:
        return see_other(request, f"/cases/{case.id}")
    discard(session)
    return render(request, "case/access.html", ctx, status_code=status)
