"""Case list, case page, opening, editing, closing and reopening a case in the browser."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from app.config import get_settings
from app.db import SessionDep, discard
from app.deps import CaseDep, EditableCaseDep, PrincipalDep
from app.errors import DomainError, NotFound
from app.models.enums import CaseStatus
from app.models.user import User
from app.routes.ui.forms import FormErrors, build, date_field, hidden_int, raw_date, text
from app.schemas.case import CaseClose, CaseCreate, CaseUpdate
from app.services import (
    access,
    allocation,
    case_access,
    child_status,
    network,
    practice_summary,
    trajectory,
    voice,
)
from app.services import case as case_service
from app.services import person as person_service
from app.services.access import Principal
from app.templating import is_htmx, render

router = APIRouter(include_in_schema=False)


def see_other(request: Request, url: str) -> Response:
    """After a successful POST: HX-Redirect for htmx, 303 for everyone else."""
    if is_htmx(request):
        return Response(status_code=204, headers={"HX-Redirect": url})
    return RedirectResponse(url, status_code=303)


@router.get("/")
def home(principal: PrincipalDep) -> Response:
    if access.administers(principal):
        return RedirectResponse("/admin", status_code=303)
    return RedirectResponse("/cases", status_code=303)


@router.get("/cases")
def case_list(
    request: Request,
    principal: PrincipalDep,
    session: SessionDep,
    q: Annotated[str | None, Query(max_length=100)] = None,
    status: str | None = None,
    page: Annotated[int, Query(ge=1)] = 1,
) -> Response:
    if not principal.reads_cases:
        raise NotFound()
    status_filter = CaseStatus(status) if status in ("open", "closed") else None
    page_size = get_settings().page_size
    rows, total = case_service.search(
        session,
        filters=case_service.CaseFilter(q=q, status=status_filter),
        page=page,
        page_size=page_size,
        visible=access.visible(principal),
    )
    pages = max(1, -(-total // page_size))
    return render(
        request,
        "case/list.html",
        {
            "cases": rows,
            "current": practice_summary.current_mappings(session, [c.id for c in rows]),
            "total": total,
            "page": page,
            "pages": pages,
            "q": q or "",
            "status": status or "",
            "can_open": _can_open(principal),
        },
        block="results",
    )


def _can_open(principal: Principal) -> bool:
    return access.can_open_case_in(principal, None)


def _team_workers(session: SessionDep, team_id: int | None) -> list[User]:
    if team_id is None:
        return []
    return list(
        session.scalars(
            select(User)
            .where(
                User.team_id == team_id,
                User.active.is_(True),
                User.role.in_(access.HOLDS_CASES),
            )
            .order_by(User.name)
        )
    )


@router.get("/cases/new")
def new_case(request: Request, principal: PrincipalDep, session: SessionDep) -> Response:
    if not _can_open(principal):
        raise NotFound()
    return render(
        request,
        "case/new.html",
        {
            "errors": FormErrors(),
            "values": {"worker_id": principal.user.id if principal.user else ""},
            "workers": _team_workers(session, principal.team_id),
        },
    )


@router.post("/cases")
async def create_case(request: Request, principal: PrincipalDep, session: SessionDep) -> Response:
    if not _can_open(principal):
        raise NotFound()
    form = await request.form()
    errors = FormErrors()
    values = {
        "family_name": text(form, "family_name"),
        "worker_id": text(form, "worker_id"),
        "reference": text(form, "reference"),
    }
    data = build(CaseCreate, {**values, "team_id": principal.team_id}, errors)
    if data is not None:
        try:
            case = case_service.create(session, data=data, actor=principal.actor)
        except DomainError as exc:
            errors.add_domain(exc)
        else:
            return see_other(request, f"/cases/{case.id}")
    discard(session)
    return render(
        request,
        "case/new.html",
        {
            "errors": errors,
            "values": values,
            "workers": _team_workers(session, principal.team_id),
        },
        status_code=422,
    )


@router.get("/cases/{case_id}")
def case_page(
    request: Request, case: CaseDep, principal: PrincipalDep, session: SessionDep
) -> Response:
    return render(request, "case/page.html", _case_context(session, case, principal))


def _case_context(session: SessionDep, case: CaseDep, principal: Principal) -> dict[str, object]:
    people = person_service.list_for_case(session, case=case)
    children = [p for p in people if p.kind.value == "child"]
    names = {c.id: c.given_name for c in children}
    return {
        "case": case,
        "children": children,
        "adults": [p for p in people if p.kind.value == "adult"],
        "child_names": names,
        "can_edit": access.can_edit(principal, case),
        "can_restrict": case_access.can_restrict(principal),
        "can_allocate": access.can_allocate(principal, case),
        "colleagues": [r for r in allocation.list_for_case(session, case=case)
                       if allocation.running(r)],
        "statuses": {cid: [(child_status.describe(r), r.starts_on) for r in rows
                           if child_status.current(r)]
                     for cid, rows in child_status.for_case(session, case=case).items()},
        "voices": voice.latest_by_child(session, case=case),
        "network_size": network.size(session, case=case),
        "trajectory": trajectory.load(session, case=case),
        "drifting": trajectory.drifting(session, case=case),
        "voice_tools": voice.TOOLS,
        "voice_slugs": voice.SLUGS,
    }


@router.get("/cases/{case_id}/edit")
def edit_case_page(request: Request, case: EditableCaseDep, session: SessionDep) -> Response:
    return render(
        request,
        "case/edit.html",
        {
            "case": case,
            "errors": FormErrors(),
            "values": {
                "family_name": case.family_name,
                "reference": case.reference,
                "worker_id": case.worker_id or "",
                "version": case.version,
            },
            "workers": _team_workers(session, case.team_id),
        },
    )


@router.post("/cases/{case_id}/edit")
async def edit_case(
    request: Request, case: EditableCaseDep, principal: PrincipalDep, session: SessionDep
) -> Response:
    form = await request.form()
    errors = FormErrors()
    values = {
        "family_name": text(form, "family_name"),
        "reference": text(form, "reference"),
        "worker_id": text(form, "worker_id"),
    }
    version = hidden_int(form, "version")
    data = build(CaseUpdate, values, errors)
    if data is not None:
        try:
            case_service.update(
                session, case=case, data=data, expected_version=version, actor=principal.actor
            )
        except DomainError as exc:
            errors.add_domain(exc)
        else:
            return see_other(request, f"/cases/{case.id}")
    discard(session)
    return render(
        request,
        "case/edit.html",
        {
            "case": case,
            "errors": errors,
            "values": {**values, "version": version},
            "workers": _team_workers(session, case.team_id),
        },
        status_code=422 if "form" not in errors else 409,
    )


@router.post("/cases/{case_id}/close")
async def close_case(
    request: Request, case: EditableCaseDep, principal: PrincipalDep, session: SessionDep
) -> Response:
    form = await request.form()
    errors = FormErrors()
    closed_on = date_field(form, "closed_on", "The closing date", errors)
    values = {"closure_reason": text(form, "closure_reason"), "closed_on": closed_on}
    version = hidden_int(form, "version")
    data = build(CaseClose, values, errors) if not errors else None
    if data is not None:
        try:
            case_service.close(
                session, case=case, data=data, expected_version=version, actor=principal.actor
            )
        except DomainError as exc:
            errors.add_domain(exc)
        else:
            return see_other(request, f"/cases/{case.id}")
    discard(session)
    return render(
        request,
        "case/edit.html",
        {
            "case": case,
            "errors": errors,
            "close_values": {**values, "closed_on": raw_date(form, "closed_on")},
            "values": {
                "family_name": case.family_name,
                "reference": case.reference,
                "worker_id": case.worker_id or "",
                "version": case.version,
            },
            "workers": _team_workers(session, case.team_id),
        },
        status_code=422,
    )


@router.post("/cases/{case_id}/reopen")
async def reopen_case(
    request: Request, case: EditableCaseDep, principal: PrincipalDep, session: SessionDep
) -> Response:
    form = await request.form()
    version = hidden_int(form, "version")
    case_service.reopen(session, case=case, expected_version=version, actor=principal.actor)
    return see_other(request, f"/cases/{case.id}")
