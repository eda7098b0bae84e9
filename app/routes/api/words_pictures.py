"""Words and Pictures, for other systems: storyboards (each version kept), their panels with
pictures, who each was explained to, and the booklet."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Response, UploadFile, status

from app.db import SessionDep
from app.deps import CaseDep, EditableCaseDep, WriterDep, if_match
from app.routes.api.document import LanguageQuery
from app.routes.api.etag import expected_version, set_etag
from app.routes.api.plain_language import readability_read
from app.routes.download import panel_picture, shown_pdf
from app.schemas.document import DocumentRead, LanguageIssueIn
from app.schemas.readability import ReadabilityRead
from app.schemas.words_pictures import (
    ExplanationIn,
    ExplanationRead,
    PanelIn,
    PanelRead,
    PanelUpdate,
    StoryboardIn,
    StoryboardRead,
)
from app.services import words_pictures as wp
from app.services import words_pictures_document

router = APIRouter(prefix="/cases/{case_id}/words-and-pictures", tags=["words and pictures"])
IfMatch = Annotated[str | None, Depends(if_match)]


@router.get("", response_model=list[StoryboardRead])
def list_boards(case: CaseDep, session: SessionDep) -> list[StoryboardRead]:
    """Every version, newest first."""
    return [wp.read(session, board=b) for b in wp.boards(session, case=case)]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=StoryboardRead)
def start(data: StoryboardIn, case: EditableCaseDep, principal: WriterDep, session: SessionDep,
          response: Response) -> StoryboardRead:
    board = wp.create(session, case=case, data=data, actor=principal.actor)
    set_etag(response, board)
    return wp.read(session, board=board)


@router.get("/{board_id}", response_model=StoryboardRead)
def get_board(board_id: int, case: CaseDep, session: SessionDep,
              response: Response) -> StoryboardRead:
    board = wp.load(session, case=case, board_id=board_id)
    set_etag(response, board)
    return wp.read(session, board=board)


@router.post("/{board_id}/panels", status_code=status.HTTP_201_CREATED,
             response_model=PanelRead)
async def add_panel(
    board_id: int, case: EditableCaseDep, principal: WriterDep, session: SessionDep,
    response: Response,
    words: Annotated[str, Form(max_length=20_000, description="Written to the child.")],
    picture: Annotated[UploadFile | None, File(description="A photo of the hand-drawn "
                                                           "page: JPEG, PNG or HEIC.")] = None,
    strokes: Annotated[str | None, Form(description="Or a drawing: JSON, a list of {colour, "
                                                    "points: [[x, y], ...]} on a 1000 x 750 "
                                                    "grid.")] = None,
    picture_id: Annotated[int | None, Form(ge=1, description="Or one of the children's own "
                                                             "pictures.")] = None,
) -> PanelRead:
    """Add a panel at the end (multipart form)."""
    board = wp.load(session, case=case, board_id=board_id)
    # The body was bounded before it was read (app.middleware: the upload limit).
    data = await picture.read() if picture is not None else None
    panel = wp.add_panel(session, case=case, board=board, actor=principal.actor, upload=data,
                         strokes=strokes if strokes and picture is None else None,
                         data=PanelIn.model_construct(words=words, picture_id=picture_id))
    set_etag(response, panel)
    return next(p for p in wp.read(session, board=board).panels if p.id == panel.id)


@router.patch("/{board_id}/panels/{panel_id}", response_model=PanelRead)
def change_panel(board_id: int, panel_id: int, data: PanelUpdate, case: EditableCaseDep,
                 principal: WriterDep, session: SessionDep, response: Response,
                 if_match: IfMatch) -> PanelRead:
    """Its words, or its place (`position`). `If-Match` is the panel's ETag."""
    board = wp.load(session, case=case, board_id=board_id)
    panel = wp.load_panel(session, board=board, panel_id=panel_id)
    version = expected_version(if_match, panel)
    panel = wp.update_panel(session, case=case, board=board, panel=panel, data=data,
                            expected_version=version, actor=principal.actor)
    set_etag(response, panel)
    return next(p for p in wp.read(session, board=board).panels if p.id == panel.id)


