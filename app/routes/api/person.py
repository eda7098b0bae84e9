"""People on a case, for other systems."""

from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from app.db import SessionDep
from app.deps import CaseDep, EditableCaseDep, WriterDep, if_match
from app.routes.api.etag import expected_version, set_etag
from app.schemas.person import PersonCreate, PersonRead, PersonUpdate
from app.services import person as person_service

router = APIRouter(prefix="/cases/{case_id}/people", tags=["people"])
IfMatch = Annotated[str | None, Depends(if_match)]


@router.get("", response_model=list[PersonRead])
def list_people(case: CaseDep, session: SessionDep) -> list[PersonRead]:
    """Everyone on the case: children first, then adults; people no longer involved are
    included with `archived: true`."""
    return [PersonRead.model_validate(p) for p in person_service.list_for_case(session, case=case)]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=PersonRead)
def create_person(
    data: PersonCreate,
    case: EditableCaseDep,
    principal: WriterDep,
    session: SessionDep,
    response: Response,
) -> PersonRead:
    """Add a child or an adult. A child needs `date_of_birth`, or `expected_date` if not yet
    born. An adult needs a `role` and may list `relationships` to the children."""
    person = person_service.create(session, case=case, data=data, actor=principal.actor)
    response.headers["Location"] = f"/api/v1/cases/{case.id}/people/{person.id}"
    set_etag(response, person)
    return PersonRead.model_validate(person)


@router.get("/{person_id}", response_model=PersonRead)
def get_person(
    person_id: int, case: CaseDep, session: SessionDep, response: Response
) -> PersonRead:
    """One person. Keep the `ETag` for `If-Match`."""
    person = person_service.load(session, case=case, person_id=person_id)
    set_etag(response, person)
    return PersonRead.model_validate(person)


@router.patch("/{person_id}", response_model=PersonRead)
def update_person(
    person_id: int,
    data: PersonUpdate,
    case: EditableCaseDep,
    principal: WriterDep,
    session: SessionDep,
    response: Response,
    if_match: IfMatch,
) -> PersonRead:
    """Change some fields. `If-Match` is required; a stale one gets 412 and changes nothing.
    People are never deleted: set `archived: true` when someone is no longer involved."""
    person = person_service.load(session, case=case, person_id=person_id)
    version = expected_version(if_match, person)
    person = person_service.update(
        session,
        case=case,
        person=person,
        data=data,
        expected_version=version,
        actor=principal.actor,
    )
    set_etag(response, person)
    return PersonRead.model_validate(person)
