"""How the people on a case are related, and who lives where, for other systems: the family
tree's facts. The drawings are in genogram.py and ecomap.py."""

from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from app.db import SessionDep
from app.deps import CaseDep, EditableCaseDep, WriterDep, if_match
from app.routes.api.etag import expected_version, set_etag
from app.schemas.kinship import (
    FamilyTreeRead,
    HouseholdIn,
    HouseholdRead,
    HouseholdUpdate,
    KinshipIn,
    KinshipRead,
    KinshipUpdate,
)
from app.services import household as household_service
from app.services import kinship as kinship_service

router = APIRouter(prefix="/cases/{case_id}", tags=["family tree"])
IfMatch = Annotated[str | None, Depends(if_match)]


@router.get("/family-tree", response_model=FamilyTreeRead)
def get_family_tree(case: CaseDep, session: SessionDep) -> FamilyTreeRead:
    """Every relationship between the people on the case, and every household stay."""
    people = kinship_service.people_of(session, case=case)
    return FamilyTreeRead(
        kinships=[kinship_service.read(k, people)
                  for k in kinship_service.active(session, case=case)],
        households=[household_service.read(s)
                    for s in household_service.stays(session, case=case)],
        genogram_shared=case.genogram_shared)


@router.post("/kinships", status_code=status.HTTP_201_CREATED, response_model=KinshipRead)
def add_kinship(data: KinshipIn, case: EditableCaseDep, principal: WriterDep,
                session: SessionDep, response: Response) -> KinshipRead:
    """Record "person is the kind of relative". Refused with the reason when it does not fit
    the family tree already recorded (someone their own grandparent, two birth mothers)."""
    k = kinship_service.add(session, case=case, data=data, actor=principal.actor)
    set_etag(response, k)
    return kinship_service.read(k, kinship_service.people_of(session, case=case))


@router.get("/kinships/{kinship_id}", response_model=KinshipRead)
def get_kinship(kinship_id: int, case: CaseDep, session: SessionDep,
                response: Response) -> KinshipRead:
    k = kinship_service.load(session, case=case, kinship_id=kinship_id)
    set_etag(response, k)
    return kinship_service.read(k, kinship_service.people_of(session, case=case))


@router.patch("/kinships/{kinship_id}", response_model=KinshipRead)
def change_kinship(kinship_id: int, data: KinshipUpdate, case: EditableCaseDep,
                   principal: WriterDep, session: SessionDep, response: Response,
                   if_match: IfMatch) -> KinshipRead:
    """Birth parent or not, parental responsibility, partners' dates, strength. To change who
    or what kind, remove it and record the right one. `If-Match` is its ETag."""
    k = kinship_service.load(session, case=case, kinship_id=kinship_id)
    version = expected_version(if_match, k)
    k = kinship_service.update(session, case=case, kinship=k, data=data,
                               expected_version=version, actor=principal.actor)
    set_etag(response, k)
    return kinship_service.read(k, kinship_service.people_of(session, case=case))


@router.post("/kinships/{kinship_id}/remove", status_code=status.HTTP_204_NO_CONTENT)
def remove_kinship(kinship_id: int, case: EditableCaseDep, principal: WriterDep,
                   session: SessionDep, if_match: IfMatch) -> Response:
    k = kinship_service.load(session, case=case, kinship_id=kinship_id)
    version = expected_version(if_match, k)
    kinship_service.remove(session, case=case, kinship=k, expected_version=version,
                           actor=principal.actor)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/households", status_code=status.HTTP_201_CREATED, response_model=HouseholdRead)
def add_household(data: HouseholdIn, case: EditableCaseDep, principal: WriterDep,
                  session: SessionDep, response: Response) -> HouseholdRead:
    """Record that someone lives (or lived) in a household, from and until a day."""
    s = household_service.add(session, case=case, data=data, actor=principal.actor)
    set_etag(response, s)
    return household_service.read(s)


@router.get("/households/{stay_id}", response_model=HouseholdRead)
def get_household(stay_id: int, case: CaseDep, session: SessionDep,
                  response: Response) -> HouseholdRead:
    s = household_service.load(session, case=case, stay_id=stay_id)
    set_etag(response, s)
    return household_service.read(s)


@router.patch("/households/{stay_id}", response_model=HouseholdRead)
def change_household(stay_id: int, data: HouseholdUpdate, case: EditableCaseDep,
                     principal: WriterDep, session: SessionDep, response: Response,
                     if_match: IfMatch) -> HouseholdRead:
    """For example the day they moved out. `If-Match` is its ETag."""
    s = household_service.load(session, case=case, stay_id=stay_id)
    version = expected_version(if_match, s)
    s = household_service.update(session, case=case, stay=s, data=data,
                                 expected_version=version, actor=principal.actor)
    set_etag(response, s)
    return household_service.read(s)


@router.post("/households/{stay_id}/remove", status_code=status.HTTP_204_NO_CONTENT)
def remove_household(stay_id: int, case: EditableCaseDep, principal: WriterDep,
                     session: SessionDep, if_match: IfMatch) -> Response:
    s = household_service.load(session, case=case, stay_id=stay_id)
    version = expected_version(if_match, s)
    household_service.remove(session, case=case, stay=s, expected_version=version,
                             actor=principal.actor)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
