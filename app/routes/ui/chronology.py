"""A child's chronology in the browser: filtered on the page, and printed as a PDF."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.config import get_settings
from app.db import SessionDep
from app.deps import CaseDep
from app.errors import Invalid
from app.models.case import Case
from app.models.person import Person
from app.routes.download import file_response
from app.routes.ui.forms import FormErrors
from app.services import chronology
from app.services import person as person_service
from app.templating import render

router = APIRouter(include_in_schema=False)


def _date(value: str | None, name: str, label: str, errors: FormErrors) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors[name] = f"{label} must be a real date, for example 2026-03-27"
        return None


def _filter(request: Request, errors: FormErrors) -> chronology.Filter:
    q = request.query_params
    sources = [s for s in q.getlist("source") if s in chronology.SOURCES] or None
    start = _date(q.get("date_from"), "date_from", "The start date", errors)
    end = _date(q.get("date_to"), "date_to", "The end date", errors)
    try:
        return chronology.Filter.make(sources, start, end)
    except Invalid as exc:
        for e in exc.errors:
            errors.setdefault(e.field or "form", e.message)
        return chronology.Filter.make(sources, None, None)


def _entries(session: Session, case: Case, child_id: int, where: chronology.Filter
             ) -> tuple[Person, list[chronology.Entry]]:
    child = person_service.load_child(session, case=case, child_id=child_id)
    return child, chronology.for_child(session, case=case, child=child, where=where)


@router.get("/cases/{case_id}/children/{child_id}/chronology")
def chronology_page(request: Request, child_id: int, case: CaseDep,
                    session: SessionDep) -> Response:
    errors = FormErrors()
    where = _filter(request, errors)
    child, entries = _entries(session, case, child_id, where)
    return render(request, "chronology/page.html", {
        "case": case, "child": child, "entries": entries, "where": where, "errors": errors,
        "sources": chronology.SOURCES, "query": request.url.query,
        "values": {"date_from": request.query_params.get("date_from", ""),
                   "date_to": request.query_params.get("date_to", "")}},
        status_code=422 if errors else 200)


@router.get("/cases/{case_id}/children/{child_id}/chronology.pdf")
def chronology_pdf(request: Request, child_id: int, case: CaseDep,
                   session: SessionDep) -> Response:
    errors = FormErrors()
    where = _filter(request, errors)
    if errors:
        raise Invalid([], detail="; ".join(errors.values()))
    child, entries = _entries(session, case, child_id, where)
    content, filename = chronology.print_pdf(case=case, child=child, entries=entries,
                                             where=where,
                                             council=get_settings().council_name)
    return file_response(content, media_type="application/pdf", filename=filename,
                         disposition="inline")
