"""The team board for BI tools: the same rows and totals as the supervisor's page."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from app.db import SessionDep
from app.deps import PrincipalDep
from app.models.enums import SEVEN
from app.services import board as board_service
from app.services import board_csv, board_signal
from app.services.access import Principal

router = APIRouter(tags=["board"])


class BoardRowRead(BaseModel):
    case_id: int
    reference: str
    family_name: str
    worker_id: int | None
    worker_name: str
    latest_mapping_id: int | None
    latest_mapping_date: date | None
    latest_mapping_status: str | None
    mapping_age_days: int | None
    categories_present: dict[str, bool] = Field(description="Each of the seven categories.")
    danger_statements: int
    danger_statements_with_goal: int
    scaled: bool
    overall_score: float | None = Field(
        description="The worker's overall score on the latest mapping, or everyone's average."
    )
    previous_overall_score: float | None
    lowest_overall: int | None = Field(description="The lowest current overall score.")
    lowest_overall_by: str | None = Field(description="Who gave it (names, comma-separated).")
    highest_overall: int | None
    highest_overall_by: str | None
    widest_gap: int = Field(description="The widest gap between raters' current scores on any "
                                        "danger statement or overall.")
    next_steps_overdue: int
    signal_count: int = Field(description="As many as the mapping's quality signals, and the "
                                          "case's own: a child not heard in their own words, "
                                          "no network members told about the worries.")
    flags: list[str]


class BoardRead(BaseModel):
    team_id: int
    total: int
    limit: int
    offset: int
    totals: dict[str, int]
    items: list[BoardRowRead]


Filters = Annotated[str | None, Query(description="One of: " + ", ".join(board_signal.SIGNALS))]


class BoardQuery:
    """The board's filters, shared by the JSON and CSV forms."""

    def __init__(
        self,
        worker_id: int | None = None,
        signal: Filters = None,
        weeks: Annotated[int, Query(ge=1, le=104)] = 8,
        sort: Annotated[str, Query(description="age, signals or family")] = "age",
    ) -> None:
        self.worker_id = worker_id
        self.signal = signal if signal in board_signal.SIGNALS else None
        self.weeks = weeks
        self.sort = sort if sort in board_service.SORTS else "age"


def _build(
    session: Session, principal: Principal, team_id: int, q: BoardQuery,
    limit: int | None = None, offset: int = 0,
) -> board_service.Board:
    team = board_service.team_for(session, principal, team_id)
    return board_service.build(session, principal, team, worker_id=q.worker_id,
                               signal=q.signal, weeks=q.weeks, sort=q.sort,
                               limit=limit, offset=offset)


@router.get("/teams/{team_id}/board", response_model=BoardRead)
def team_board(
    team_id: int,
    principal: PrincipalDep,
    session: SessionDep,
    q: Annotated[BoardQuery, Depends()],
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> BoardRead:
    """One row per open case of the team (grouped by worker, then in `sort` order: `age`,
    `signals` or `family`), with the practice elements of its latest mapping, and totals.
    The team's manager, a service manager, or a token for the team or the whole service."""
    board = _build(session, principal, team_id, q, limit, offset)
    rows = board_service.flat(board)
    today = date.today()
    return BoardRead(
        team_id=team_id, total=board.total_rows, limit=limit, offset=offset, totals=board.totals,
        items=[
            BoardRowRead(
                case_id=r.case_id, reference=r.reference, family_name=r.family_name,
                worker_id=r.worker_id, worker_name=r.worker_name,
                latest_mapping_id=r.mapping_id, latest_mapping_date=r.mapping_date,
                latest_mapping_status=r.mapping_status.value if r.mapping_status else None,
                mapping_age_days=r.age_days,
                categories_present={c: r.present.get(c, False) for c in
                                    [k.value for k in SEVEN]},
                danger_statements=r.dangers, danger_statements_with_goal=r.dangers_with_goal,
                scaled=bool(r.ratings), overall_score=r.overall,
                previous_overall_score=r.previous_overall, lowest_overall=r.overall_low,
                lowest_overall_by=r.overall_low_by, highest_overall=r.overall_high,
                highest_overall_by=r.overall_high_by, widest_gap=r.widest_gap,
                next_steps_overdue=r.overdue,
                signal_count=r.signal_count, flags=sorted(r.flags(board.weeks, today)),
            )
            for r in rows
        ],
    )


@router.get("/teams/{team_id}/board.csv", response_class=Response,
            responses={200: {"content": {"text/csv": {}}}})
def team_board_csv(
    team_id: int, principal: PrincipalDep, session: SessionDep,
    q: Annotated[BoardQuery, Depends()],
) -> Response:
    """The same board as CSV, filters applied, every row."""
    board = _build(session, principal, team_id, q)
    return board_csv.csv_response(board, f"board-{team_id}-{date.today():%Y-%m-%d}.csv")
