"""Who works on a case, for other systems: the team and allocated worker, co-workers and
cover; moving the case; adding and ending a co-worker or cover."""

from typing import Annotated

from fastapi import APIRouter, Depends, Response, status
from sqlalchemy.orm import Session

from app.db import SessionDep
from app.deps import CaseDep, PrincipalDep, if_match
from app.models.case import Case
from app.routes.api.etag import expected_version, set_etag
from app.schemas.allocation import (
    AllocationEnd,
    AllocationIn,
    AllocationRead,
    CaseAllocationRead,
    TransferIn,
)
from app.schemas.common import Ref
from app.services import allocation

router = APIRouter(prefix="/cases/{case_id}/allocation", tags=["cases"])
IfMatch = Annotated[str | None, Depends(if_match)]


def _read(session: Session, case: Case) -> CaseAllocationRead:
    session.flush()
    session.refresh(case, ["team", "worker"])  # after a move, not the ones loaded before it
    return CaseAllocationRead(
        team=Ref(id=case.team.id, name=case.team.name),
        worker=Ref(id=case.worker.id, name=case.worker.name) if case.worker else None,
        colleagues=[allocation.read(r) for r in allocation.list_for_case(session, case=case)],
        version=case.version)


@router.get("", response_model=CaseAllocationRead)
def get_allocation(case: CaseDep, session: SessionDep,
                   response: Response) -> CaseAllocationRead:
    """The team, the allocated worker, and every co-worker and cover (ended ones too, with
    `running` for today). The `ETag` is the case's."""
    set_etag(response, case)
    return _read(session, case)


@router.put("", response_model=CaseAllocationRead)
def move_case(data: TransferIn, case: CaseDep, principal: PrincipalDep, session: SessionDep,
              response: Response, if_match: IfMatch) -> CaseAllocationRead:
    """Move the case to another team or worker. The case's team manager, a service manager,
    or a token with the write scope. `If-Match` is the case's ETag."""
    allocation.require_allocator(principal, case)
    version = expected_version(if_match, case)
    case = allocation.transfer(session, case=case, data=data, expected_version=version,
                               principal=principal)
    set_etag(response, case)
    return _read(session, case)


@router.post("/colleagues", status_code=status.HTTP_201_CREATED, response_model=AllocationRead)
def add_colleague(data: AllocationIn, case: CaseDep, principal: PrincipalDep,
                  session: SessionDep, response: Response) -> AllocationRead:
    """Add a co-worker or cover. Cover needs `ends_on`. While it runs they read and change the
    case as the allocated worker does."""
    row = allocation.add(session, case=case, data=data, principal=principal)
    set_etag(response, row)
    return allocation.read(row)


@router.post("/colleagues/{allocation_id}/end", response_model=AllocationRead)
def end_colleague(allocation_id: int, data: AllocationEnd, case: CaseDep,
                  principal: PrincipalDep, session: SessionDep, response: Response,
                  if_match: IfMatch) -> AllocationRead:
    """End a co-worker's or cover's time on the case (`ends_on`, today when left out; cover
    not yet started is cancelled). `If-Match` is the colleague's ETag."""
    allocation.require_allocator(principal, case)
    row = allocation.load(session, case=case, allocation_id=allocation_id)
    version = expected_version(if_match, row)
    row = allocation.end(session, case=case, row=row, ends_on=data.ends_on,
                         expected_version=version, principal=principal)
    set_etag(response, row)
    return allocation.read(row)
