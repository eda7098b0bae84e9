"""A child's pictures in the browser: kept from an upload or a drawing made on the page,
shown only as the server wrote them, with the child's say on who may see each one."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from app.db import SessionDep, discard
from app.deps import CaseDep, EditableCaseDep, PrincipalDep
from app.errors import DomainError, FieldError, Invalid
from app.models.enums import VoiceTool
from app.models.voice import VoiceSession
from app.routes.download import picture_response
from app.routes.ui.case import see_other
from app.routes.ui.forms import FormErrors, hidden_int, text
from app.routes.ui.voice import chosen, page_ctx, part_of, session_url
from app.schemas.voice import PictureUpdate
from app.services import person as person_service
from app.services import picture as picture_service
from app.services import voice as voice_service
from app.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/cases/{case_id}/pictures/{picture_id}")
def picture_content(picture_id: int, case: CaseDep, session: SessionDep) -> Response:
    """The picture as the server wrote it."""
    p = picture_service.load(session, case=case, picture_id=picture_id, with_content=True)
    return picture_response(p)


def _add_picture(tool: VoiceTool) -> Callable[..., Awaitable[Response]]:
    async def add_picture(request: Request, case: EditableCaseDep, child_id: int,
                          session_id: int, principal: PrincipalDep,
                          session: SessionDep) -> Response:
        """Keep a picture for a session: an upload or a drawing made on the page."""
        child = person_service.load_child(session, case=case, child_id=child_id)
        vs = voice_service.load(session, case=case, child=child, tool=tool,
                                session_id=session_id)
        form = await request.form()
        sent = form.get("picture")
        strokes = text(form, "strokes")
        data = await sent.read() if isinstance(sent, UploadFile) and sent.filename else None
        raw_part = text(form, "part")
        caption, asked_by = text(form, "caption"), text(form, "picture_asked_by")
        errors = FormErrors()
        status = 422
        if raw_part is not None and part_of(vs, raw_part) is None:
            errors["part"] = "Choose a part of this session, or none"
        if caption and len(caption) > 200:
            errors["caption"] = "Say what it shows in 200 characters or fewer"
        if asked_by and len(asked_by) > 200:
            errors["picture_asked_by"] = "Enter a name of 200 characters or fewer"
        if not errors:
            try:
                p = picture_service.add(
                    session, case=case, child=child, vs=vs, part=part_of(vs, raw_part),
                    caption=caption, sharing=chosen(form, "share"), asked_by=asked_by,
                    actor=principal.actor,
                    data=data if data is not None or strokes is None else None,
                    strokes=strokes if data is None else None)
            except DomainError as exc:
                status = errors.add_domain(exc, names={"asked_by": "picture_asked_by",
                                                       "strokes": "picture"})
            else:
                return see_other(request, session_url(case, child, vs) + f"#picture-{p.id}")
        discard(session)
        return render(request, "voice/page.html",
                      page_ctx(session, case, child, vs, principal, errors=errors, values={
                          "part": raw_part, "caption": caption or "",
                          "picture_asked_by": asked_by or "",
                          "share": [a.value for a in chosen(form, "share")]}),
                      status_code=status)

    return add_picture


for _tool in VoiceTool:
    router.add_api_route(
        f"/cases/{{case_id}}/children/{{child_id}}/{voice_service.SLUGS[_tool]}/"
        "{session_id}/pictures", _add_picture(_tool), methods=["POST"],
        name=f"{_tool.value}_add_picture")


@router.post("/cases/{case_id}/pictures/{picture_id}/sharing")
async def picture_sharing(request: Request, case: EditableCaseDep, picture_id: int,
                          principal: PrincipalDep, session: SessionDep) -> Response:
    p = picture_service.load(session, case=case, picture_id=picture_id)
    child = person_service.load_child(session, case=case, child_id=p.child_id)
    form = await request.form()
    version = hidden_int(form, "version")
    field = f"asked_by_{p.id}"
    asked_by = text(form, field)
    errors = FormErrors()
    status = 422
    try:
        if asked_by and len(asked_by) > 200:
            raise Invalid([FieldError(["body", "asked_by"],
                                      "Enter a name of 200 characters or fewer")])
        data = PictureUpdate(sharing=chosen(form, f"share_{p.id}"), asked_by=asked_by)
        picture_service.update(session, case=case, child=child, p=p, data=data,
                               expected_version=version, actor=principal.actor)
    except DomainError as exc:
        status = errors.add_domain(exc, field=field)
    vs = session.get(VoiceSession, p.session_id) if p.session_id else None
    if not errors:
        return see_other(request, (session_url(case, child, vs) if vs else f"/cases/{case.id}")
                         + f"#picture-{p.id}")
    discard(session)
    if vs is None:
        return see_other(request, f"/cases/{case.id}")
    return render(request, "voice/page.html",
                  page_ctx(session, case, child, vs, principal, errors=errors),
                  status_code=status)


@router.post("/cases/{case_id}/pictures/{picture_id}/remove")
async def remove_picture(request: Request, case: EditableCaseDep, picture_id: int,
                         principal: PrincipalDep, session: SessionDep) -> Response:
    """Take a picture off the record (a wrong photo); it stays in the case's history."""
    p = picture_service.load(session, case=case, picture_id=picture_id)
    child = person_service.load_child(session, case=case, child_id=p.child_id)
    form = await request.form()
    vs = session.get(VoiceSession, p.session_id) if p.session_id else None
    errors = FormErrors()
    try:
        picture_service.remove(session, case=case, child=child, p=p,
                               expected_version=hidden_int(form, "version"),
                               actor=principal.actor)
    except DomainError as exc:
        status = errors.add_domain(exc)
    else:
        back = session_url(case, child, vs) if vs else f"/cases/{case.id}"
        return see_other(request, back + "?removed=1#pictures")
    discard(session)
    if vs is None:
        return see_other(request, f"/cases/{case.id}")
    return render(request, "voice/page.html",
                  page_ctx(session, case, child, vs, principal, errors=errors),
                  status_code=status)
