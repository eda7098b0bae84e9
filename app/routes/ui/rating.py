"""Safety-scale scores given in the mapping editor (an htmx fragment of the board, or a
plain form)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.db import SessionDep, discard
from app.deps import EditableCaseDep, EditableMappingDep, PrincipalDep
from app.errors import BadForm, DomainError
from app.models.case import Case
from app.models.enums import Category, RaterKind, label
from app.models.mapping import Mapping
from app.routes.ui.case import see_other
from app.routes.ui.forms import FormErrors, build, chosen_id, optional_id, text
from app.routes.ui.mapping import (
    SCORES,
    board_context,
    board_response,
    network_raters,
    people_of,
    rater_groups,
)
from app.schemas.rating import RatingCreate
from app.services import access
from app.services import mapping as mapping_service
from app.services import person as person_service
from app.services import rating as rating_service
from app.services.access import Principal
from app.services.mapping_item import display_text
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
    elif rater.startswith("member:"):
        member_id = chosen_id(rater.removeprefix("member:"))
        if member_id is None:
            raise BadForm()
        data["rater_kind"] = RaterKind.network
        data["rater_member_id"] = member_id
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


# --- scoring together: several people, every question, one form ------------------------------


def _grid_context(session: Session, case: Case, mapping: Mapping, principal: Principal,
                  **extra: Any) -> dict[str, Any]:
    fm = mapping_service.full(session, mapping=mapping)
    children, adults = people_of(session, case)
    manager = access.can_sign_off(principal, case)
    me = (principal.user.name if principal.user else "Me",
          RaterKind.supervisor if manager else RaterKind.worker)
    questions: list[tuple[str, str]] = [
        (str(d.id), display_text(d)) for d in fm.by_category[Category.danger_statement]]
    questions.append(("overall", "All things considered, how safe are the children?"))
    raters = [("me", f"{me[0]} (me, {label(me[1]).lower()})")]
    for _group, people in rater_groups(children, adults):
        raters += [(f"p{p.id}", f"{p.full_name}" + (f" ({label(p.role).lower()})"
                                                           if p.role else " (child)"))
                   for p in people]
    raters += [(f"m{mid}", f"{name} (safety network)")
               for mid, name in network_raters(session, case)]
    return {"case": case, "mapping": mapping, "questions": questions, "raters": raters,
            "child_raters": {f"p{c.id}" for c in children},
            "scores": SCORES, "errors": FormErrors(), "values": {}, **extra}


@router.get("/cases/{case_id}/mappings/{mapping_id}/scores")
def scores_page(request: Request, case: EditableCaseDep, mapping: EditableMappingDep,
                principal: PrincipalDep, session: SessionDep) -> Response:
    mapping_service.require_scorable(mapping, manager=access.can_sign_off(principal, case))
    return render(request, "rating/together.html",
                  _grid_context(session, case, mapping, principal))


@router.post("/cases/{case_id}/mappings/{mapping_id}/scores")
async def save_scores(request: Request, case: EditableCaseDep, mapping: EditableMappingDep,
                      principal: PrincipalDep, session: SessionDep) -> Response:
    """Every score chosen on the page is saved, or none: a problem with one is shown beside
    it and nothing is kept."""
    form = await request.form()
    ctx = _grid_context(session, case, mapping, principal)
    errors: FormErrors = ctx["errors"]
    manager = access.can_sign_off(principal, case)
    questions = {q for q, _ in ctx["questions"]}
    raters = {r for r, _ in ctx["raters"]}
    people = {p.id: p for p in person_service.list_for_case(session, case=case)}
    chosen: list[tuple[str, str, str]] = []
    for name in form:
        if not name.startswith("score-"):
            continue
        q, _, r = name.removeprefix("score-").partition("-")
        value = text(form, name)
        if q not in questions or r not in raters or value is None:
            raise BadForm()
        chosen.append((q, r, value))
    if not chosen:
        errors["form"] = "Choose at least one score: tap the number each person gives."
    saved = 0
    for q, r, value in chosen:
        data: dict[str, Any] = {"danger_id": None if q == "overall" else int(q),
                                "score": value, "reason": text(form, f"reason-{r}")}
        if r == "me":
            data["rater_kind"] = RaterKind.supervisor if manager else RaterKind.worker
        elif r.startswith("m"):
            data["rater_kind"] = RaterKind.network
            data["rater_member_id"] = int(r.removeprefix("m"))
        else:
            person = people[int(r.removeprefix("p"))]
            data["rater_kind"] = rating_service.kind_for(person)
            data["rater_person_id"] = person.id
        field = f"score-{q}-{r}"
        one = FormErrors()
        schema = build(RatingCreate, data, one)
        if schema is None:
            errors[field] = next(iter(one.values()))
            continue
        try:
            with session.begin_nested():
                rating_service.create(session, case=case, mapping=mapping, data=schema,
                                      actor=principal.actor, manager=manager)
            saved += 1
        except DomainError as exc:
            errors[field] = exc.errors[0].message if exc.errors else exc.detail
    if not errors:
        return see_other(request, f"/cases/{case.id}/mappings/{mapping.id}?scored={saved}"
                                  "#scale")
    discard(session)
    ctx["values"] = {f"score-{q}-{r}": v for q, r, v in chosen}
    ctx["values"].update({k: v for k, v in form.items()
                          if k.startswith("reason-") and isinstance(v, str)})
    return render(request, "rating/together.html", ctx, status_code=422)
