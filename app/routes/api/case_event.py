"""The dated events of a child's journey (referral, assessment, section 47 enquiry, first
conference, plan reviews, closure), for other systems. Plans themselves are `statuses`."""

from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from app.db import SessionDep
from app.deps import CaseDep, StatutoryCaseDep, WriterDep, if_match
from app.routes.api.etag import expected_version, set_etag
from app.schemas.case_event import CaseEventIn, CaseEventProposal, CaseEventRead, CaseEventUpdate
from app.services import case_event as event_service
from app.services import person as person_service

router = APIRouter(prefix="/cases/{case_id}/children/{child_id}", tags=["statutory record"])
IfMatch = Annotated[str | None, Depends(if_match)]


@router.get("/events", response_model=list[CaseEventRead])
def list_events(child_id: int, case: CaseDep, session: SessionDep,
                withdrawn: bool = False) -> list[CaseEventRead]:
    """The child's events in the order they happened; `withdrawn=true` includes those taken
    off."""
    child = person_service.load_child(session, case=case, child_id=child_id)
    return [event_service.read(e) for e in
            event_service.for_child(session, case=case, child=child, withdrawn=withdrawn)]


@router.get("/event-proposals", response_model=list[CaseEventProposal])
def list_proposals(child_id: int, case: CaseDep, session: SessionDep) -> list[CaseEventProposal]:
    """Events the record already shows and nobody has recorded yet (a signed-off assessment
    mapping, a conference mapping...). POST one to `events` to record it."""
    child = person_service.load_child(session, case=case, child_id=child_id)
    return event_service.proposals(session, case=case, child=child)


@router.post("/events", status_code=status.HTTP_201_CREATED, response_model=CaseEventRead)
def add_event(child_id: int, data: CaseEventIn, case: StatutoryCaseDep, principal: WriterDep,
              session: SessionDep, response: Response) -> CaseEventRead:
    """Record an event. Codes are the census's (app/data/cin/codes.json). Refused with the
    reason on the field: before the child's birth (except a referral, assessment, enquiry or
    conference before a baby is born), a second open referral, a closure with a plan open."""
    child = person_service.load_child(session, case=case, child_id=child_id)
    row = event_service.add(session, case=case, child=child, data=data, actor=principal.actor)
    set_etag(response, row)
    return event_service.read(row)


@router.get("/events/{event_id}", response_model=CaseEventRead)
def get_event(child_id: int, event_id: int, case: CaseDep, session: SessionDep,
              response: Response) -> CaseEventRead:
    child = person_service.load_child(session, case=case, child_id=child_id)
    row = event_service.load(session, case=case, child=child, event_id=event_id)
    set_etag(response, row)
    return event_service.read(row)


@router.patch("/events/{event_id}", response_model=CaseEventRead)
def change_event(child_id: int, event_id: int, data: CaseEventUpdate, case: StatutoryCaseDep,
                 principal: WriterDep, session: SessionDep, response: Response,
                 if_match: IfMatch) -> CaseEventRead:
    """Change an event, for example the day an assessment was authorised. `If-Match` is its
    ETag."""
    child = person_service.load_child(session, case=case, child_id=child_id)
    row = event_service.load(session, case=case, child=child, event_id=event_id)
    version = expected_version(if_match, row)
    row = event_service.update(session, case=case, child=child, row=row, data=data,
                               expected_version=version, actor=principal.actor)
    set_etag(response, row)
    return event_service.read(row)


@router.post("/events/{event_id}/withdraw", response_model=CaseEventRead)
def withdraw_event(child_id: int, event_id: int, case: StatutoryCaseDep, principal: WriterDep,
                   session: SessionDep, response: Response, if_match: IfMatch) -> CaseEventRead:
    """Take an event recorded in error off the child's journey. It is kept, marked withdrawn.
    `If-Match` is its ETag."""
    child = person_service.load_child(session, case=case, child_id=child_id)
    row = event_service.load(session, case=case, child=child, event_id=event_id)
    version = expected_version(if_match, row)
    row = event_service.withdraw(session, case=case, child=child, row=row,
                                 expected_version=version, actor=principal.actor)
    set_etag(response, row)
    return event_service.read(row)
