"""Recording who lives where, and when, in the browser (the Family tree tab)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from app.db import SessionDep, discard
from app.deps import EditableCaseDep, PrincipalDep
from app.errors import DomainError
from app.routes.ui.act import attempt
from app.routes.ui.case import see_other
from app.routes.ui.forms import (
    FormErrors,
    build,
    chosen_id,
    date_field,
    hidden_int,
    raw_date,
    text,
)
from app.routes.ui.genogram import page_context
from app.schemas.kinship import HouseholdIn, HouseholdUpdate
from app.services import household as household_service
from app.services import kinship as kinship_service
from app.templating import render

router = APIRouter(include_in_schema=False)


def _values(form: FormData, errors: FormErrors) -> dict[str, Any]:
    values = {"household": text(form, "household"),
              "moved_in": date_field(form, "moved_in", "The day they moved in", errors),
              "moved_out": date_field(form, "moved_out", "The day they moved out", errors)}
    if not values["household"]:
        errors.setdefault("household", "Name the household, for example \"Mum's flat\"")
    return values


def _echo(form: FormData, values: dict[str, Any]) -> dict[str, Any]:
    return {**values, "moved_in": raw_date(form, "moved_in"),
            "moved_out": raw_date(form, "moved_out")}


@router.post("/cases/{case_id}/family-tree/households")
async def add_stay(request: Request, case: EditableCaseDep, principal: PrincipalDep,
                   session: SessionDep) -> Response:
    form = await request.form()
    errors = FormErrors()
    values = _values(form, errors)
    values["person_id"] = chosen_id(text(form, "stay_person_id"))
    if not values["person_id"]:
        errors.setdefault("stay_person_id", "Choose who lives there")
    data = build(HouseholdIn, values, errors) if not errors else None
    if data is not None:
        try:
            s = household_service.add(session, case=case, data=data, actor=principal.actor)
        except DomainError as exc:
            errors.add_domain(exc, names={"person_id": "stay_person_id"})
        else:
            return see_other(request, f"/cases/{case.id}/family-tree?lives=1#stay-{s.id}")
    discard(session)
    return render(request, "genogram/page.html", page_context(
        session, case, principal, stay_errors=errors,
        stay_values={**_echo(form, values), "person_id": text(form, "stay_person_id")}),
        status_code=422)


def _form(request: Request, case: Any, s: Any, session: Any, errors: FormErrors,
          values: dict[str, Any], status: int = 200) -> Response:
    person = kinship_service.people_of(session, case=case).get(s.person_id)
    return render(request, "genogram/household.html", {
        "case": case, "s": s, "name": person.full_name if person else "", "errors": errors,
        "values": values}, status_code=status)


@router.get("/cases/{case_id}/family-tree/households/{stay_id}")
def stay_form(request: Request, case: EditableCaseDep, stay_id: int,
              session: SessionDep) -> Response:
    s = household_service.load(session, case=case, stay_id=stay_id)
    return _form(request, case, s, session, FormErrors(), {
        "household": s.household, "moved_in": s.moved_in, "moved_out": s.moved_out,
        "version": s.version})


@router.post("/cases/{case_id}/family-tree/households/{stay_id}")
async def save_stay(request: Request, case: EditableCaseDep, stay_id: int,
                    principal: PrincipalDep, session: SessionDep) -> Response:
    s = household_service.load(session, case=case, stay_id=stay_id)
    form = await request.form()
    version = hidden_int(form, "version")
    errors = FormErrors()
    values = _values(form, errors)
    data = build(HouseholdUpdate, values, errors) if not errors else None
    status = 422
    if data is not None:
        try:
            household_service.update(session, case=case, stay=s, data=data,
                                     expected_version=version, actor=principal.actor)
        except DomainError as exc:
            status = errors.add_domain(exc)
        else:
            return see_other(request, f"/cases/{case.id}/family-tree?changed=1#stay-{s.id}")
    discard(session)
    return _form(request, case, s, session, errors, {**_echo(form, values), "version": version},
                 status)


@router.post("/cases/{case_id}/family-tree/households/{stay_id}/remove")
async def remove_stay(request: Request, case: EditableCaseDep, stay_id: int,
                      principal: PrincipalDep, session: SessionDep) -> Response:
    s = household_service.load(session, case=case, stay_id=stay_id)
    form = await request.form()

    def act() -> str:
        household_service.remove(session, case=case, stay=s,
                                 expected_version=hidden_int(form, "version"),
                                 actor=principal.actor)
        return f"/cases/{case.id}/family-tree?removed=1"

    return attempt(request, session, act, lambda errors, status: render(
        request, "genogram/page.html",
        page_context(session, case, principal, stay_errors=errors), status_code=status))