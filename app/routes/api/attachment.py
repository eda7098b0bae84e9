"""Attachments (agency reports, letters, photos), for other systems."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, File, Form, Response, UploadFile, status

from app.db import SessionDep
from app.deps import CaseDep, EditableCaseDep, WriterDep
from app.routes.download import file_response
from app.schemas.attachment import AttachmentRead
from app.services import attachment as attachment_service

router = APIRouter(prefix="/cases/{case_id}/attachments", tags=["attachments"])


@router.get("", response_model=list[AttachmentRead])
def list_attachments(case: CaseDep, session: SessionDep) -> list[AttachmentRead]:
    """Files kept with the case, newest first (without their content)."""
    return [AttachmentRead.model_validate(a)
            for a in attachment_service.list_for_case(session, case=case)]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=AttachmentRead)
async def add_attachment(
    case: EditableCaseDep, principal: WriterDep, session: SessionDep, response: Response,
    file: Annotated[UploadFile, File(description="PDF, .docx, JPEG, PNG, HEIC or text.")],
    title: Annotated[str, Form(max_length=200)],
    sender: Annotated[str | None, Form(max_length=200)] = None,
    received_on: Annotated[date | None, Form()] = None,
    description: Annotated[str | None, Form(max_length=20_000)] = None,
    note_id: Annotated[int | None, Form(ge=1)] = None,
) -> AttachmentRead:
    """Keep a file with the case, sent as `multipart/form-data`. The file's type is read from
    its bytes, not its name: pictures are decoded and written again without their metadata
    (EXIF, location); PDFs with scripts, launch actions or files inside, and Word documents
    with macros, are refused. At most 15 MB (413 above). `note_id` ties it to a note."""
    data = await file.read()
    row = attachment_service.add(session, case=case, data=data, filename=file.filename,
                                 title=title, sender=sender or None, received_on=received_on,
                                 description=description or None, note_id=note_id,
                                 actor=principal.actor)
    response.headers["Location"] = f"/api/v1/cases/{case.id}/attachments/{row.id}"
    return AttachmentRead.model_validate(row)


@router.get("/{attachment_id}", response_model=AttachmentRead)
def get_attachment(attachment_id: int, case: CaseDep, session: SessionDep) -> AttachmentRead:
    """One file's details; its `sha256` is that of the bytes `…/content` returns."""
    return AttachmentRead.model_validate(
        attachment_service.load(session, case=case, attachment_id=attachment_id))


@router.get("/{attachment_id}/content", response_class=Response,
            responses={200: {"content": {"application/octet-stream": {}}}})
def get_attachment_content(attachment_id: int, case: CaseDep, session: SessionDep) -> Response:
    """The file itself, as a download."""
    row = attachment_service.load(session, case=case, attachment_id=attachment_id,
                                  with_content=True)
    return file_response(row.content, media_type=row.media_type, filename=row.filename,
                         outside=True)
