"""Sharing a mapping with the family in the browser: a page that records where each person
stands on it (agrees, partly, disagrees, in their words) as it is shared."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.db import SessionDep, discard
from app.deps import EditableCaseDep, EditableMappingDep, PrincipalDep
from app.errors import BadForm, DomainError, page_status
from app.models.case import Case
from app.models.enums import FamilyView, label
from app.models.mapping import Mapping
from app.routes.ui.case import see_other
from app.routes.ui.forms import FormErrors, build, hidden_int, text
from app.schemas.family_position import PositionIn
from app.schemas.mapping import AgreeIn
from app.services import family_position
from app.services import mapping as mapping_service
from app.services import person as person_service
from app.templating import render

router = APIRouter(include_in_schema=False)
VIEWS = [(v.value, label(v)) for v in
         (FamilyView.agrees, FamilyView.partly_agrees, FamilyView.disagrees,
          FamilyView.not_yet_asked)]


def _context(session: Session, case: Case, mapping: Mapping, **extra: Any) -> dict[str, Any]:
    people = [p for p in person_service.list_for_case(session, case=case) if not p.archived]
    values: dict[str, str] = {}
    for fp, _p in family_position.list_for(session, mapping=mapping):
        values[f"position-{fp.person_id}"] = fp.position.value
        values[f"words-{fp.person_id}"] = fp.words or ""
    return {"case": case, "mapping": mapping, "people": people, "views": VIEWS,
            "errors": FormErrors(), "values": values, **extra}


@router.get("/cases/{case_id}/mappings/{mapping_id}/share")
def share_page(request: Request, case: EditableCaseDep, mapping: EditableMappingDep,
               session: SessionDep) -> Response:
    return render(request, "family_position/share.html", _context(session, case, mapping))


@router.post("/cases/{case_id}/mappings/{mapping_id}/agree")
async def share(request: Request, case: EditableCaseDep, mapping: EditableMappingDep,
                principal: PrincipalDep, session: SessionDep) -> Response:
    form = await request.form()
    ctx = _context(session, case, mapping)
    errors: FormErrors = ctx["errors"]
    version = hidden_int(form, "version")
    positions = []
    values: dict[str, str] = {"note": text(form, "note") or ""}
    for p in ctx["people"]:
        view = text(form, f"position-{p.id}") or FamilyView.not_yet_asked.value
        if view not in FamilyView.__members__:
            raise BadForm()
        words = text(form, f"words-{p.id}")
        values[f"position-{p.id}"], values[f"words-{p.id}"] = view, words or ""
        if view != FamilyView.not_yet_asked.value or words:
            one = FormErrors()
            position = build(PositionIn, {"person_id": p.id, "position": view, "words": words},
                             one)
            for key, message in one.items():
                errors[f"{'words' if key == 'words' else 'position'}-{p.id}"] = message
            if position is not None:
                positions.append(position)
    status = 422
    data = (build(AgreeIn, {"note": text(form, "note"), "positions": positions}, errors)
            if not errors else None)
    if data is not None:
        try:
            mapping_service.agree(session, case=case, mapping=mapping, data=data,
                                  expected_version=version, actor=principal.actor)
        except DomainError as exc:
            status = page_status(exc)
            for e in exc.errors or []:
                parts = e.field.split(".")
                if parts[0] == "positions" and len(parts) > 1:
                    pid = positions[int(parts[1])].person_id
                    errors.setdefault(f"position-{pid}", e.message)
                else:
                    errors.setdefault(parts[0] or "form", e.message)
            if not exc.errors:
                errors["form"] = exc.detail
        else:
            return see_other(request, f"/cases/{case.id}/mappings/{mapping.id}")
    discard(session)
    session.expire_all()
    mapping = mapping_service.load(session, case=case, mapping_id=mapping.id)
    ctx = _context(session, case, mapping, errors=errors)
    ctx["values"] = values
    return render(request, "family_position/share.html", ctx, status_code=status)
