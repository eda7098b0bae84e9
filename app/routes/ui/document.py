"""Family documents in the browser: download the summary, check its words, issue it, and the
case's register of issued documents."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.db import SessionDep, discard
from app.deps import CaseDep, EditableCaseDep, EditableMappingDep, MappingDep, PrincipalDep
from app.errors import DomainError, FieldError, Invalid
from app.models.case import Case
from app.models.mapping import Mapping
from app.routes.download import file_response, shown_pdf
from app.routes.ui.case import see_other
from app.routes.ui.forms import FormErrors, text, whole_number
from app.services import access, family_summary, upload
from app.services import attachment as attachment_service
from app.services import case_note as note_service
from app.services import document as document_service
from app.services import plain_language as pl
from app.services.access import Principal
from app.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/cases/{case_id}/mappings/{mapping_id}/family.pdf")
def family_pdf(case: CaseDep, mapping: MappingDep, session: SessionDep,
               language: str = "en") -> Response:
    rendered = family_summary.render(session, case, mapping, language=language)
    return shown_pdf(rendered.content, rendered.filename)


@router.get("/cases/{case_id}/mappings/{mapping_id}/family-easy-read.pdf")
def family_easy_read_pdf(case: CaseDep, mapping: MappingDep, session: SessionDep,
                         language: str = "en") -> Response:
    rendered = family_summary.render(session, case, mapping, easy_read=True,
                                               language=language)
    return shown_pdf(rendered.content, rendered.filename)


@router.get("/cases/{case_id}/mappings/{mapping_id}/issue")
def issue_page(
    request: Request, case: EditableCaseDep, mapping: EditableMappingDep, session: SessionDep
) -> Response:
    return _issue_page(request, session, case, mapping, FormErrors(), {}, 200)


def _issue_page(
    request: Request, session: Session, case: Case, mapping: Mapping, errors: FormErrors,
    values: dict[str, str], status: int,
) -> Response:
    return render(
        request,
        "document/issue.html",
        {
            "case": case,
            "mapping": mapping,
            "findings": family_summary.check(session, case, mapping),
            "languages": document_service.language_choices(),
            "family_language": document_service.family_language(session, case),
            "target": pl.TARGET_READING_AGE,
            "errors": errors,
            "values": values,
        },
        status_code=status,
    )


@router.post("/cases/{case_id}/mappings/{mapping_id}/issue")
async def issue(
    request: Request,
    case: EditableCaseDep,
    mapping: EditableMappingDep,
    principal: PrincipalDep,
    session: SessionDep,
) -> Response:
    form = await request.form()
    errors = FormErrors()
    values = {"issued_to": text(form, "issued_to") or "",
              "readability_reason": text(form, "readability_reason") or "",
              "version": text(form, "version") or "standard",
              "language": text(form, "language") or "en"}
    try:
        if values["version"] not in ("standard", "easy_read"):
            raise Invalid([FieldError(["version"], "Choose which version to give")])
        doc = family_summary.issue(session, case=case, mapping=mapping,
                                     issued_to=values["issued_to"], actor=principal.actor,
                                     readability_reason=values["readability_reason"],
                                     easy_read=values["version"] == "easy_read",
                                     language=values["language"])
    except DomainError as exc:
        errors.add_domain(exc)
    else:
        return see_other(request, f"/cases/{case.id}/documents?issued={doc.id}")
    discard(session)
    return _issue_page(request, session, case, mapping, errors, values, 422)


def documents_context(session: Session, case: Case, principal: Principal) -> dict[str, Any]:
    """The documents page: what was given to the family, and files received (with the form
    to add one)."""
    return {
        "case": case,
        "docs": document_service.list_for_case(session, case=case),
        "files": attachment_service.list_for_case(session, case=case),
        "notes": note_service.list_for_case(session, case=case),
        "describe": upload.describe,
        "accepted": upload.ACCEPTED,
        "can_edit": access.can_edit(principal, case),
        "upload_errors": FormErrors(),
        "upload_values": {},
    }


@router.get("/cases/{case_id}/documents")
def documents_page(
    request: Request, case: CaseDep, principal: PrincipalDep, session: SessionDep
) -> Response:
    ctx = documents_context(session, case, principal)
    ctx["issued"] = whole_number(request.query_params.get("issued"))
    ctx["upload_values"] = {"note_id": whole_number(request.query_params.get("note"))}
    return render(request, "document/list.html", ctx)


@router.get("/cases/{case_id}/documents/{document_id}/download")
def download(document_id: int, case: CaseDep, session: SessionDep) -> Response:
    doc = document_service.load(session, case=case, document_id=document_id, with_content=True)
    return file_response(doc.content, media_type="application/pdf", filename=doc.filename)
