"""My Three Houses and the child's pictures, for other systems. Pictures are read only as the
server wrote them (`.../content`), never as they were sent."""

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Response, UploadFile, status

from app.db import SessionDep
from app.deps import CaseDep, EditableCaseDep, WriterDep, if_match
from app.models.enums import Audience, House
from app.routes.api.etag import expected_version, set_etag
from app.routes.api.mapping import item_read
from app.routes.download import file_response
from app.schemas.mapping_item import ItemRead
from app.schemas.three_houses import (
    EntryIn,
    EntryRead,
    EntryUpdate,
    PictureRead,
    PictureUpdate,
    PlaceIn,
    ThreeHousesIn,
    ThreeHousesRead,
    ThreeHousesUpdate,
)
from app.services import document as document_service
from app.services import person as person_service
from app.services import picture as picture_service
from app.services import three_houses as th_service

router = APIRouter(prefix="/cases/{case_id}", tags=["child's voice"])
IfMatch = Annotated[str | None, Depends(if_match)]
BASE = "/children/{child_id}/three-houses"


@router.get(BASE, response_model=list[ThreeHousesRead])
def list_sessions(child_id: int, case: CaseDep, session: SessionDep) -> list[ThreeHousesRead]:
    """The child's My Three Houses sessions, latest first, with their words and pictures."""
    child = person_service.load_child(session, case=case, child_id=child_id)
    return [th_service.read(session, th)
            for th in th_service.list_for_child(session, case=case, child=child)]


@router.post(BASE, status_code=status.HTTP_201_CREATED, response_model=ThreeHousesRead)
def add_session(child_id: int, data: ThreeHousesIn, case: EditableCaseDep,
                principal: WriterDep, session: SessionDep,
                response: Response) -> ThreeHousesRead:
    """Record a session: the child's words in each house (kept exactly as written) and who
    they agreed may see each house (`sharing`; an empty list is nobody yet)."""
    child = person_service.load_child(session, case=case, child_id=child_id)
    th = th_service.create(session, case=case, child=child, data=data, actor=principal.actor)
    set_etag(response, th)
    return th_service.read(session, th)


@router.get(BASE + "/{three_houses_id}", response_model=ThreeHousesRead)
def get_session(child_id: int, three_houses_id: int, case: CaseDep, session: SessionDep,
                response: Response) -> ThreeHousesRead:
    child = person_service.load_child(session, case=case, child_id=child_id)
    th = th_service.load(session, case=case, child=child, three_houses_id=three_houses_id)
    set_etag(response, th)
    return th_service.read(session, th)


@router.patch(BASE + "/{three_houses_id}", response_model=ThreeHousesRead)
def change_session(child_id: int, three_houses_id: int, data: ThreeHousesUpdate,
                   case: EditableCaseDep, principal: WriterDep, session: SessionDep,
                   response: Response, if_match: IfMatch) -> ThreeHousesRead:
    """Change the details or the child's say on sharing. `If-Match` is its ETag."""
    child = person_service.load_child(session, case=case, child_id=child_id)
    th = th_service.load(session, case=case, child=child, three_houses_id=three_houses_id)
    version = expected_version(if_match, th)
    th = th_service.update(session, case=case, child=child, th=th, data=data,
                           expected_version=version, actor=principal.actor)
    set_etag(response, th)
    return th_service.read(session, th)


def _entry_read(session: SessionDep, entry_id: int, entry: object) -> EntryRead:
    where = th_service.placed(session, [entry_id])
    return EntryRead.model_validate({
        **{k: getattr(entry, k) for k in ("id", "house", "words", "version")},
        "placed": [vars(p) for p in where.get(entry_id, [])]})


@router.post(BASE + "/{three_houses_id}/entries", status_code=status.HTTP_201_CREATED,
             response_model=EntryRead)
def add_entry(child_id: int, three_houses_id: int, data: EntryIn, case: EditableCaseDep,
              principal: WriterDep, session: SessionDep, response: Response) -> EntryRead:
    child = person_service.load_child(session, case=case, child_id=child_id)
    th = th_service.load(session, case=case, child=child, three_houses_id=three_houses_id)
    entry = th_service.add_entry(session, case=case, child=child, th=th, data=data,
                                 actor=principal.actor)
    set_etag(response, entry)
    return _entry_read(session, entry.id, entry)


@router.patch(BASE + "/{three_houses_id}/entries/{entry_id}", response_model=EntryRead)
def change_entry(child_id: int, three_houses_id: int, entry_id: int, data: EntryUpdate,
                 case: EditableCaseDep, principal: WriterDep, session: SessionDep,
                 response: Response, if_match: IfMatch) -> EntryRead:
    """Correct a mistake in the record of what the child said. `If-Match` is its ETag."""
    child = person_service.load_child(session, case=case, child_id=child_id)
    th = th_service.load(session, case=case, child=child, three_houses_id=three_houses_id)
    entry = th_service.load_entry(session, th, entry_id)
    version = expected_version(if_match, entry)
    entry = th_service.change_entry(session, case=case, child=child, entry=entry,
                                    words=data.words, expected_version=version,
                                    actor=principal.actor)
    set_etag(response, entry)
    return _entry_read(session, entry.id, entry)


@router.post(BASE + "/{three_houses_id}/entries/{entry_id}/remove",
             status_code=status.HTTP_204_NO_CONTENT)
