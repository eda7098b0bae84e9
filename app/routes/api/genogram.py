"""The genogram and each child's ecomap, drawn by the server, for other systems: as SVG, and
as the data that was drawn."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response

from app.db import SessionDep
from app.deps import CaseDep, EditableCaseDep, WriterDep, if_match
from app.routes.api.etag import expected_version, set_etag
from app.schemas.genogram import EcomapRead, EcomapSpoke, GenogramRead, SharingIn
from app.services import ecomap as ecomap_service
from app.services import genogram as genogram_service
from app.services import person as person_service

router = APIRouter(prefix="/cases/{case_id}", tags=["family tree"])
IfMatch = Annotated[str | None, Depends(if_match)]
SVG = "image/svg+xml"
SVG_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {SVG: {}}, "description": "The drawing."}}


def svg_response(body: str) -> Response:
    return Response(body, media_type=SVG, headers={
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'"})


@router.get("/genogram", response_model=GenogramRead)
def get_genogram(case: CaseDep, session: SessionDep) -> GenogramRead:
    """Who is drawn where (generation and order), with which symbol and which lines, and the
    same facts as text."""
    return genogram_service.read(genogram_service.for_case(session, case=case))


@router.get("/genogram.svg", response_class=Response, responses=SVG_RESPONSE)
def get_genogram_svg(case: CaseDep, session: SessionDep) -> Response:
    """The drawing. With too many people to draw legibly, a drawing that says so: read
    `/genogram` for the facts."""
    g = genogram_service.for_case(session, case=case)
    return svg_response(genogram_service.drawing(g, case=case))


@router.put("/genogram/sharing", response_model=SharingIn)
def set_sharing(data: SharingIn, case: EditableCaseDep, principal: WriterDep,
                session: SessionDep, response: Response, if_match: IfMatch) -> SharingIn:
    """Whether the family agreed that their family tree may go in their documents. `If-Match`
    is the case's ETag."""
    version = expected_version(if_match, case)
    case = genogram_service.set_shared(session, case=case, shared=data.genogram_shared,
                                       expected_version=version, actor=principal.actor)
    set_etag(response, case)
    return SharingIn(genogram_shared=case.genogram_shared)


@router.get("/children/{child_id}/ecomap", response_model=EcomapRead)
def get_ecomap(child_id: int, case: CaseDep, session: SessionDep) -> EcomapRead:
    """The child's connections and how each feels to them."""
    child = person_service.load_child(session, case=case, child_id=child_id)
    e = ecomap_service.for_child(session, case=case, child=child)
    return EcomapRead(child_id=child.id, spokes=[
        EcomapSpoke(name=s.name, role=s.role, strength=s.strength, network=s.network)
        for s in e.spokes])


@router.get("/children/{child_id}/ecomap.svg", response_class=Response,
            responses=SVG_RESPONSE)
def get_ecomap_svg(child_id: int, case: CaseDep, session: SessionDep) -> Response:
    child = person_service.load_child(session, case=case, child_id=child_id)
    return svg_response(ecomap_service.svg(
        ecomap_service.for_child(session, case=case, child=child)))
