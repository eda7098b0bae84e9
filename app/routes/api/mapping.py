"""Mappings for other systems: the whole mapping in one response, and every change to it."""

from datetime import date
from typing import Annotated

from anyio import to_thread
from fastapi import APIRouter, Depends, Request, Response, status
from sqlalchemy.orm import Session

from app import deps
from app.db import SessionDep, readers
from app.deps import CaseDep, EditableCaseDep, EditableMappingDep, WriterDep, if_match
from app.models.case import Case
from app.models.enums import COLUMNS, EXTRA
from app.models.mapping import Mapping
from app.models.mapping_item import MappingItem
from app.routes.api.etag import etag_for, expected_version, set_etag
from app.schemas.mapping import (
    AgreeIn,
    MappingCreate,
    MappingRead,
    MappingSummary,
    MappingUpdate,
    ParticipantRead,
    ReviewCreate,
    SignalRead,
    SignOffIn,
)
from app.schemas.mapping_item import ItemRead, PairRead
from app.schemas.rating import RatingRead, ScalePoint, ScaleSeries
from app.services import family_position, quality
from app.services import labels as label_service
from app.services import mapping as mapping_service
from app.services import rating as rating_service
from app.services.cache import VersionedCache

router = APIRouter(prefix="/cases/{case_id}/mappings", tags=["mappings"])
_rendered = VersionedCache()
IfMatch = Annotated[str | None, Depends(if_match)]


def item_read(item: MappingItem) -> ItemRead:
    data = {c.key: getattr(item, c.key) for c in item.__table__.columns}
    return ItemRead.model_validate({**data, "child_ids": sorted(c.child_id for c in item.children),
                                    "link_ids": sorted(x.target_id for x in item.links)})


def mapping_read(
    session: Session, case: Case, mapping: Mapping, labels: dict[str, str] | None = None
) -> MappingRead:
    fm = mapping_service.full(session, mapping=mapping)
    if labels is None:
        labels = label_service.labels_for(session, team_id=case.team_id)
    expected = label_service.expected_for(session, team_id=case.team_id)
    columns = {
        col: {c.value: [item_read(i) for i in fm.by_category[c]] for c in cats}
        for col, cats in COLUMNS.items()
    }
    return MappingRead.model_validate({
        **MappingSummary.model_validate(mapping).model_dump(),
        "agreed_at": mapping.agreed_at, "agreed_note": mapping.agreed_note,
        "signed_off_at": mapping.signed_off_at, "signed_off_by_id": mapping.signed_off_by_id,
        "signed_off_note": mapping.signed_off_note,
        "participants": [ParticipantRead.model_validate(p) for p in mapping.participants],
        "family_positions": family_position.read(session, mapping=mapping),
        "labels": labels,
        "columns": columns,
        "extra": {c.value: [item_read(i) for i in fm.by_category[c]] for c in EXTRA},
        "pairs": [PairRead(danger_id=d.id, goal_id=(g.id if (g := fm.goal_for(d.id)) else None))
                  for d in fm.by_category[COLUMNS["worried"][1]]],
        "ratings": [RatingRead.model_validate(r) for r in fm.ratings],
        "signals": [SignalRead.model_validate(s.__dict__)
                    for s in quality.signals(fm, labels=labels, expected=expected)],
    })


def respond(session: Session, case: Case, mapping: Mapping, response: Response) -> MappingRead:
    set_etag(response, mapping)
    return mapping_read(session, case, mapping)


@router.get("", response_model=list[MappingSummary])
def list_mappings(case: CaseDep, session: SessionDep) -> list[MappingSummary]:
    """The case's mappings, newest first."""
    return [MappingSummary.model_validate(m)
            for m in mapping_service.list_for_case(session, case=case)]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=MappingRead)
def create_mapping(data: MappingCreate, case: EditableCaseDep, principal: WriterDep,
                   session: SessionDep, response: Response) -> MappingRead:
    """Start a new, empty mapping. To carry an earlier one forward use `…/{id}/review`."""
    mapping = mapping_service.create(session, case=case, data=data, actor=principal.actor)
    response.headers["Location"] = f"/api/v1/cases/{case.id}/mappings/{mapping.id}"
    return respond(session, case, mapping, response)


@router.get("/{mapping_id}", response_model=MappingRead)
async def get_mapping(case_id: int, mapping_id: int, request: Request) -> Response:
    """The whole mapping in one response: the three columns with their categories and items
    (in order), grey areas and bottom lines, danger statement / safety goal pairs, safety
    scale ratings, the team's labels and the quality signals. The `ETag` changes whenever
    anything in the mapping changes."""
    return await to_thread.run_sync(_whole, request, case_id, mapping_id, limiter=readers())


