"""What applies to one child, for other systems."""

from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from app.db import SessionDep
from app.deps import CaseDep, StatutoryCaseDep, WriterDep, if_match
from app.routes.api.etag import expected_version, set_etag
from app.schemas.child_status import ChildStatusEnd, ChildStatusIn, ChildStatusRead
from app.services import child_status as status_service
from app.services import person as person_service

router = APIRouter(prefix="/cases/{case_id}/children/{child_id}/statuses", tags=["people"])
IfMatch = Annotated[str | None, Depends(if_match)]


@router.get("", response_model=list[ChildStatusRead])
def list_statuses(child_id: int, case: CaseDep, session: SessionDep) -> list[ChildStatusRead]:
    """What applies to the child, latest first, with `current` for today."""
    child = person_service.load_child(session, case=case, child_id=child_id)
    return [status_service.read(r)
            for r in status_service.for_child(session, case=case, child=child)]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ChildStatusRead)
def add_status(child_id: int, data: ChildStatusIn, case: StatutoryCaseDep,
               principal: WriterDep, session: SessionDep,
               response: Response) -> ChildStatusRead:
    """Record a child in need plan, a child protection plan (with its `category`) or being
    looked after, from `starts_on` (to `ends_on`, if known). Two of the same kind may not
    overlap."""
    child = person_service.load_child(session, case=case, child_id=child_id)
    row = status_service.add(session, case=case, child=child, data=data,
                             actor=principal.actor)
    set_etag(response, row)
    return status_service.read(row)


@router.post("/{status_id}/end", response_model=ChildStatusRead)
def end_status(child_id: int, status_id: int, data: ChildStatusEnd, case: StatutoryCaseDep,
               principal: WriterDep, session: SessionDep, response: Response,
               if_match: IfMatch) -> ChildStatusRead:
    """Record the last day it applied. `If-Match` is its ETag."""
    child = person_service.load_child(session, case=case, child_id=child_id)
    row = status_service.load(session, case=case, child=child, status_id=status_id)
    version = expected_version(if_match, row)
    row = status_service.end(session, case=case, child=child, row=row, ends_on=data.ends_on,
                             expected_version=version, actor=principal.actor)
    set_etag(response, row)
    return status_service.read(row)