@router.post("/{board_id}/panels/{panel_id}/remove", status_code=status.HTTP_204_NO_CONTENT)
def remove_panel(board_id: int, panel_id: int, case: EditableCaseDep, principal: WriterDep,
                 session: SessionDep, if_match: IfMatch) -> Response:
    board = wp.load(session, case=case, board_id=board_id)
    panel = wp.load_panel(session, board=board, panel_id=panel_id)
    version = expected_version(if_match, panel)
    wp.remove_panel(session, case=case, board=board, panel=panel, expected_version=version,
                    actor=principal.actor)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/{board_id}/panels/{panel_id}/picture", response_class=Response,
            responses={200: {"content": {"image/png": {}, "image/jpeg": {}}}})
def get_panel_picture(board_id: int, panel_id: int, case: CaseDep,
                      session: SessionDep) -> Response:
    return panel_picture(session, case, board_id, panel_id)


@router.post("/{board_id}/explanations", status_code=status.HTTP_201_CREATED,
             response_model=ExplanationRead)
def explain(board_id: int, data: ExplanationIn, case: EditableCaseDep, principal: WriterDep,
            session: SessionDep) -> ExplanationRead:
    """It was explained to a child: when, by whom, how."""
    board = wp.load(session, case=case, board_id=board_id)
    row = wp.explain(session, case=case, board=board, data=data, actor=principal.actor)
    return ExplanationRead.model_validate(row)


@router.post("/{board_id}/new-version", status_code=status.HTTP_201_CREATED,
             response_model=StoryboardRead)
def new_version(board_id: int, case: EditableCaseDep, principal: WriterDep,
                session: SessionDep, response: Response, if_match: IfMatch) -> StoryboardRead:
    """The next version with the same panels; this one kept as it was. `If-Match` is its
    ETag."""
    board = wp.load(session, case=case, board_id=board_id)
    version = expected_version(if_match, board)
    new = wp.new_version(session, case=case, board=board, expected_version=version,
                         actor=principal.actor)
    set_etag(response, new)
    return wp.read(session, board=new)


@router.get("/{board_id}/booklet.pdf", response_class=Response,
            responses={200: {"content": {"application/pdf": {}}}})
def booklet(board_id: int, case: CaseDep, session: SessionDep,
            language: LanguageQuery = "en") -> Response:
    """The booklet for the family (tagged PDF/UA): a panel to a page, pictures large; in
    `language`, with the translators' words where there are any."""
    board = wp.load(session, case=case, board_id=board_id)
    rendered = words_pictures_document.render(session, case, board, language=language)
    return shown_pdf(rendered.content, rendered.filename)


@router.get("/{board_id}/readability", response_model=ReadabilityRead)
def booklet_readability(board_id: int, case: CaseDep, session: SessionDep) -> ReadabilityRead:
    """The plain words check of the booklet, as `issue` will apply it: each panel with
    something to change. When `reason_needed`, issuing needs `readability_reason`."""
    board = wp.load(session, case=case, board_id=board_id)
    return readability_read(words_pictures_document.check(session, case, board))


@router.post("/{board_id}/issue", status_code=status.HTTP_201_CREATED,
             response_model=DocumentRead)
def issue_booklet(board_id: int, data: LanguageIssueIn, case: EditableCaseDep, principal: WriterDep,
                  session: SessionDep, response: Response) -> DocumentRead:
    """Make the booklet and record it as handed to `issued_to` (the documents register
    keeps the exact bytes)."""
    board = wp.load(session, case=case, board_id=board_id)
    doc = words_pictures_document.issue(session, case=case, board=board,
                                        issued_to=data.issued_to, actor=principal.actor,
                                        readability_reason=data.readability_reason,
                                        language=data.language)
    response.headers["Location"] = f"/api/v1/cases/{case.id}/documents/{doc.id}"
    return DocumentRead.model_validate(doc)
