"""Where each family member stands on a mapping, for other systems."""

from typing import Annotated

from fastapi import APIRouter, Depends, Response

from app.db import SessionDep
from app.deps import EditableCaseDep, EditableMappingDep, MappingDep, WriterDep, if_match
from app.routes.api.etag import expected_version, set_etag
from app.schemas.family_position import PositionRead, PositionsIn
from app.services import family_position
from app.services import mapping as mapping_service

router = APIRouter(prefix="/cases/{case_id}/mappings/{mapping_id}/family-positions",
                   tags=["mappings"])
IfMatch = Annotated[str | None, Depends(if_match)]


@router.get("", response_model=list[PositionRead])
def list_positions(mapping: MappingDep, session: SessionDep,
                   response: Response) -> list[PositionRead]:
    """Each family member's position on the mapping. The `ETag` is the mapping's."""
    set_etag(response, mapping)
    return family_position.read(session, mapping=mapping)


@router.post("", response_model=list[PositionRead])
def record_positions(data: PositionsIn, case: EditableCaseDep, mapping: EditableMappingDep,
                     principal: WriterDep, session: SessionDep, response: Response,
                     if_match: IfMatch) -> list[PositionRead]:
    """Record or change these people's positions (agrees, partly agrees, disagrees, in their
    words); others' stay as they were. `If-Match` with the mapping's ETag, which moves on.
    Allowed while the mapping is a draft or shared, not after sign-off (409)."""
    expected_version(if_match, mapping)
    family_position.record(session, case=case, mapping=mapping, wanted=data.positions,
                           actor=principal.actor)
    mapping = mapping_service.load(session, case=case, mapping_id=mapping.id)
    set_etag(response, mapping)
    return family_position.read(session, mapping=mapping)
