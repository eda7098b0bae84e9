"""Files kept with a case, in the browser: uploading one (from the documents page or a note)
and downloading it."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from app.db import SessionDep, discard
from app.deps import CaseDep, EditableCaseDep, PrincipalDep
from app.errors import DomainError, page_status
from app.routes.download import file_response
from app.routes.ui.case import see_other
from app.routes.ui.document import documents_context
from app.routes.ui.forms import FormErrors, date_field, optional_id, raw_date, text
from app.services import attachment as attachment_service
from app.templating import render

router = APIRouter(include_in_schema=False)


@router.post("/cases/{case_id}/attachments")
async def upload(request: Request, case: EditableCaseDep, principal: PrincipalDep,
                 session: SessionDep) -> Response:
    form = await request.form()
    errors = FormErrors()
    received_on = date_field(form, "received_on", "The date it was received", errors)
    note_id = optional_id(form, "note_id")
    sent = form.get("file")
    data, filename = b"", None
    if isinstance(sent, UploadFile):
        data, filename = await sent.read(), sent.filename
    title, sender, description = (text(form, n) for n in ("title", "sender", "description"))
    values: dict[str, Any] = {"title": title or "", "sender": sender or "",
                              "description": description or "",
                              "received_on": raw_date(form, "received_on"), "note_id": note_id}
    status = 422
    if not errors:
        try:
            row = attachment_service.add(
                session, case=case, data=data, filename=filename, title=title,
                sender=sender, received_on=received_on, description=description,
                note_id=note_id,
                actor=principal.actor)
        except DomainError as exc:
            errors.add_domain(exc)
            status = page_status(exc)
        else:
            back = (f"/cases/{case.id}/notes/{note_id}" if note_id
                    else f"/cases/{case.id}/documents")
            return see_other(request, f"{back}#attachment-{row.id}")
    discard(session)
    ctx = documents_context(session, case, principal)
    ctx.update(upload_errors=errors, upload_values=values)
    return render(request, "document/list.html", ctx, status_code=status)


@router.get("/cases/{case_id}/attachments/{attachment_id}/download")
def download(attachment_id: int, case: CaseDep, session: SessionDep) -> Response:
    row = attachment_service.load(session, case=case, attachment_id=attachment_id,
                                  with_content=True)
    return file_response(row.content, media_type=row.media_type, filename=row.filename,
                         outside=True)
