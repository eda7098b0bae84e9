"""Recording how the people on a case are related, in the browser (the Family tree tab)."""

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
from app.routes.ui.genogram import STRENGTHS, page_context
from app.schemas.kinship import KinshipIn, KinshipUpdate
from app.services import kinship as kinship_service
from app.templating import render

router = APIRouter(include_in_schema=False)


def _details(form: FormData, errors: FormErrors) -> dict[str, Any]:
    return {"birth": form.get("birth") == "yes",
            "parental_responsibility": form.get("parental_responsibility") == "yes",
            "started_on": date_field(form, "started_on", "The day they got together", errors),
            "ended_on": date_field(form, "ended_on", "The day they separated", errors),
            "strength": text(form, "strength")}


def _echo(form: FormData, values: dict[str, Any]) -> dict[str, Any]:
    return {**values, "started_on": raw_date(form, "started_on"),
            "ended_on": raw_date(form, "ended_on")}


@router.post("/cases/{case_id}/family-tree/kinships")
async def add_kinship(request: Request, case: EditableCaseDep, principal: PrincipalDep,
                      session: SessionDep) -> Response:
    form = await request.form()
    errors = FormErrors()
    values = _details(form, errors)
    values.update(person_id=chosen_id(text(form, "person_id")), kind=text(form, "kind"),
                  relative_id=chosen_id(text(form, "relative_id")))
    for name, message in (("person_id", "Choose who"), ("kind", "Choose how they are related"),
                          ("relative_id", "Choose who they are related to")):
        if not values[name]:
            errors.setdefault(name, message)
    data = build(KinshipIn, values, errors) if not errors else None
    if data is not None:
        try:
            k = kinship_service.add(session, case=case, data=data, actor=principal.actor)
        except DomainError as exc:
            errors.add_domain(exc)
        else:
            return see_other(request, f"/cases/{case.id}/family-tree?added=1#kinship-{k.id}")
    discard(session)
    return render(request, "genogram/page.html", page_context(
        session, case, principal, errors=errors, values=_echo(form, {
            **values, "person_id": text(form, "person_id"), "kind": text(form, "kind"),
            "relative_id": text(form, "relative_id")})), status_code=422)


def _form(request: Request, case: Any, k: Any, session: Any, errors: FormErrors,
          values: dict[str, Any], status: int = 200) -> Response:
    people = kinship_service.people_of(session, case=case)
    return render(request, "genogram/kinship.html", {
        "case": case, "k": k, "said": kinship_service.words(k, people), "errors": errors,
        "strengths": STRENGTHS, "values": values}, status_code=status)


@router.get("/cases/{case_id}/family-tree/kinships/{kinship_id}")
def kinship_form(request: Request, case: EditableCaseDep, kinship_id: int,
                 session: SessionDep) -> Response:
    k = kinship_service.load(session, case=case, kinship_id=kinship_id)
    return _form(request, case, k, session, FormErrors(), {
        "birth": k.birth, "parental_responsibility": k.parental_responsibility,
        "started_on": k.started_on, "ended_on": k.ended_on,
        "strength": k.strength.value if k.strength else "", "version": k.version})


@router.post("/cases/{case_id}/family-tree/kinships/{kinship_id}")
async def save_kinship(request: Request, case: EditableCaseDep, kinship_id: int,
                       principal: PrincipalDep, session: SessionDep) -> Response:
    k = kinship_service.load(session, case=case, kinship_id=kinship_id)
    form = await request.form()
    version = hidden_int(form, "version")
    errors = FormErrors()
    values = _details(form, errors)
    data = build(KinshipUpdate, values, errors) if not errors else None
    status = 422
    if data is not None:
        try:
            kinship_service.update(session, case=case, kinship=k, data=data,
                                   expected_version=version, actor=principal.actor)
        except DomainError as exc:
            status = errors.add_domain(exc)
        else:
            return see_other(request, f"/cases/{case.id}/family-tree?changed=1#kinship-{k.id}")
    discard(session)
    return _form(request, case, k, session, errors, {**_echo(form, values), "version": version},
                 status)


@router.post("/cases/{case_id}/family-tree/kinships/{kinship_id}/remove")
async def remove_kinship(request: Request, case: EditableCaseDep, kinship_id: int,
                         principal: PrincipalDep, session: SessionDep) -> Response:
    k = kinship_service.load(session, case=case, kinship_id=kinship_id)
    form = await request.form()

    def act() -> str:
        kinship_service.remove(session, case=case, kinship=k,
                               expected_version=hidden_int(form, "version"),
                               actor=principal.actor)
        return f"/cases/{case.id}/family-tree?removed=1"

    return attempt(request, session, act, lambda errors, status: render(
        request, "genogram/page.html", page_context(session, case, principal, errors=errors),
        status_code=status))