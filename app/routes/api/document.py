"""Family documents for other systems: the family summary PDF, issuing it, and the register
of issued documents (their exact bytes)."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response, status

from app.db import SessionDep
from app.deps import CaseDep, EditableCaseDep, EditableMappingDep, MappingDep, WriterDep
from app.routes.api.plain_language import readability_read
from app.routes.download import file_response
from app.schemas.document import DocumentRead, FamilyIssueIn
from app.schemas.readability import ReadabilityRead
from app.services import document as document_service
from app.services import family_summary

router = APIRouter(prefix="/cases/{case_id}", tags=["documents"])
LanguageQuery = Annotated[str, Query(max_length=35, description="The language of the fixed "
                                     "words: `en` or one with a catalogue (`cy`).")]
PDF: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/pdf": {}}, "description": "A tagged PDF (PDF/UA-1)."}
}


def _pdf(content: bytes, filename: str, etag: str | None = None) -> Response:
    return file_response(content, media_type="application/pdf", filename=filename,
                         headers={"ETag": f'"{etag}"'} if etag else None)


@router.get("/mappings/{mapping_id}/family.pdf", response_class=Response, responses=PDF)
def family_pdf(case: CaseDep, mapping: MappingDep, session: SessionDep,
               language: LanguageQuery = "en") -> Response:
    """The mapping written to the family, as it stands now: what we are worried about, what
    is working well, what needs to happen, each worry beside its goal with the family's view
    and the scores. Not recorded as issued: use `…/issue` for the copy you hand over."""
    rendered = family_summary.render(session, case, mapping, language=language)
    return _pdf(rendered.content, rendered.filename)


@router.get("/mappings/{mapping_id}/family-easy-read.pdf", response_class=Response,
            responses=PDF)
def family_easy_read_pdf(case: CaseDep, mapping: MappingDep, session: SessionDep,
                         language: LanguageQuery = "en") -> Response:
    """The family summary in easy read: the same record one idea to a line, in larger
    print, with each scale as a large picture. Not recorded as issued: use `…/issue` with
    `easy_read: true`."""
    rendered = family_summary.render(session, case, mapping, easy_read=True,
                                               language=language)
    return _pdf(rendered.content, rendered.filename)


@router.get("/mappings/{mapping_id}/readability", response_model=ReadabilityRead)
def family_readability(case: CaseDep, mapping: MappingDep, session: SessionDep
                       ) -> ReadabilityRead:
    """The plain words check of the family summary, as `issue` will apply it: the system's
    and the workers' words measured apart (the children's and the family's own words are
    quoted, never checked), each finding with the entry to change. When `reason_needed`,
    issuing needs `readability_reason`."""
    return readability_read(family_summary.check(session, case, mapping))


@router.post(
    "/mappings/{mapping_id}/issue",
    status_code=status.HTTP_201_CREATED,
    response_model=DocumentRead,
)
def issue(data: FamilyIssueIn, case: EditableCaseDep, mapping: EditableMappingDep,
          principal: WriterDep, session: SessionDep, response: Response) -> DocumentRead:
    """Make the family summary and record it as handed to `issued_to`: the exact bytes are
    kept with their SHA-256 and the mapping version, and the case history says so."""
    doc = family_summary.issue(session, case=case, mapping=mapping, issued_to=data.issued_to,
                                 actor=principal.actor,
                                 readability_reason=data.readability_reason,
                                 easy_read=data.easy_read, language=data.language)
    response.headers["Location"] = f"/api/v1/cases/{case.id}/documents/{doc.id}"
    return DocumentRead.model_validate(doc)


@router.get("/documents", response_model=list[DocumentRead])
def list_documents(case: CaseDep, session: SessionDep) -> list[DocumentRead]:
    """Documents issued on this case, newest first."""
    docs = document_service.list_for_case(session, case=case)
    return [DocumentRead.model_validate(d) for d in docs]


@router.get("/documents/{document_id}", response_model=DocumentRead)
def get_document(document_id: int, case: CaseDep, session: SessionDep) -> DocumentRead:
    return DocumentRead.model_validate(
        document_service.load(session, case=case, document_id=document_id)
    )


@router.get("/documents/{document_id}/content", response_class=Response, responses=PDF)
def document_content(document_id: int, case: CaseDep, session: SessionDep) -> Response:
    """The stored bytes, exactly as issued (the `ETag` is their SHA-256), even if the
    mapping has changed since."""
    doc = document_service.load(session, case=case, document_id=document_id, with_content=True)
    return _pdf(doc.content, doc.filename, etag=doc.sha256)
