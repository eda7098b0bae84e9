"""The child's voice (My Three Houses at .../three-houses, the Safety House at
.../safety-house) and the child's pictures, for other systems. Pictures are read only as the
server wrote them (`.../content`), never as they were sent."""

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Query, Response, UploadFile, status
from sqlalchemy.orm import Session

from app.db import SessionDep
from app.deps import CaseDep, EditableCaseDep, WriterDep, if_match
from app.models.case import Case
from app.models.enums import Audience, VoicePart, VoiceTool
from app.models.person import Person
from app.models.voice import VoiceEntry, VoiceSession
from app.routes.api.etag import expected_version, set_etag
from app.routes.api.mapping import item_read
from app.routes.download import picture_response, shown_pdf
from app.schemas.mapping_item import ItemRead
from app.schemas.voice import (
    EntryIn,
    EntryRead,
    EntryUpdate,
    PictureRead,
    PictureUpdate,
    PlacedRead,
    PlaceIn,
    VoiceSessionIn,
    VoiceSessionRead,
    VoiceSessionUpdate,
)
from app.services import person as person_service
from app.services import picture as picture_service
from app.services import voice as voice_service
from app.services import voice_document, voice_mapping

IfMatch = Annotated[str | None, Depends(if_match)]
picture_router = APIRouter(prefix="/cases/{case_id}/pictures", tags=["child's voice"])


def _entry_read(session: Session, entry: VoiceEntry) -> EntryRead:
    where = voice_mapping.placed(session, [entry.id])
    return EntryRead(id=entry.id, part=entry.part, words=entry.words, version=entry.version,
                     placed=[PlacedRead(**vars(p)) for p in where.get(entry.id, [])])


