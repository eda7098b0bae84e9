"""Cases, for other systems: list, read, open, change, close and reopen. Never deleted."""

from typing import Annotated

from anyio import to_thread
from fastapi import APIRouter, Depends, Query, Request, Response, status

from app import deps
from app.db import SessionDep, readers
from app.deps import EditableCaseDep, PrincipalDep, WriterDep, if_match
from app.errors import NotFound
from app.models.enums import CaseStatus
from app.routes.api.etag import etag, expected_version, set_etag
from app.schemas.case import CaseClose, CaseCreate, CaseRead, CaseUpdate
from app.schemas.common import Page
from app.services import access
from app.services import case as case_service

router = APIRouter(prefix="/cases", tags=["cases"])
IfMatch = Annotated[str | None, Depends(if_match)]


@router.get("", response_model=Page[CaseRead])
def list_cases(
    principal: PrincipalDep,
    session: SessionDep,
    q: Annotated[
        str | None,
        Query(
            max_length=100,
            description="Family name, a person's name or the reference (part of it is enough).",
        ),
    ] = None,
    status_: Annotated[CaseStatus | None, Query(alias="status")] = None,
    team_id: int | None = None,
    worker_id: int | None = None,
    page: Annotated[int, Query(ge=1)] = 1,
    page_size: Annotated[int, Query(ge=1, le=200)] = 25,
) -> Page[CaseRead]:
    """Cases you may see, newest first, a page at a time. `total` counts every match, so
    `pages` tells how far to page."""
    rows, total = case_service.search(
        session,
        filters=case_service.CaseFilter(q=q, status=status_, team_id=team_id, worker_id=worker_id),
        page=page,
        page_size=page_size,
        visible=access.visible(principal),
    )
    return Page[CaseRead](
        items=[CaseRead.model_validate(c) for c in rows],
        total=total,
        page=page,
        page_size=page_size,
        pages=max(1, -(-total // page_size)),
    )


@router.post("", status_code=status.HTTP_201_CREATED, response_model=CaseRead)
def create_case(
    data: CaseCreate, principal: WriterDep, session: SessionDep, response: Response
) -> CaseRead:
    """Open a case. The response carries `Location` and `ETag`. You can only open a case in
    a team you can write to."""
    if not access.can_open_case_in(principal, data.team_id):
        raise NotFound("We could not find that team.")
    case = case_service.create(session, data=data, actor=principal.actor)
    response.headers["Location"] = f"/api/v1/cases/{case.id}"
    set_etag(response, case)
    return CaseRead.model_validate(case)


@router.get("/{case_id}", response_model=CaseRead)
async def get_case(case_id: int, request: Request) -> Response:
    """One case. Keep the `ETag` to send back as `If-Match` when you change it."""
    return await to_thread.run_sync(_one_case, request, case_id, limiter=readers())


def _one_case(request: Request, case_id: int) -> Response:
    # A busy read for other systems: the same gate as CaseDep (deps.case_for_reading).
    with deps.case_for_reading(request, case_id, related=True) as (_principal, _session, case):
        body = CaseRead.model_validate(case).model_dump_json().encode()
        return Response(body, media_type="application/json", headers={"ETag": etag(case)})


@router.patch("/{case_id}", response_model=CaseRead)
def update_case(
    data: CaseUpdate,
    case: EditableCaseDep,
    principal: WriterDep,
    session: SessionDep,
    response: Response,
    if_match: IfMatch,
) -> CaseRead:
    """Change some fields; fields you leave out stay as they are. `If-Match` is required:
    if the case changed since you read it you get 412 and nothing is changed."""
    version = expected_version(if_match, case)
    case = case_service.update(
        session, case=case, data=data, expected_version=version, actor=principal.actor
    )
    set_etag(response, case)
    return CaseRead.model_validate(case)


@router.post("/{case_id}/close", response_model=CaseRead)
def close_case(
    data: CaseClose,
    case: EditableCaseDep,
    principal: WriterDep,
    session: SessionDep,
    response: Response,
    if_match: IfMatch,
) -> CaseRead:
    """Close an open case with a reason. Closing an already closed case is 409."""
    version = expected_version(if_match, case)
    case = case_service.close(
        session, case=case, data=data, expected_version=version, actor=principal.actor
    )
    set_etag(response, case)
    return CaseRead.model_validate(case)


@router.post("/{case_id}/reopen", response_model=CaseRead)
def reopen_case(
    case: EditableCaseDep,
    principal: WriterDep,
    session: SessionDep,
    response: Response,
    if_match: IfMatch,
) -> CaseRead:
    """Reopen a closed case. Reopening an open case is 409."""
    version = expected_version(if_match, case)
    case = case_service.reopen(session, case=case, expected_version=version, actor=principal.actor)
    set_etag(response, case)
    return CaseRead.model_validate(case)
