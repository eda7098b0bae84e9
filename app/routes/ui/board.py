"""The supervisor's team board and the group supervision view of a mapping."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import select

from app.db import SessionDep
from app.deps import CaseDep, MappingDep, PrincipalDep
from app.models.enums import SEVEN
from app.routes.ui.case import see_other
from app.routes.ui.forms import whole_number
from app.routes.ui.mapping import board_context
from app.services import access, board_csv, board_signal
from app.services import board as board_service
from app.services import labels as label_service
from app.services.rater import FAR_APART
from app.templating import render

router = APIRouter(include_in_schema=False)


def _params(request: Request) -> dict[str, Any]:
    q = request.query_params
    worker = q.get("worker") or ""
    weeks = q.get("weeks") or "8"
    signal = q.get("signal") or ""
    page = q.get("page") or "1"
    page_n, weeks_n = whole_number(page), whole_number(weeks)
    return {
        "offset": (max(1, min(page_n, 100_000)) - 1) * board_service.PAGE if page_n else 0,
        "worker_id": whole_number(worker),
        "signal": signal if signal in board_signal.SIGNALS else None,
        "weeks": max(1, min(weeks_n, 104)) if weeks_n else 8,
        "sort": q.get("sort") if q.get("sort") in board_service.SORTS else "age",
    }


@router.get("/teams/{team_id}/board")
def team_board(
    request: Request, team_id: int, principal: PrincipalDep, session: SessionDep
) -> Response:
    team = board_service.team_for(session, principal, team_id)
    params = _params(request)
    board = board_service.build(session, principal, team, **params)
    labels = label_service.labels_for(session, team_id=team.id)
    return render(
        request,
        "board/board.html",
        {
            "board": board,
            "params": params,
            "labels": labels,
            "categories": [c.value for c in SEVEN],
            "signals": board_signal.SIGNALS,
            "far_apart": FAR_APART,
            "sorts": board_service.SORTS,
            "today": date.today(),
            "query": request.url.query,
            "page_links": _page_links(request, board),
        },
        block="results",
    )


@router.get("/teams/{team_id}/board.csv")
def team_board_csv(
    request: Request, team_id: int, principal: PrincipalDep, session: SessionDep
) -> Response:
    team = board_service.team_for(session, principal, team_id)
    params = _params(request)
    params.pop("offset")
    board = board_service.build(session, principal, team, limit=None,
                                **params)
    return board_csv.csv_response(board, f"board-{team.id}-{date.today():%Y-%m-%d}.csv")


def _page_links(request: Request, board: board_service.Board) -> dict[str, object]:
    """Previous/next and numbered links for the board's pages, keeping the filters."""
    def href(n: int) -> str:
        url = request.url.include_query_params(page=n)
        return f"{url.path}?{url.query}"

    pages = board.pages
    shown = sorted({1, pages, *range(max(1, board.page - 2), min(pages, board.page + 2) + 1)})
    items: list[dict[str, object]] = []
    last = 0
    for n in shown:
        if n - last > 1:
            items.append({"ellipsis": True})
        items.append({"number": n, "href": href(n), "current": n == board.page})
        last = n
    return {
        "items": items if pages > 1 else [],
        "previous": href(board.page - 1) if board.page > 1 else None,
        "next": href(board.page + 1) if board.page < pages else None,
        "first": board.offset + 1,
        "last": board.offset + len(board_service.flat(board)),
    }


@router.get("/cases/{case_id}/mappings/{mapping_id}/meeting")
def meeting_view(
    request: Request, case: CaseDep, mapping: MappingDep, principal: PrincipalDep,
    session: SessionDep,
) -> Response:
    ctx = board_context(session, case, mapping, principal, meeting=True)
    return render(request, "board/meeting.html", ctx)



@router.get("/teams")
def teams_page(request: Request, principal: PrincipalDep, session: SessionDep) -> Response:
    """Service managers choose a team's board; a team manager goes straight to theirs."""
    from app.errors import NotFound
    from app.models.team import Team

    own = access.board_team(principal)
    if own is not None:
        return see_other(request, f"/teams/{own}/board")
    if not access.can_choose_board(principal):
        raise NotFound()
    teams = list(session.scalars(select(Team).order_by(Team.name)))
    return render(request, "board/teams.html", {"teams": teams})
