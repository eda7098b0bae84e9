"""The Children in Need census return, for other systems: start a run, poll it, fetch the file
and the validation report. Service managers and tokens for the whole service only."""

from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from app.db import SessionDep
from app.deps import PrincipalDep
from app.errors import NotFound
from app.schemas.census import CensusFindingRead, CensusRunIn, CensusRunRead
from app.services import access
from app.services import census_run as run_service
from app.services.access import Principal

router = APIRouter(prefix="/returns/cin", tags=["statutory record"])


def _reader(principal: PrincipalDep) -> Principal:
    if not access.runs_returns(principal):
        raise NotFound()
    return principal


def _starter(principal: PrincipalDep) -> Principal:
    if not access.runs_returns(principal, write=True):
        raise NotFound()
    return principal


Reader = Annotated[Principal, Depends(_reader)]
Starter = Annotated[Principal, Depends(_starter)]


@router.get("/runs", response_model=list[CensusRunRead])
def list_runs(_: Reader, session: SessionDep) -> list[CensusRunRead]:
    """The latest runs, newest first."""
    return [run_service.read(session, r) for r in run_service.recent(session)]


@router.post("/runs", status_code=status.HTTP_202_ACCEPTED, response_model=CensusRunRead)
def start_run(data: CensusRunIn, principal: Starter, session: SessionDep,
              response: Response) -> CensusRunRead:
    """Start a run for the census ending 31 March `year`. It runs in the background: poll
    `Location` until `status` is done (or failed). A year the Department's rules do not cover
    is refused on `year`."""
    run = run_service.start(session, year=data.year, actor=principal.actor)
    response.headers["Location"] = f"/api/v1/returns/cin/runs/{run.id}"
    return run_service.read(session, run)


@router.get("/runs/{run_id}", response_model=CensusRunRead)
def get_run(run_id: int, _: Reader, session: SessionDep) -> CensusRunRead:
    return run_service.read(session, run_service.load(session, run_id))


@router.get("/runs/{run_id}/findings", response_model=list[CensusFindingRead])
def get_findings(run_id: int, _: Reader, session: SessionDep) -> list[CensusFindingRead]:
    """Each error and query the Department's rules found, with the record to fix."""
    return run_service.findings(run_service.load(session, run_id))


@router.get("/runs/{run_id}/file", response_class=Response,
            responses={200: {"content": {"application/xml": {}}}})
def get_file(run_id: int, principal: Reader, session: SessionDep) -> Response:
    """The XML as generated, byte for byte as kept in the register (its SHA-256 in
    `X-Content-SHA256`)."""
    run = run_service.load(session, run_id)
    doc = run_service.file_of(session, run)
    if doc.case_id is not None:
        raise NotFound()
    return Response(doc.content, media_type="application/xml", headers={
        "Content-Disposition": f'attachment; filename="{doc.filename}"',
        "X-Content-SHA256": doc.sha256})
