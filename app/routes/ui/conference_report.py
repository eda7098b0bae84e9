"""Conference reports in the browser: start one for a conference, write the analysis, look at
the professionals' report and the family's summary, and give either through the register."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.db import SessionDep
from app.deps import CaseDep, EditableCaseDep, PrincipalDep
from app.models.case import Case
from app.models.conference_report import ConferenceReport
from app.routes.download import shown_pdf
from app.routes.ui.act import attempt
from app.routes.ui.forms import (
    FormErrors,
    build,
    date_field,
    hidden_int,
    optional_id,
    raw_date,
    text,
)
from app.schemas.conference_report import ConferenceReportIn, ConferenceReportUpdate
from app.services import access, document
from app.services import conference_report as report_service
from app.services.access import Principal
from app.templating import render

router = APIRouter(include_in_schema=False)
KINDS = list(report_service.KINDS.items())


def _ctx(session: Session, case: Case, principal: Principal, row: ConferenceReport | None,
         **extra: Any) -> dict[str, Any]:
    mappings = report_service.mappings_for(session, case=case)
    return {"case": case, "row": row, "reports": report_service.list_for_case(session, case=case),
            "kinds": KINDS, "mappings": [(m.id, f"{m.kind.value.replace('_', ' ').capitalize()} "
                                                f"of {m.held_on:%-d %B %Y}") for m in mappings],
            "can_edit": access.can_edit(principal, case), "errors": FormErrors(),
            "values": {"held_on": row.held_on, "kind": row.kind, "mapping_id": row.mapping_id,
                       "analysis": row.analysis} if row else {},
            "readability_report": report_service.check(session, case, row)
            if row and access.can_edit(principal, case) else None,
            "languages": document.language_choices(),
            "family_language": document.family_language(session, case),
            "tab": "documents", **extra}


def _read(form: Any, errors: FormErrors) -> dict[str, Any]:
    return {"held_on": date_field(form, "held_on", "The day of the conference", errors),
            "kind": text(form, "kind"), "mapping_id": optional_id(form, "mapping_id"),
            "analysis": text(form, "analysis")}


@router.get("/cases/{case_id}/conference-reports")
def reports_page(request: Request, case: CaseDep, principal: PrincipalDep,
                 session: SessionDep) -> Response:
    return render(request, "conference_report/page.html", _ctx(session, case, principal, None))


@router.post("/cases/{case_id}/conference-reports")
async def add_report(request: Request, case: EditableCaseDep, principal: PrincipalDep,
                     session: SessionDep) -> Response:
    form = await request.form()
    errors = FormErrors()
    values = _read(form, errors)
    if values["held_on"] is None and "held_on" not in errors:
        errors["held_on"] = "Enter the day of the conference"
    data = build(ConferenceReportIn, values, errors) if not errors else None

    def again(errs: FormErrors, status: int) -> Response:
        return render(request, "conference_report/page.html", _ctx(
            session, case, principal, None, errors=errs,
            values={**values, "held_on": raw_date(form, "held_on")}), status_code=status)

    if data is None:
        return again(errors, 422)
    payload: ConferenceReportIn = data

    def act() -> str:
        row = report_service.create(session, case=case, data=payload, actor=principal.actor)
        return f"/cases/{case.id}/conference-reports/{row.id}"

    return attempt(request, session, act, again)


@router.get("/cases/{case_id}/conference-reports/{report_id}")
def report_page(request: Request, case: CaseDep, report_id: int, principal: PrincipalDep,
                session: SessionDep) -> Response:
    row = report_service.load(session, case=case, report_id=report_id)
    return render(request, "conference_report/form.html", _ctx(session, case, principal, row))


@router.post("/cases/{case_id}/conference-reports/{report_id}")
async def change_report(request: Request, case: EditableCaseDep, report_id: int,
                        principal: PrincipalDep, session: SessionDep) -> Response:
    row = report_service.load(session, case=case, report_id=report_id)
    form = await request.form()
    version = hidden_int(form, "version")
    errors = FormErrors()
    values = _read(form, errors)
    if values["held_on"] is None and "held_on" not in errors:
        errors["held_on"] = "Enter the day of the conference"
    values["analysis"] = values["analysis"] or ""
    data = build(ConferenceReportUpdate, values, errors) if not errors else None

    def again(errs: FormErrors, status: int) -> Response:
        return render(request, "conference_report/form.html", _ctx(
            session, case, principal, row, errors=errs,
            values={**values, "held_on": raw_date(form, "held_on")}), status_code=status)

    if data is None:
        return again(errors, 422)
    payload: ConferenceReportUpdate = data

    def act() -> str:
        report_service.update(session, case=case, row=row, data=payload,
                              expected_version=version, actor=principal.actor)
        return f"/cases/{case.id}/conference-reports/{row.id}?saved=1"

    return attempt(request, session, act, again)


@router.get("/cases/{case_id}/conference-reports/{report_id}/{which}.pdf")
def report_pdf(case: CaseDep, report_id: int, which: Literal["report", "family"],
               session: SessionDep, language: str = "en") -> Response:
    row = report_service.load(session, case=case, report_id=report_id)
    done = report_service.render(session, case, row, family=which == "family",
                                 language=language if which == "family" else "en")
    return shown_pdf(done.content, done.filename)


@router.post("/cases/{case_id}/conference-reports/{report_id}/issue")
async def issue_report(request: Request, case: EditableCaseDep, report_id: int,
                       principal: PrincipalDep, session: SessionDep) -> Response:
    row = report_service.load(session, case=case, report_id=report_id)
    form = await request.form()
    which = text(form, "which")

    def act() -> str:
        doc = report_service.issue(session, case=case, report=row, family=which == "family",
                                   issued_to=text(form, "issued_to") or "",
                                   actor=principal.actor,
                                   readability_reason=text(form, "readability_reason"),
                                   language=(text(form, "language") or "en")
                                   if which == "family" else "en")
        return f"/cases/{case.id}/documents?issued={doc.id}"

    def again(errs: FormErrors, status: int) -> Response:
        return render(request, "conference_report/form.html", _ctx(
            session, case, principal, row, errors=errs, issue_values={
                "which": which, "issued_to": text(form, "issued_to"),
                "readability_reason": text(form, "readability_reason"),
                "language": text(form, "language")}), status_code=status)

    if which not in ("report", "family"):
        errors = FormErrors()
        errors["which"] = "Choose which to give: the report or the family's summary"
        return again(errors, 422)
    return attempt(request, session, act, again)
