"""Case notes and visits, for other systems."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from app.db import SessionDep
from app.deps import CaseDep, EditableCaseDep, WriterDep, if_match
from app.models.enums import NoteKind
from app.routes.api.etag import expected_version, set_etag
from app.schemas.case_note import CaseNoteCreate, CaseNoteRead, CaseNoteUpdate
from app.services import case_note as note_service

router = APIRouter(prefix="/cases/{case_id}/notes", tags=["notes and visits"])
IfMatch = Annotated[str | None, Depends(if_match)]


@router.get("", response_model=list[CaseNoteRead])
def list_notes(case: CaseDep, session: SessionDep,
               kind: Annotated[NoteKind | None, Query()] = None,
               child_id: Annotated[int | None, Query(ge=1)] = None) -> list[CaseNoteRead]:
    """The case's notes and visits, newest first. `kind` keeps one kind; `child_id` keeps the
    notes about that child and those about the whole family (naming no child)."""
    notes = note_service.list_for_case(session, case=case, kind=kind, child_id=child_id)
    return note_service.read_many(session, case=case, notes=notes)


@router.post("", status_code=status.HTTP_201_CREATED, response_model=CaseNoteRead)
def create_note(data: CaseNoteCreate, case: EditableCaseDep, principal: WriterDep,
                session: SessionDep, response: Response) -> CaseNoteRead:
    """Record a visit, phone call, meeting or other contact. For a visit, `children` says who
    was `seen` and `seen_alone` (seen alone needs seen). `item_ids` are mapping items on this
    case the contact is evidence for. Visits, and notes marked `significant`, appear in the
    children's chronologies."""
    note = note_service.create(session, case=case, data=data, actor=principal.actor)
    response.headers["Location"] = f"/api/v1/cases/{case.id}/notes/{note.id}"
    set_etag(response, note)
    return note_service.read(session, case=case, note=note)


@router.get("/{note_id}", response_model=CaseNoteRead)
def get_note(note_id: int, case: CaseDep, session: SessionDep,
             response: Response) -> CaseNoteRead:
    """One note. Keep the `ETag` for `If-Match`."""
    note = note_service.load(session, case=case, note_id=note_id)
    set_etag(response, note)
    return note_service.read(session, case=case, note=note)


@router.patch("/{note_id}", response_model=CaseNoteRead)
def update_note(note_id: int, data: CaseNoteUpdate, case: EditableCaseDep,
                principal: WriterDep, session: SessionDep, response: Response,
                if_match: IfMatch) -> CaseNoteRead:
    """Change some fields (`children` and `item_ids` replace the lists when sent). `If-Match`
    is required; a stale one gets 412 and changes nothing. Only the note's author or the team
    manager may change a note written in the browser. Notes are never deleted; every change
    is kept in the case's history."""
    note = note_service.load(session, case=case, note_id=note_id)
    version = expected_version(if_match, note)
    note = note_service.update(session, case=case, note=note, data=data,
                               expected_version=version, principal=principal)
    set_etag(response, note)
    return note_service.read(session, case=case, note=note)