def remove_entry(child_id: int, three_houses_id: int, entry_id: int, case: EditableCaseDep,
                 principal: WriterDep, session: SessionDep, if_match: IfMatch) -> Response:
    child = person_service.load_child(session, case=case, child_id=child_id)
    th = th_service.load(session, case=case, child=child, three_houses_id=three_houses_id)
    entry = th_service.load_entry(session, th, entry_id)
    version = expected_version(if_match, entry)
    th_service.remove_entry(session, case=case, child=child, entry=entry,
                            expected_version=version, actor=principal.actor)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(BASE + "/{three_houses_id}/entries/{entry_id}/place",
             status_code=status.HTTP_201_CREATED, response_model=ItemRead)
def place_entry(child_id: int, three_houses_id: int, entry_id: int, data: PlaceIn,
                case: EditableCaseDep, principal: WriterDep, session: SessionDep,
                response: Response) -> ItemRead:
    """Put the child's words into the case's current (draft) mapping, in the house's column;
    the new item's `voice_entry_id` names this entry."""
    child = person_service.load_child(session, case=case, child_id=child_id)
    th = th_service.load(session, case=case, child=child, three_houses_id=three_houses_id)
    entry = th_service.load_entry(session, th, entry_id)
    item = th_service.place(session, case=case, child=child, th=th, entry=entry,
                            category=data.category, actor=principal.actor)
    set_etag(response, item)
    return item_read(item)


@router.post(BASE + "/{three_houses_id}/pictures", status_code=status.HTTP_201_CREATED,
             response_model=PictureRead)
async def add_picture(
    child_id: int, three_houses_id: int, case: EditableCaseDep, principal: WriterDep,
    session: SessionDep, response: Response,
    picture: Annotated[UploadFile | None, File(description="A photo or scan: JPEG, PNG or "
                                                           "HEIC.")] = None,
    strokes: Annotated[str | None, Form(description="Or a drawing: JSON, a list of "
                                                    "{colour, points: [[x, y], ...]} on a "
                                                    "1000 x 750 grid.")] = None,
    house: Annotated[House | None, Form()] = None,
    caption: Annotated[str | None, Form(max_length=200)] = None,
    sharing: Annotated[list[Audience] | None, Form()] = None,
    asked_by: Annotated[str | None, Form(max_length=200)] = None,
) -> PictureRead:
    """Keep a picture by the child (multipart form): an upload, decoded and written again
    without its metadata, or a drawing sent as strokes and rendered by the server."""
    child = person_service.load_child(session, case=case, child_id=child_id)
    th = th_service.load(session, case=case, child=child, three_houses_id=three_houses_id)
    # The body was bounded before it was read (app.middleware: the upload limit).
    data = await picture.read() if picture is not None else None
    p = picture_service.add(session, case=case, child=child, th=th, house=house,
                            caption=caption, sharing=sharing or [], asked_by=asked_by,
                            actor=principal.actor, data=data,
                            strokes=strokes if picture is None else None)
    set_etag(response, p)
    return picture_service.read(p)


@router.get("/pictures/{picture_id}", response_model=PictureRead)
def get_picture(picture_id: int, case: CaseDep, session: SessionDep,
                response: Response) -> PictureRead:
    p = picture_service.load(session, case=case, picture_id=picture_id)
    set_etag(response, p)
    return picture_service.read(p)


@router.get("/pictures/{picture_id}/content", response_class=Response,
            responses={200: {"content": {"image/png": {}, "image/jpeg": {}}}})
def picture_content(picture_id: int, case: CaseDep, session: SessionDep) -> Response:
    """The picture as the server wrote it (PNG or JPEG)."""
    p = picture_service.load(session, case=case, picture_id=picture_id, with_content=True)
    ext = "png" if p.media_type == "image/png" else "jpg"
    return file_response(p.content, media_type=p.media_type, filename=f"picture-{p.id}.{ext}",
                         disposition="inline", outside=True)


@router.patch("/pictures/{picture_id}", response_model=PictureRead)
def change_picture(picture_id: int, data: PictureUpdate, case: EditableCaseDep,
                   principal: WriterDep, session: SessionDep, response: Response,
                   if_match: IfMatch) -> PictureRead:
    """Change the caption or the child's say on who may see it. `If-Match` is its ETag."""
    p = picture_service.load(session, case=case, picture_id=picture_id)
    child = person_service.load_child(session, case=case, child_id=p.child_id)
    version = expected_version(if_match, p)
    p = picture_service.update(session, case=case, child=child, p=p, data=data,
                               expected_version=version, actor=principal.actor)
    set_etag(response, p)
    return picture_service.read(p)


@router.get(BASE + "/{three_houses_id}/what-you-told-us.pdf", response_class=Response,
            responses={200: {"content": {"application/pdf": {}}}})
def child_copy(child_id: int, three_houses_id: int, case: CaseDep,
               session: SessionDep) -> Response:
    """The child's own copy (tagged PDF/UA): their words and pictures that they agreed
    their family may see, in large type."""
    child = person_service.load_child(session, case=case, child_id=child_id)
    th = th_service.load(session, case=case, child=child, three_houses_id=three_houses_id)
    rendered = document_service.what_you_told_us(session, case, child, th)
    return file_response(rendered.content, media_type="application/pdf",
                         filename=rendered.filename, disposition="inline")