def _whole(request: Request, case_id: int, mapping_id: int) -> Response:
    # The same gates as every other route (deps.case_for_reading), in one session. Everything
    # in the body is the mapping's own (any change to it moves its version on), the team's
    # labels, and today's date (overdue next steps); so the body is rendered once per stamp of
    # those and reused, while the access check runs on every request.
    with deps.case_for_reading(request, case_id) as (_principal, session, case):
        stamp, labels_stamp = mapping_service.stamps(session, case=case, mapping_id=mapping_id)
        key = (stamp, labels_stamp, date.today())
        content = _rendered.get(key)
        if content is None:
            mapping = mapping_service.load(session, case=case, mapping_id=mapping_id)
            labels, labels_stamp = label_service.labels_and_stamp(session, team_id=case.team_id)
            content = mapping_read(session, case, mapping, labels).model_dump_json().encode()
            made_from = (mapping_service.stamp_of(mapping), labels_stamp, key[2])
            # Kept only if nothing changed since the stamps were read, checked again after
            # rendering: on PostgreSQL each query sees the latest committed data, so a change
            # landing mid-rendering could otherwise leave a mixed body under the key.
            if made_from == key and mapping_service.stamps(
                session, case=case, mapping_id=mapping_id
            ) == key[:2]:
                _rendered.put(key, content)
            stamp = made_from[0]
    return Response(content=content, media_type="application/json",
                    headers={"ETag": etag_for("mapping", stamp[0], stamp[1])})


@router.patch("/{mapping_id}", response_model=MappingRead)
def update_mapping(data: MappingUpdate, case: EditableCaseDep, mapping: EditableMappingDep,
                   principal: WriterDep, session: SessionDep, response: Response,
                   if_match: IfMatch) -> MappingRead:
    """Change the date, kind, title or participants of a draft mapping (`If-Match` needed).
    An agreed mapping answers 409."""
    version = expected_version(if_match, mapping)
    mapping = mapping_service.update(session, case=case, mapping=mapping, data=data,
                                     expected_version=version, actor=principal.actor)
    return respond(session, case, mapping, response)


@router.post("/{mapping_id}/review", status_code=status.HTTP_201_CREATED,
             response_model=MappingRead)
def start_review(data: ReviewCreate, case: EditableCaseDep, mapping: EditableMappingDep,
                 principal: WriterDep, session: SessionDep, response: Response) -> MappingRead:
    """Start a review: a new draft with this mapping's items, pairs and links carried forward
    (next steps already done and ratings are not: each review is scaled afresh), with its
    date and who took part. The earlier mapping is unchanged. One review at a time: a second
    answers 409."""
    new = mapping_service.start_review(session, case=case, previous=mapping, data=data,
                                       actor=principal.actor)
    response.headers["Location"] = f"/api/v1/cases/{case.id}/mappings/{new.id}"
    return respond(session, case, new, response)


@router.post("/{mapping_id}/agree", response_model=MappingRead)
def agree(data: AgreeIn, case: EditableCaseDep, mapping: EditableMappingDep,
          principal: WriterDep, session: SessionDep, response: Response,
          if_match: IfMatch) -> MappingRead:
    """Record that the mapping was shared with the family (its status becomes `agreed`), with
    each person's position on it (`positions`: agrees, partly agrees or disagrees, in their
    words). Only a draft with something in it; after this its items no longer change, and
    only the team manager can still score it. Undo with `…/reopen` until it is signed off."""
    version = expected_version(if_match, mapping)
    mapping = mapping_service.agree(session, case=case, mapping=mapping, data=data,
                                    expected_version=version, actor=principal.actor)
    return respond(session, case, mapping, response)


@router.post("/{mapping_id}/reopen", response_model=MappingRead)
def reopen(case: EditableCaseDep, mapping: EditableMappingDep, principal: WriterDep,
           session: SessionDep, response: Response, if_match: IfMatch) -> MappingRead:
    """Undo "shared with the family": back to a draft, until the team manager signs it off
    (then 409). The family's recorded positions stay."""
    version = expected_version(if_match, mapping)
    mapping = mapping_service.reopen(session, case=case, mapping=mapping,
                                     expected_version=version, actor=principal.actor)
    return respond(session, case, mapping, response)


@router.post("/{mapping_id}/sign-off", response_model=MappingRead)
def sign_off(case: EditableCaseDep, mapping: EditableMappingDep, principal: WriterDep,
             session: SessionDep, response: Response, if_match: IfMatch,
             data: SignOffIn | None = None) -> MappingRead:
    """The team manager signs off a mapping, with an optional note, whether or not it was
    shared and whatever the family's positions: the agency's judgement stands beside them.
    An empty or already signed-off mapping answers 409; anyone other than the case's team
    manager gets 403."""
    version = expected_version(if_match, mapping)
    mapping = mapping_service.sign_off(session, case=case, mapping=mapping,
                                       supervisor=principal.user,
                                       note=data.note if data else None,
                                       expected_version=version, actor=principal.actor)
    return respond(session, case, mapping, response)


case_router = APIRouter(prefix="/cases/{case_id}", tags=["mappings"])


@case_router.get("/scaling", response_model=list[ScaleSeries])
def scaling(case: CaseDep, session: SessionDep) -> list[ScaleSeries]:
    """Every danger statement / safety goal pair's safety scores across all the case's
    mappings (oldest first), per rater, plus the overall judgement. A pair carried forward
    into a review keeps its key (`pair-<lineage id>`), so its line continues."""
    return [ScaleSeries.model_validate(s.__dict__ | {"by_rater": {
        k: [ScalePoint.model_validate(p.__dict__) for p in v] for k, v in s.by_rater.items()}})
        for s in rating_service.history(session, case=case)]
