"""Items, pairs and ratings inside a mapping, for other systems."""

from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from app.db import SessionDep
from app.deps import EditableCaseDep, EditableMappingAloneDep, WriterDep, if_match
from app.routes.api.etag import expected_version, set_etag
from app.routes.api.mapping import item_read
from app.schemas.mapping_item import ItemCreate, ItemRead, ItemUpdate, MoveIn, PairIn
from app.schemas.rating import RatingCreate, RatingRead, RatingUpdate
from app.services import access
from app.services import mapping_item as item_service
from app.services import rating as rating_service

router = APIRouter(prefix="/cases/{case_id}/mappings/{mapping_id}", tags=["mappings"])
IfMatch = Annotated[str | None, Depends(if_match)]


@router.post("/items", status_code=status.HTTP_201_CREATED, response_model=ItemRead)
def create_item(data: ItemCreate, case: EditableCaseDep, mapping: EditableMappingAloneDep,
                principal: WriterDep, session: SessionDep, response: Response) -> ItemRead:
    """Add an item to a category. Harm, danger statement, safety goal and next step items
    take their own structured fields (`harm_*`, `ds_*`/`family_view*`, `sg_*`/`pairs_with_id`,
    `ns_*`); sending another category's field is a 422."""
    item = item_service.create(session, case=case, mapping=mapping, data=data,
                               actor=principal.actor)
    set_etag(response, item)
    return item_read(item)


@router.patch("/items/{item_id}", response_model=ItemRead)
def update_item(item_id: int, data: ItemUpdate, case: EditableCaseDep,
                mapping: EditableMappingAloneDep, principal: WriterDep, session: SessionDep,
                response: Response, if_match: IfMatch) -> ItemRead:
    """Change an item (`If-Match` with the item's ETag). Stale: 412, nothing changed."""
    item = item_service.load(session, mapping=mapping, item_id=item_id)
    version = expected_version(if_match, item)
    item = item_service.update(session, case=case, mapping=mapping, item=item, data=data,
                               expected_version=version, actor=principal.actor)
    set_etag(response, item)
    return item_read(item)


@router.delete("/items/{item_id}", status_code=status.HTTP_204_NO_CONTENT)
def remove_item(item_id: int, case: EditableCaseDep, mapping: EditableMappingAloneDep,
                principal: WriterDep, session: SessionDep, if_match: IfMatch) -> Response:
    """Take an item out of the mapping. It stays in the case history."""
    item = item_service.load(session, mapping=mapping, item_id=item_id)
    version = expected_version(if_match, item)
    item_service.remove(session, case=case, mapping=mapping, item=item,
                        expected_version=version, actor=principal.actor)
    return Response(status_code=204)


@router.post("/items/{item_id}/move", response_model=ItemRead)
def move_item(item_id: int, data: MoveIn, case: EditableCaseDep, mapping: EditableMappingAloneDep,
              principal: WriterDep, session: SessionDep) -> ItemRead:
    """Move an item to a new 0-based place within its category."""
    item = item_service.load(session, mapping=mapping, item_id=item_id)
    item = item_service.move(session, case=case, mapping=mapping, item=item,
                             position=data.position, actor=principal.actor)
    return item_read(item)


@router.post("/pairs", response_model=ItemRead)
def pair(data: PairIn, case: EditableCaseDep, mapping: EditableMappingAloneDep,
         principal: WriterDep, session: SessionDep) -> ItemRead:
    """Pair a safety goal with the danger statement it answers (one goal per statement;
    a statement that already has a goal answers 409). Returns the goal."""
    goal = item_service.pair(session, case=case, mapping=mapping, danger_id=data.danger_id,
                             goal_id=data.goal_id, actor=principal.actor)
    return item_read(goal)


@router.post("/ratings", status_code=status.HTTP_201_CREATED, response_model=RatingRead)
def create_rating(data: RatingCreate, case: EditableCaseDep, mapping: EditableMappingAloneDep,
                  principal: WriterDep, session: SessionDep, response: Response) -> RatingRead:
    """Record one rater's 0–10 safety score for a pair (`danger_id`) or overall. A parent,
    carer, network member or child is a person on the case whose role fits; the worker or
    team manager is a user (the caller by default); a professional not on the case is a name.
    While the mapping is a draft anyone who may edit the case scores; once shared, only the
    team manager; once signed off, no one (409)."""
    rating = rating_service.create(session, case=case, mapping=mapping, data=data,
                                   actor=principal.actor,
                                   manager=access.can_sign_off(principal, case))
    set_etag(response, rating)
    return RatingRead.model_validate(rating)


@router.patch("/ratings/{rating_id}", response_model=RatingRead)
def update_rating(rating_id: int, data: RatingUpdate, case: EditableCaseDep,
                  mapping: EditableMappingAloneDep, principal: WriterDep, session: SessionDep,
                  response: Response, if_match: IfMatch) -> RatingRead:
    """Change a score or its reason (`If-Match` with the rating's ETag)."""
    rating = rating_service.load(session, mapping=mapping, rating_id=rating_id)
    version = expected_version(if_match, rating)
    rating = rating_service.update(session, case=case, mapping=mapping, rating=rating,
                                   data=data, expected_version=version, actor=principal.actor,
                                   manager=access.can_sign_off(principal, case))
    set_etag(response, rating)
    return RatingRead.model_validate(rating)


@router.delete("/ratings/{rating_id}", status_code=status.HTTP_204_NO_CONTENT)
def remove_rating(rating_id: int, case: EditableCaseDep, mapping: EditableMappingAloneDep,
                  principal: WriterDep, session: SessionDep, if_match: IfMatch) -> Response:
    """Take a score out of a draft mapping (`If-Match` with the rating's ETag). It stays in
    the case history."""
    rating = rating_service.load(session, mapping=mapping, rating_id=rating_id)
    version = expected_version(if_match, rating)
    rating_service.remove(session, case=case, mapping=mapping, rating=rating,
                          expected_version=version, actor=principal.actor,
                          manager=access.can_sign_off(principal, case))
    return Response(status_code=204)
