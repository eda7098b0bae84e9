"""Safety-scale scores given in the mapping editor (an htmx fragment of the board, or a
plain form)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.db import SessionDep, discard
from app.deps import EditableCaseDep, EditableMappingDep, PrincipalDep
from app.errors import BadForm, DomainError
from app.models.enums import RaterKind
from app.routes.ui.forms import FormErrors, build, chosen_id, optional_id, text
from app.routes.ui.mapping import board_context, board_response
from app.schemas.rating import RatingCreate
from app.services import access
from app.services import mapping as mapping_service
from app.services import person as person_service
from app.services import rating as rating_service
from app.templating import is_htmx, render

router = APIRouter(include_in_schema=False)


@router.post("/cases/{case_id}/mappings/{mapping_id}/ratings")
async def create_rating(
    request: Request,
    case: EditableCaseDep,
    mapping: EditableMappingDep,
    principal: PrincipalDep,
    session: SessionDep,
) -> Response:
    form = await request.form()
    danger = text(form, "danger_id")
    key = f"rating-{danger or 'overall'}"
    errors = FormErrors()
    manager = access.can_sign_off(principal, case)
    # One list says who is scoring: me, a person on the case (their role on the case gives
    # the kind of rater, so a parent's score can only be saved as that parent's), or another
    # professional by name.
    rater = text(form, "rater") or ""
    people = {p.id: p for p in person_service.list_for_case(session, case=case)}
    data: dict[str, Any] = {
        "danger_id": optional_id(form, "danger_id"),
        "score": text(form, "score"),
        "reason": text(form, "reason"),
    }
    if rater == "me":
        data["rater_kind"] = RaterKind.supervisor if manager else RaterKind.worker
    elif rater == "professional":
        data["rater_kind"] = RaterKind.professional
        data["rater_name"] = text(form, "rater_name")
        if not data["rater_name"]:
            errors[f"{key}-rater_name"] = "Enter the name of the professional giving the score"
    elif rater.startswith("person:"):
        person = people.get(chosen_id(rater.removeprefix("person:")) or 0)
        if person is None:
            raise BadForm()
        data["rater_kind"] = rating_service.kind_for(person)
        data["rater_person_id"] = person.id
    elif rater:
        raise BadForm()
    else:
        errors[f"{key}-rater"] = "Choose who is giving the score"
    if data["score"] is None:
        errors[f"{key}-score"] = "Choose a score from 0 to 10"
    schema = build(RatingCreate, data, errors) if not errors else None
    if schema is not None:
        try:
            rating_service.create(session, case=case, mapping=mapping, data=schema,
                                  actor=principal.actor, manager=manager)
        except DomainError as exc:
            for e in exc.errors or []:
                field = e.field.split(".")[0]
                errors[f"{key}-{'rater' if field.startswith('rater') else field}"] = e.message
            if not exc.errors:
                errors[f"{key}-score"] = exc.detail
        else:
            return board_response(request, session, case, mapping, principal,
                          rated=key)
    discard(session)
    session.expire_all()
    mapping = mapping_service.load(session, case=case, mapping_id=mapping.id)
    values = {f"{key}-{k}": v for k, v in data.items()}
    values[f"{key}-rater"] = rater
    values[f"{key}-rater_name"] = text(form, "rater_name")
    ctx = board_context(session, case, mapping, principal, errors=errors, values=values,
                        open_rating=key)
    if is_htmx(request):
        return render(request, "mapping/page.html", ctx, block="board", status_code=422,
                      headers={"HX-Retarget": "#board", "HX-Reswap": "outerHTML"})
    return render(request, "mapping/page.html", ctx, status_code=422)
