"""The family's safety network, for other systems: members, who was told the worries, and the
network's meetings."""

from typing import Annotated

from fastapi import APIRouter, Depends, Response, status
from sqlalchemy.orm import Session

from app.db import SessionDep
from app.deps import CaseDep, EditableCaseDep, WriterDep, if_match
from app.models.network import NetworkMember
from app.routes.api.etag import expected_version, set_etag
from app.schemas.network import (
    MeetingIn,
    MeetingRead,
    MemberIn,
    MemberRead,
    MemberUpdate,
    NetworkRead,
)
from app.services import network as network_service

router = APIRouter(prefix="/cases/{case_id}/network", tags=["safety network"])
IfMatch = Annotated[str | None, Depends(if_match)]


@router.get("", response_model=NetworkRead)
def get_network(case: CaseDep, session: SessionDep) -> NetworkRead:
    """The members (those told about the worries first), the meetings, and how many know."""
    return network_service.read(session, case=case)


def _read(session: Session, member: NetworkMember) -> MemberRead:
    return network_service.member_read(member,
                                       network_service.names_of(session, [member])[member.id])


@router.post("/members", status_code=status.HTTP_201_CREATED, response_model=MemberRead)
def add_member(data: MemberIn, case: EditableCaseDep, principal: WriterDep,
               session: SessionDep, response: Response) -> MemberRead:
    """Add a person on the case (`person_id`) or someone else (`name`, contact details)."""
    m = network_service.add_member(session, case=case, data=data, actor=principal.actor)
    set_etag(response, m)
    return _read(session, m)


@router.get("/members/{member_id}", response_model=MemberRead)
def get_member(member_id: int, case: CaseDep, session: SessionDep,
               response: Response) -> MemberRead:
    m = network_service.load_member(session, case=case, member_id=member_id)
    set_etag(response, m)
    return _read(session, m)


@router.patch("/members/{member_id}", response_model=MemberRead)
def change_member(member_id: int, data: MemberUpdate, case: EditableCaseDep,
                  principal: WriterDep, session: SessionDep, response: Response,
                  if_match: IfMatch) -> MemberRead:
    """Record when they were told and what they were shown, their agreement and what they
    will do. `If-Match` is its ETag."""
    m = network_service.load_member(session, case=case, member_id=member_id)
    version = expected_version(if_match, m)
    m = network_service.update_member(session, case=case, member=m, data=data,
                                      expected_version=version, actor=principal.actor)
    set_etag(response, m)
    return _read(session, m)


@router.post("/members/{member_id}/remove", status_code=status.HTTP_204_NO_CONTENT)
def remove_member(member_id: int, case: EditableCaseDep, principal: WriterDep,
                  session: SessionDep, if_match: IfMatch) -> Response:
    m = network_service.load_member(session, case=case, member_id=member_id)
    version = expected_version(if_match, m)
    network_service.remove_member(session, case=case, member=m, expected_version=version,
                                  actor=principal.actor)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/meetings", status_code=status.HTTP_201_CREATED, response_model=MeetingRead)
def add_meeting(data: MeetingIn, case: EditableCaseDep, principal: WriterDep,
                session: SessionDep, response: Response) -> MeetingRead:
    """Record a network meeting: who came (`member_ids`, `others`), what was agreed, the next
    meeting, and the mapping's next step that asked for it."""
    meeting = network_service.add_meeting(session, case=case, data=data, actor=principal.actor)
    set_etag(response, meeting)
    return network_service.meeting_read(meeting, list(dict.fromkeys(data.member_ids)))
