"""The History tab of a case."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.db import SessionDep
from app.deps import CaseDep
from app.services import audit
from app.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/cases/{case_id}/history")
def history(
    request: Request, case: CaseDep, session: SessionDep, before: int | None = None
) -> Response:
    events, more = audit.case_events(session, case_id=case.id, before_id=before)
    rows = [{"sentence": audit.sentence(e), "at": e.at, "channel": e.channel} for e in events]
    return render(request, "case/history.html", {"case": case, "events": rows, "more": more})
