"""A child's chronology, for other systems."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from app.db import SessionDep
from app.deps import CaseDep
from app.schemas.chronology import EntryRead
from app.services import chronology
from app.services import person as person_service

router = APIRouter(tags=["chronology"])


@router.get("/cases/{case_id}/children/{child_id}/chronology", response_model=list[EntryRead])
def get_chronology(
    child_id: int, case: CaseDep, session: SessionDep,
    source: Annotated[list[str] | None, Query(
        description="Keep only these: visit, note, mapping, case, document.")] = None,
    date_from: Annotated[date | None, Query()] = None,
    date_to: Annotated[date | None, Query()] = None,
) -> list[EntryRead]:
    """The child's significant events, oldest first, drawn from the record: birth, the case
    opening and closing, visits (whether the child was seen, and seen alone), notes marked
    significant, mapping meetings, documents given to the family and files received. A note
    naming no child is about the whole family, so it appears for every child."""
    where = chronology.Filter.make(source, date_from, date_to)
    child = person_service.load_child(session, case=case, child_id=child_id)
    return [EntryRead(date=e.on, time=e.at, source=e.source, title=e.title, detail=e.detail,
                      by=e.by)
            for e in chronology.for_child(session, case=case, child=child, where=where)]