def tool_router(tool: VoiceTool) -> APIRouter:
    """The same resources for each tool, under its own address."""
    name = voice_service.TOOLS[tool]
    router = APIRouter(prefix=f"/cases/{{case_id}}/children/{{child_id}}/"
                              f"{voice_service.SLUGS[tool]}", tags=["child's voice"])

    def load(session: Session, case: Case, child_id: int,
             session_id: int) -> tuple[Person, VoiceSession]:
        child = person_service.load_child(session, case=case, child_id=child_id)
        return child, voice_service.load(session, case=case, child=child, tool=tool,
                                         session_id=session_id)

    @router.get("", response_model=list[VoiceSessionRead], name=f"list_{tool.value}")
    def list_sessions(child_id: int, case: CaseDep,
                      session: SessionDep) -> list[VoiceSessionRead]:
        child = person_service.load_child(session, case=case, child_id=child_id)
        return [voice_service.read(session, vs) for vs in
                voice_service.list_for_child(session, case=case, child=child, tool=tool)]

    @router.post("", status_code=status.HTTP_201_CREATED, response_model=VoiceSessionRead,
                 name=f"add_{tool.value}")
    def add_session(child_id: int, data: VoiceSessionIn, case: EditableCaseDep,
                    principal: WriterDep, session: SessionDep,
                    response: Response) -> VoiceSessionRead:
        child = person_service.load_child(session, case=case, child_id=child_id)
        vs = voice_service.create(session, case=case, child=child, tool=tool, data=data,
                                  actor=principal.actor)
        set_etag(response, vs)
        return voice_service.read(session, vs)

    add_session.__doc__ = (f"Record a {name} session: the child's words in each part (kept "
                           "exactly as written) and who they agreed may see each part.")

    @router.get("/{session_id}", response_model=VoiceSessionRead, name=f"get_{tool.value}")
    def get_session(child_id: int, session_id: int, case: CaseDep, session: SessionDep,
                    response: Response) -> VoiceSessionRead:
        _, vs = load(session, case, child_id, session_id)
        set_etag(response, vs)
        return voice_service.read(session, vs)

    @router.patch("/{session_id}", response_model=VoiceSessionRead,
                  name=f"change_{tool.value}")
    def change_session(child_id: int, session_id: int, data: VoiceSessionUpdate,
                       case: EditableCaseDep, principal: WriterDep, session: SessionDep,
                       response: Response, if_match: IfMatch) -> VoiceSessionRead:
        """Change the details, the scale, or the child's say on sharing. `If-Match` is its
        ETag."""
        child, vs = load(session, case, child_id, session_id)
        version = expected_version(if_match, vs)
        vs = voice_service.update(session, case=case, child=child, vs=vs, data=data,
                                  expected_version=version, actor=principal.actor)
        set_etag(response, vs)
        return voice_service.read(session, vs)

    @router.post("/{session_id}/entries", status_code=status.HTTP_201_CREATED,
                 response_model=EntryRead, name=f"add_{tool.value}_entry")
    def add_entry(child_id: int, session_id: int, data: EntryIn, case: EditableCaseDep,
                  principal: WriterDep, session: SessionDep, response: Response) -> EntryRead:
        child, vs = load(session, case, child_id, session_id)
        entry = voice_service.add_entry(session, case=case, child=child, vs=vs, data=data,
                                        actor=principal.actor)
        set_etag(response, entry)
        return _entry_read(session, entry)

    @router.patch("/{session_id}/entries/{entry_id}", response_model=EntryRead,
                  name=f"change_{tool.value}_entry")
    def change_entry(child_id: int, session_id: int, entry_id: int, data: EntryUpdate,
                     case: EditableCaseDep, principal: WriterDep, session: SessionDep,
                     response: Response, if_match: IfMatch) -> EntryRead:
        """Correct a mistake in the record of what the child said. `If-Match` is its ETag."""
        child, vs = load(session, case, child_id, session_id)
        entry = voice_service.load_entry(session, vs, entry_id)
        version = expected_version(if_match, entry)
        entry = voice_service.change_entry(session, case=case, child=child, entry=entry,
                                           words=data.words, expected_version=version,
                                           actor=principal.actor)
        set_etag(response, entry)
        return _entry_read(session, entry)

    @router.post("/{session_id}/entries/{entry_id}/remove",
                 status_code=status.HTTP_204_NO_CONTENT, name=f"remove_{tool.value}_entry")
    def remove_entry(child_id: int, session_id: int, entry_id: int, case: EditableCaseDep,
                     principal: WriterDep, session: SessionDep, if_match: IfMatch) -> Response:
        child, vs = load(session, case, child_id, session_id)
        entry = voice_service.load_entry(session, vs, entry_id)
        version = expected_version(if_match, entry)
        voice_service.remove_entry(session, case=case, child=child, entry=entry,
                                   expected_version=version, actor=principal.actor)
        return Response(status_code=status.HTTP_204_NO_CONTENT)

    @router.post("/{session_id}/entries/{entry_id}/place",
                 status_code=status.HTTP_201_CREATED, response_model=ItemRead,
                 name=f"place_{tool.value}_entry")
    def place_entry(child_id: int, session_id: int, entry_id: int, data: PlaceIn,
                    case: EditableCaseDep, principal: WriterDep, session: SessionDep,
                    response: Response) -> ItemRead:
        """Put the child's words into the case's current (draft) mapping, in the part's
        column; the new item's `voice_entry_id` names this entry."""
        child, vs = load(session, case, child_id, session_id)
        entry = voice_service.load_entry(session, vs, entry_id)
        item = voice_mapping.place(session, case=case, child=child, vs=vs, entry=entry,
                                   category=data.category, actor=principal.actor)
        set_etag(response, item)
        return item_read(item)

    @router.post("/{session_id}/pictures", status_code=status.HTTP_201_CREATED,
                 response_model=PictureRead, name=f"add_{tool.value}_picture")
    async def add_picture(
        child_id: int, session_id: int, case: EditableCaseDep, principal: WriterDep,
        session: SessionDep, response: Response,
        picture: Annotated[UploadFile | None, File(description="A photo or scan: JPEG, PNG "
                                                               "or HEIC.")] = None,
        strokes: Annotated[str | None, Form(description="Or a drawing: JSON, a list of "
                                                        "{colour, points: [[x, y], ...]} on "
                                                        "a 1000 x 750 grid.")] = None,
        part: Annotated[VoicePart | None, Form()] = None,
        caption: Annotated[str | None, Form(max_length=200)] = None,
        sharing: Annotated[list[Audience] | None, Form()] = None,
        asked_by: Annotated[str | None, Form(max_length=200)] = None,
    ) -> PictureRead:
        """Keep a picture by the child (multipart form): an upload, decoded and written
        again without its metadata, or a drawing sent as strokes and drawn by the server."""
        child, vs = load(session, case, child_id, session_id)
        # The body was bounded before it was read (app.middleware: the upload limit).
        data = await picture.read() if picture is not None else None
        p = picture_service.add(session, case=case, child=child, vs=vs, part=part,
                                caption=caption, sharing=sharing or [], asked_by=asked_by,
                                actor=principal.actor, data=data,
                                strokes=strokes if picture is None else None)
        set_etag(response, p)
        return picture_service.read(p)

    @router.get("/{session_id}/what-you-told-us.pdf", response_class=Response,
                responses={200: {"content": {"application/pdf": {}}}},
                name=f"{tool.value}_child_copy")
    def child_copy(child_id: int, session_id: int, case: CaseDep,
                   session: SessionDep,
                   language: Annotated[str, Query(max_length=35, description="`en` or `cy`: "
                                                  "the fixed words' language.")] = "en"
                   ) -> Response:
        """The child's own copy (tagged PDF/UA): their words and pictures that they agreed
        their family may see, in large type. The child's words are as they said them."""
        child, vs = load(session, case, child_id, session_id)
        rendered = voice_document.render(session, case, child, vs,
                                                     language=language)
        return shown_pdf(rendered.content, rendered.filename)

    return router


routers = [tool_router(t) for t in VoiceTool]


@picture_router.get("/{picture_id}", response_model=PictureRead)
def get_picture(picture_id: int, case: CaseDep, session: SessionDep,
                response: Response) -> PictureRead:
    p = picture_service.load(session, case=case, picture_id=picture_id)
    set_etag(response, p)
    return picture_service.read(p)


@picture_router.get("/{picture_id}/content", response_class=Response,
                    responses={200: {"content": {"image/png": {}, "image/jpeg": {}}}})
def picture_content(picture_id: int, case: CaseDep, session: SessionDep) -> Response:
    """The picture as the server wrote it (PNG or JPEG)."""
    p = picture_service.load(session, case=case, picture_id=picture_id, with_content=True)
    return picture_response(p)


@picture_router.patch("/{picture_id}", response_model=PictureRead)
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


@picture_router.post("/{picture_id}/remove", status_code=status.HTTP_204_NO_CONTENT)
def remove_picture(picture_id: int, case: EditableCaseDep, principal: WriterDep,
                   session: SessionDep, if_match: IfMatch) -> Response:
    """Take a picture off the record (a wrong photo): it stays in the history, never shown
    again. `If-Match` is its ETag."""
    p = picture_service.load(session, case=case, picture_id=picture_id)
    child = person_service.load_child(session, case=case, child_id=p.child_id)
    version = expected_version(if_match, p)
    picture_service.remove(session, case=case, child=child, p=p, expected_version=version,
                           actor=principal.actor)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
