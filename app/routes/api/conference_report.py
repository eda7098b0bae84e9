"""Conference reports, for other systems: made from the record as it stands, with the
worker's analysis; the professionals' report and the family's summary as PDFs; each given
through the documents register."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Response, status

from app.db import SessionDep
from app.deps import CaseDep, EditableCaseDep, WriterDep, if_match
from app.routes.api.etag import expected_version, set_etag
from app.routes.api.plain_language import readability_read
from app.routes.download import shown_pdf
from app.schemas.conference_report import (
    ConferenceReportIn,
    ConferenceReportRead,
    ConferenceReportUpdate,
)
from app.schemas.document import DocumentRead, LanguageIssueIn
from app.schemas.readability import ReadabilityRead
from app.services import conference_report as report_service

router = APIRouter(prefix="/cases/{case_id}/conference-reports", tags=["statutory record"])
IfMatch = Annotated[str | None, Depends(if_match)]
PDF: dict[int | str, dict[str, Any]] = {200: {"content": {"application/pdf": {}}}}


@router.get("", response_model=list[ConferenceReportRead])
def list_reports(case: CaseDep, session: SessionDep) -> list[ConferenceReportRead]:
    return [ConferenceReportRead.model_validate(r)
            for r in report_service.list_for_case(session, case=case)]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ConferenceReportRead)
def add_report(data: ConferenceReportIn, case: EditableCaseDep, principal: WriterDep,
               session: SessionDep, response: Response) -> ConferenceReportRead:
    """Start the report for a conference; made from `mapping_id` (the latest when left out)."""
    row = report_service.create(session, case=case, data=data, actor=principal.actor)
    set_etag(response, row)
    return ConferenceReportRead.model_validate(row)


@router.get("/{report_id}", response_model=ConferenceReportRead)
def get_report(report_id: int, case: CaseDep, session: SessionDep,
               response: Response) -> ConferenceReportRead:
    row = report_service.load(session, case=case, report_id=report_id)
    set_etag(response, row)
    return ConferenceReportRead.model_validate(row)


@router.patch("/{report_id}", response_model=ConferenceReportRead)
def change_report(report_id: int, data: ConferenceReportUpdate, case: EditableCaseDep,
                  principal: WriterDep, session: SessionDep, response: Response,
                  if_match: IfMatch) -> ConferenceReportRead:
    """For example the analysis. `If-Match` is its ETag."""
    row = report_service.load(session, case=case, report_id=report_id)
    version = expected_version(if_match, row)
    row = report_service.update(session, case=case, row=row, data=data,
                                expected_version=version, actor=principal.actor)
    set_etag(response, row)
    return ConferenceReportRead.model_validate(row)


@router.get("/{report_id}/{which}.pdf", response_class=Response, responses=PDF)
def report_pdf(report_id: int, which: Literal["report", "family"], case: CaseDep,
               session: SessionDep,
               language: Annotated[str, Query(max_length=35, description="For `family`: "
                                              "`en` or `cy`.")] = "en") -> Response:
    """`report`: for the professionals (tagged PDF); `family`: the family's summary in plain
    words, from the same record. Printed now, not recorded as given: see `issue`."""
    row = report_service.load(session, case=case, report_id=report_id)
    done = report_service.render(session, case, row, family=which == "family",
                                 language=language if which == "family" else "en")
    return shown_pdf(done.content, done.filename)


@router.get("/{report_id}/family/readability", response_model=ReadabilityRead)
def family_readability(report_id: int, case: CaseDep, session: SessionDep) -> ReadabilityRead:
    """The plain words check of the family's summary, as issuing it will apply it. When
    `reason_needed`, `family/issue` needs `readability_reason`."""
    row = report_service.load(session, case=case, report_id=report_id)
    return readability_read(report_service.check(session, case, row))


@router.post("/{report_id}/{which}/issue", status_code=status.HTTP_201_CREATED,
             response_model=DocumentRead)
def issue_report(report_id: int, which: Literal["report", "family"], data: LanguageIssueIn,
                 case: EditableCaseDep, principal: WriterDep, session: SessionDep,
                 response: Response) -> DocumentRead:
    """Print it and record it as handed to `issued_to` (the register keeps the bytes)."""
    row = report_service.load(session, case=case, report_id=report_id)
    doc = report_service.issue(session, case=case, report=row, family=which == "family",
                               issued_to=data.issued_to, actor=principal.actor,
                               readability_reason=data.readability_reason,
                               language=data.language)
    response.headers["Location"] = f"/api/v1/cases/{case.id}/documents/{doc.id}"
    return DocumentRead.model_validate(doc)
