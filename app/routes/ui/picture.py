"""A child's pictures in the browser: kept from an upload or a drawing made on the page,
shown only as the server wrote them, with the child's say on who may see each one."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from app.db import SessionDep, discard
from app.deps import CaseDep, EditableCaseDep, PrincipalDep
from app.errors import DomainError, FieldError, Invalid, page_status
from app.models.enums import House
from app.routes.download import file_response
from app.routes.ui.case import see_other
from app.routes.ui.forms import FormErrors, hidden_int, text
from app.routes.ui.three_houses import BASE, chosen, page_ctx, session_url
from app.schemas.three_houses import PictureUpdate
from app.services import person as person_service
from app.services import picture as picture_service
from app.services import three_houses as th_service
from app.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/cases/{case_id}/pictures/{picture_id}")
def picture_content(picture_id: int, case: CaseDep, session: SessionDep) -> Response:
    """The picture as the server wrote it."""
    p = picture_service.load(session, case=case, picture_id=picture_id, with_content=True)
    ext = "png" if p.media_type == "image/png" else "jpg"
    return file_response(p.content, media_type=p.media_type, filename=f"picture-{p.id}.{ext}",
                         disposition="inline", outside=True)


@router.post(BASE + "/{three_houses_id}/pictures")
async def add_picture(request: Request, case: EditableCaseDep, child_id: int,
                      three_houses_id: int, principal: PrincipalDep,
                      session: SessionDep) -> Response:
    child = person_service.load_child(session, case=case, child_id=child_id)
    th = th_service.load(session, case=case, child=child, three_houses_id=three_houses_id)
    form = await request.form()
    sent = form.get("picture")
    strokes = text(form, "strokes")
    data = await sent.read() if isinstance(sent, UploadFile) and sent.filename else None
    house = text(form, "house")
    caption, asked_by = text(form, "caption"), text(form, "picture_asked_by")
    errors = FormErrors()
    status = 422
    if house is not None and house not in House.__members__:
        errors["house"] = "Choose one of the three houses, or none"
    if caption and len(caption) > 200:
        errors["caption"] = "Say what it shows in 200 characters or fewer"
    if asked_by and len(asked_by) > 200:
        errors["picture_asked_by"] = "Enter a name of 200 characters or fewer"
    if not errors:
        try:
            p = picture_service.add(
                session, case=case, child=child, th=th, house=House(house) if house else None,
                caption=caption, sharing=chosen(form, "share"), asked_by=asked_by,
                actor=principal.actor,
                data=data if data is not None or strokes is None else None,
                strokes=strokes if data is None else None)
        except DomainError as exc:
            for e in exc.errors:
                name = {"asked_by": "picture_asked_by", "strokes": "picture"}.get(e.field,
                                                                                  e.field)
                errors.setdefault(name or "picture", e.message)
            if not exc.errors:
                errors["form"] = exc.detail
            status = page_status(exc)
        else:
            return see_other(request, session_url(case, child, th) + f"#picture-{p.id}")
    discard(session)
    return render(request, "three_houses/page.html",
                  page_ctx(session, case, child, th, principal, errors=errors, values={
                      "house": house, "caption": caption or "",
                      "picture_asked_by": asked_by or "",
                      "share": [a.value for a in chosen(form, "share")]}),
                  status_code=status)


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
        for e in exc.errors:
            errors.setdefault(field, e.message)
        if not exc.errors:
            errors["form"] = exc.detail
        status = page_status(exc)
    else:
        back = (f"/cases/{case.id}/children/{child.id}/three-houses/{p.three_houses_id}"
                if p.three_houses_id else f"/cases/{case.id}")
        return see_other(request, back + f"#picture-{p.id}")
    discard(session)
    if p.three_houses_id is None:
        return see_other(request, f"/cases/{case.id}")
    th = th_service.load(session, case=case, child=child, three_houses_id=p.three_houses_id)
    return render(request, "three_houses/page.html",
                  page_ctx(session, case, child, th, principal, errors=errors),
                  status_code=status)
