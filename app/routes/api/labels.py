"""Local names for the mapping's columns and categories (e.g. Signs of Wellbeing's "worry
statements" and "wellbeing goals"). Only the words change; the record's structure does not."""

from typing import Annotated

from fastapi import APIRouter, Depends, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import SessionDep
from app.deps import PrincipalDep, WriterDep, if_match
from app.errors import NotFound, PreconditionFailed, PreconditionRequired
from app.models.labels import LabelSet
from app.models.team import Team
from app.schemas.labels import ExpectedIn, ExpectedRead, LabelsIn, LabelsRead
from app.services import labels as label_service
from app.services.access import Principal

router = APIRouter(tags=["labels"])
IfMatch = Annotated[str | None, Depends(if_match)]


def _row(session: Session, team_id: int | None) -> LabelSet | None:
    where = LabelSet.team_id.is_(None) if team_id is None else LabelSet.team_id == team_id
    return session.scalar(select(LabelSet).where(where))


def _etag(team_id: int | None, row: LabelSet | None) -> str:
    scope = "service" if team_id is None else f"team-{team_id}"
    return f'"labels-{scope}-v{row.version if row else 0}"'


def _read(session: Session, team_id: int | None, response: Response) -> LabelsRead:
    row = _row(session, team_id)
    response.headers["ETag"] = _etag(team_id, row)
    return LabelsRead(team_id=team_id, labels=label_service.labels_for(session, team_id=team_id),
                      own=dict(row.labels) if row else {}, version=row.version if row else 0)


def _team(session: Session, team_id: int) -> Team:
    team = session.get(Team, team_id)
    if team is None:
        raise NotFound()
    return team


def _put(session: Session, team_id: int | None, data: LabelsIn, principal: Principal,
         header: str | None, response: Response) -> LabelsRead:
    label_service.check_may_rename(principal, team_id)
    row = _row(session, team_id)
    if header is None or not header.strip():
        raise PreconditionRequired()
    if "*" not in header and _etag(team_id, row) not in header:
        raise PreconditionFailed()
    label_service.set_labels(session, team_id=team_id, labels=data.labels, actor=principal.actor)
    return _read(session, team_id, response)


@router.get("/labels", response_model=LabelsRead)
def service_labels(principal: PrincipalDep, session: SessionDep, response: Response) -> LabelsRead:
    """The service-wide names for columns and categories, over the built-in defaults."""
    return _read(session, None, response)


@router.put("/labels", response_model=LabelsRead)
def set_service_labels(data: LabelsIn, principal: WriterDep, session: SessionDep,
                       response: Response, if_match: IfMatch) -> LabelsRead:
    """Replace the service-wide names (`If-Match` with the ETag from `GET /labels`).
    Service managers and administrators only."""
    return _put(session, None, data, principal, if_match, response)


@router.get("/teams/{team_id}/labels", response_model=LabelsRead)
def team_labels(team_id: int, principal: PrincipalDep, session: SessionDep,
                response: Response) -> LabelsRead:
    """The names a team's mappings use: defaults, then the service's, then the team's own."""
    _team(session, team_id)
    return _read(session, team_id, response)


@router.put("/teams/{team_id}/labels", response_model=LabelsRead)
def set_team_labels(team_id: int, data: LabelsIn, principal: WriterDep, session: SessionDep,
                    response: Response, if_match: IfMatch) -> LabelsRead:
    """Replace a team's own names (`If-Match` with the ETag from the GET). The team's
    manager, a service manager or an administrator."""
    _team(session, team_id)
    return _put(session, team_id, data, principal, if_match, response)


# --- which categories each kind of mapping is expected to have -------------------------------


def _read_expected(session: Session, team_id: int | None, response: Response) -> ExpectedRead:
    own, version = label_service.own_expected(session, team_id=team_id)
    response.headers["ETag"] = _etag(team_id, _row(session, team_id))
    effective = label_service.expected_for(session, team_id=team_id)
    return ExpectedRead(team_id=team_id, own=own, version=version,
                        expected={k.value: [c.value for c in effective[k]]
                                  for k in label_service.EXPECTATION_KINDS})


def _put_expected(session: Session, team_id: int | None, data: ExpectedIn,
                  principal: Principal, header: str | None,
                  response: Response) -> ExpectedRead:
    label_service.check_may_rename(principal, team_id, label_service.SET_EXPECTED)
    row = _row(session, team_id)
    if header is None or not header.strip():
        raise PreconditionRequired()
    if "*" not in header and _etag(team_id, row) not in header:
        raise PreconditionFailed()
    label_service.set_expected(session, team_id=team_id, expected=data.expected,
                               expected_version=None, actor=principal.actor)
    return _read_expected(session, team_id, response)


@router.get("/expected-categories", response_model=ExpectedRead)
def service_expected(principal: PrincipalDep, session: SessionDep,
                     response: Response) -> ExpectedRead:
    """Which categories each kind of mapping is expected to have across the service (an
    empty one of these is a quality signal; the others may honestly be empty)."""
    return _read_expected(session, None, response)


@router.put("/expected-categories", response_model=ExpectedRead)
def set_service_expected(data: ExpectedIn, principal: WriterDep, session: SessionDep,
                         response: Response, if_match: IfMatch) -> ExpectedRead:
    """Set them for the service (`If-Match` with the ETag of the GET, shared with the
    names). Service managers and administrators. The team boards follow at once."""
    return _put_expected(session, None, data, principal, if_match, response)


@router.get("/teams/{team_id}/expected-categories", response_model=ExpectedRead)
def team_expected(team_id: int, principal: PrincipalDep, session: SessionDep,
                  response: Response) -> ExpectedRead:
    """What a team's mappings are expected to have: built in, then the service's, then the
    team's own."""
    _team(session, team_id)
    return _read_expected(session, team_id, response)


@router.put("/teams/{team_id}/expected-categories", response_model=ExpectedRead)
def set_team_expected(team_id: int, data: ExpectedIn, principal: WriterDep,
                      session: SessionDep, response: Response,
                      if_match: IfMatch) -> ExpectedRead:
    """Set a team's own (`If-Match` with the ETag of the GET). The team's manager, a service
    manager or an administrator."""
    _team(session, team_id)
    return _put_expected(session, team_id, data, principal, if_match, response)
