"""A case's history for other systems."""

from typing import Annotated

from fastapi import APIRouter, Query

from app.db import SessionDep
from app.deps import CaseDep
from app.schemas.audit import AuditEventRead, HistoryPage
from app.services import audit

router = APIRouter(tags=["history"])


@router.get("/cases/{case_id}/history", response_model=HistoryPage)
def case_history(
    case: CaseDep,
    session: SessionDep,
    before: Annotated[
        int | None, Query(description="`next_before` from the previous page.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> HistoryPage:
    """Every change to the case, newest first: who (user or API token), when, through which
    door (ui, api), the request id, and field-level before/after values."""
    events, more = audit.case_events(session, case_id=case.id, before_id=before, limit=limit)
    return HistoryPage(items=[AuditEventRead.model_validate(e) for e in events], next_before=more)
