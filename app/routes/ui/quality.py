"""A case's Quality tab: the practice signals of its latest mapping, and the notes from
supervision that the team manager records there."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.db import SessionDep, discard
from app.deps import CaseDep, EditableCaseDep, PrincipalDep
from app.errors import DomainError, Forbidden
from app.models.case import Case
from app.routes.ui.case import see_other
from app.routes.ui.forms import FormErrors, text
from app.services import access, quality, supervision
from app.services import labels as label_service
from app.services import mapping as mapping_service
from app.services.access import Principal
from app.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/cases/{case_id}/quality")
def case_quality(
    request: Request, case: CaseDep, principal: PrincipalDep, session: SessionDep
) -> Response:
    return _quality_page(request, session, case, principal, FormErrors(), None, 200)


def _quality_page(
    request: Request,
    session: Session,
    case: Case,
    principal: Principal,
    errors: FormErrors,
    typed: str | None,
    status: int,
) -> Response:
    maps = mapping_service.list_for_case(session, case=case)
    latest = mapping_service.load(session, case=case, mapping_id=maps[0].id) if maps else None
    labels = label_service.labels_for(session, team_id=case.team_id)
    signals = (
        quality.for_case(session, case=case, fm=mapping_service.full(session, mapping=latest),
                         labels=labels,
                         expected=label_service.expected_for(session, team_id=case.team_id))
        if latest else []
    )
    notes = supervision.notes_for(session, case=case)
    return render(
        request,
        "board/quality.html",
        {
            "case": case,
            "latest": latest,
            "signals": signals,
            "explain": quality.CODES,
            "notes": notes,
            "can_note": access.can_note_supervision(principal, case),
            "errors": errors,
            "typed": typed,
            "current": notes[0] if notes else None,
        },
        status_code=status,
    )


@router.post("/cases/{case_id}/quality/note")
async def save_note(
    request: Request, case: EditableCaseDep, principal: PrincipalDep, session: SessionDep
) -> Response:
    if not access.can_note_supervision(principal, case):
        raise Forbidden("Only the team manager records notes from supervision.")
    form = await request.form()
    body = text(form, "note") or ""
    errors = FormErrors()
    maps = mapping_service.list_for_case(session, case=case)
    try:
        supervision.add_note(session, case=case, mapping_id=maps[0].id if maps else None,
                             text=body, actor=principal.actor)
    except DomainError as exc:
        errors.add_domain(exc)
    else:
        return see_other(request, f"/cases/{case.id}/quality#notes")
    discard(session)
    return _quality_page(request, session, case, principal, errors, body, 422)
