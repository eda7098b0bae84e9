"""What applies to one child, in the browser: their plans and being looked after, each with
dates, added and ended by whoever may change the case."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.db import SessionDep, discard
from app.deps import CaseDep, PrincipalDep, StatutoryCaseDep
from app.errors import DomainError
from app.models.case import Case
from app.models.enums import LABELS, AbuseCategory, ChildStatusKind
from app.models.person import Person
from app.routes.ui.case import see_other
from app.routes.ui.forms import (
    FormErrors,
    build,
    date_field,
    date_span,
    hidden_int,
    raw_date,
    raw_span,
    text,
)
from app.schemas.child_status import ChildStatusIn
from app.services import access
from app.services import child_status as status_service
from app.services import person as person_service
from app.services.access import Principal
from app.templating import render

router = APIRouter(include_in_schema=False)
KINDS = [(k.value, LABELS[k.value]) for k in ChildStatusKind]
CATEGORIES = [(c.value, LABELS[c.value]) for c in AbuseCategory]


def _ctx(session: Session, case: Case, child: Person, principal: Principal,
         **extra: Any) -> dict[str, Any]:
    return {"case": case, "child": child,
            "rows": status_service.for_child(session, case=case, child=child),
            "current": status_service.current, "describe": status_service.describe,
            "can_edit": access.corrects_statutory(principal, case), "kinds": KINDS,
            "categories": CATEGORIES, "errors": FormErrors(), "values": {},
            "today": date.today(), "end_values": {}, **extra}


@router.get("/cases/{case_id}/children/{child_id}/status")
def status_page(request: Request, case: CaseDep, child_id: int, principal: PrincipalDep,
                session: SessionDep) -> Response:
    child = person_service.load_child(session, case=case, child_id=child_id)
    return render(request, "child_status/page.html", _ctx(session, case, child, principal))


@router.post("/cases/{case_id}/children/{child_id}/status")
async def add_status(request: Request, case: StatutoryCaseDep, child_id: int,
                     principal: PrincipalDep, session: SessionDep) -> Response:
    child = person_service.load_child(session, case=case, child_id=child_id)
    form = await request.form()
    errors = FormErrors()
    starts, ends = date_span(form, errors)
    values = {"kind": text(form, "kind"), "category": text(form, "category"),
              "starts_on": starts, "ends_on": ends, "note": text(form, "note")}
    if values["kind"] is None:
        errors.setdefault("kind", f"Choose what applies to {child.given_name}")
    data = build(ChildStatusIn, values, errors) if not errors else None
    if data is not None:
        try:
            status_service.add(session, case=case, child=child, data=data,
                               actor=principal.actor)
        except DomainError as exc:
            errors.add_domain(exc)
        else:
            return see_other(request, f"/cases/{case.id}/children/{child.id}/status?saved=1")
    discard(session)
    return render(request, "child_status/page.html",
                  _ctx(session, case, child, principal, errors=errors,
                       values={**values, **raw_span(form)}),
                  status_code=422)


@router.post("/cases/{case_id}/children/{child_id}/status/{status_id}/end")
async def end_status(request: Request, case: StatutoryCaseDep, child_id: int, status_id: int,
                     principal: PrincipalDep, session: SessionDep) -> Response:
    child = person_service.load_child(session, case=case, child_id=child_id)
    row = status_service.load(session, case=case, child=child, status_id=status_id)
    form = await request.form()
    version = hidden_int(form, "version")
    errors = FormErrors()
    field = f"ends_on_{row.id}"
    ends = date_field(form, field, "The last day", errors)
    if ends is None and field not in errors:
        errors[field] = "Enter the last day"
    status = 422
    if ends is not None:
        try:
            status_service.end(session, case=case, child=child, row=row, ends_on=ends,
                               expected_version=version, actor=principal.actor)
        except DomainError as exc:
            status = errors.add_domain(exc, field=field)
        else:
            return see_other(request, f"/cases/{case.id}/children/{child.id}/status?ended=1")
    discard(session)
    return render(request, "child_status/page.html",
                  _ctx(session, case, child, principal, errors=errors,
                       end_values={field: raw_date(form, field)}),
                  status_code=status)
