"""The supervisor's board: for each open case in a team, where the practice is empty, weak or
drifting, from the latest mapping. A starting point for supervision, not a league table.

Read from the practice summary (one row per case, kept in step with the record by
app.services.practice_summary), one page at a time, in a fixed number of statements whatever
the number of cases. The signals are the same as app.services.quality computes for one
mapping (a test checks that they agree case by case)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    case,
    func,
    literal,
    nulls_first,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from app.models.case import Case
from app.models.enums import SEVEN, Category, MappingKind, MappingStatus
from app.models.mapping import Mapping
from app.models.mapping_item import MappingItem
from app.models.summary import PracticeSummary as S
from app.models.team import Team
from app.models.user import User
from app.services import access, board_signal
from app.services.access import Principal
from app.services.practice_summary import BIT, FLAG_BITS
from app.services.practice_summary_hook import settle_due

PAGE = 50
SORTS = {"age": "Oldest mapping first", "signals": "Most signals first", "family": "Family name"}


@dataclass
class Row:
    case_id: int
    reference: str
    family_name: str
    worker_id: int | None
    worker_name: str
    mapping_id: int | None = None
    mapping_date: date | None = None
    mapping_status: MappingStatus | None = None
    age_days: int | None = None
    present: dict[str, bool] = field(default_factory=dict)
    #: How many items each of the seven categories holds (on a page of the board only).
    counts: dict[str, int] = field(default_factory=dict)
    #: The latest mapping shared with the family (agreed or signed off), when the latest
    #: mapping is still a draft: (id, date, status). On a page of the board only.
    shared: tuple[int, date, MappingStatus] | None = None
    dangers: int = 0
    dangers_with_goal: int = 0
    goals_without_danger: int = 0
    next_steps: int = 0
    goals: int = 0
    harm_without_impact: int = 0
    overdue: int = 0
    ratings: int = 0
    overall: float | None = None
    previous_overall: float | None = None
    #: Disagreement: the lowest and highest current overall scores and who gave them, and
    #: the widest gap between raters on any pair or overall.
    overall_low: int | None = None
    overall_low_by: str | None = None
    overall_high: int | None = None
    overall_high_by: str | None = None
    widest_gap: int = 0
    #: From the practice summary: the date-independent filters it matches (FLAG_BITS) and
    #: its date-independent signal count.
    flag_bits: int = 0
    fixed_signals: int = 0
    #: The earliest day a child of the case was last heard (PracticeSummary.voice_due), and
    #: whether that is a signal for the board's weeks.
    voice_due: date | None = None
    voice_signals: int = 0
    #: PracticeSummary.slipping_since and .trajectory_due.
    slipping_since: date | None = None
    trajectory_due: date | None = None
    #: Set once the row is complete (see build): the filters it matches.
    flagset: frozenset[str] = frozenset()

    @property
    def trend(self) -> str | None:
        if self.overall is None or self.previous_overall is None:
            return None
        if self.overall > self.previous_overall:
            return "up"
        if self.overall < self.previous_overall:
            return "down"
        return "same"

    def flags(self, weeks: int, today: date) -> set[str]:
        """The filters this row matches (the same as board_signal.as_sql says in SQL)."""
        out = {name for name, bit in FLAG_BITS.items() if self.flag_bits & bit}
        if self.mapping_date is None or self.mapping_date < today - timedelta(weeks=weeks):
            out.add("no_mapping")
        if self.overdue:
            out.add("overdue_next_step")
        if self.unheard(weeks, today):
            out.add("no_child_voice")
        slip_from, drift_from = board_signal.slip_from(today), board_signal.drift_from(today)
        if self.slipping_since is not None and self.slipping_since > slip_from:
            out.add("rule_slipping")
        if self.trajectory_due is not None and self.trajectory_due < drift_from:
            out.add("trajectory_drift")
        return out

    def unheard(self, weeks: int, today: date) -> bool:
        return (self.mapping_id is not None and self.voice_due is not None
                and self.voice_due < today - timedelta(weeks=weeks))

    @property
    def signal_count(self) -> int:
        """As many signals as quality.signals() gives for the latest mapping, and one if a
        child has not been heard (quality.voice_signal), as counted when the row was read."""
        return self.fixed_signals + self.overdue + self.voice_signals


@dataclass
class WorkerGroup:
    worker_id: int | None
    worker_name: str
    rows: list[Row]
    totals: dict[str, int]


@dataclass
class Board:
    team: Team
    groups: list[WorkerGroup]
    totals: dict[str, int]
    workers: list[tuple[int | None, str]]
    total_rows: int
    weeks: int
    limit: int | None = None
    offset: int = 0

    @property
    def pages(self) -> int:
        return max(1, -(-self.total_rows // self.limit)) if self.limit else 1

    @property
    def page(self) -> int:
        return self.offset // self.limit + 1 if self.limit else 1


def team_for(session: Session, principal: Principal, team_id: int) -> Team:
    """The team, if this person may see its board: its manager, or a service manager."""
    from app.errors import NotFound

    team = session.get(Team, team_id)
    if team is None or not access.can_see_board(principal, team_id):
        raise NotFound()
    return team


def build(
    session: Session,
    principal: Principal,
    team: Team,
    *,
    worker_id: int | None = None,
    signal: str | None = None,
    weeks: int = 8,
    sort: str = "age",
    today: date | None = None,
    limit: int | None = PAGE,
    offset: int = 0,
) -> Board:
    """One page of the board (all of it with limit=None), with totals for everything that
    matches. Five statements, whatever the number of cases: the totals per worker, the
    team's workers, the page, and for a page (not the whole board) the items in each
    category of the page's mappings and the latest shared mapping of cases still in draft.
    On PostgreSQL one more first, for the cases due a refresh (refreshed before reading)."""
    # Every case left due, not only this team's: a case moved out of the team still has the
    # team in its summary until it is refreshed.
    settle_due(session)
    today = today or date.today()
    flags = board_signal.as_sql(today, weeks)
    overdue = board_signal.overdue(today)
    signals = S.fixed_signals + overdue + case((flags["no_child_voice"], 1), else_=0)
    where = [access.board_cases(principal, team.id, S)]
    if worker_id is not None:
        where.append(S.worker_id == worker_id)
    if signal in flags:
        where.append(flags[signal])

    # 1. Totals per worker, for everything that matches.
    per_worker: dict[int | None, dict[str, int]] = {}
    for wid, n, sig, *counts in session.execute(
        select(
            S.worker_id, func.count(), func.coalesce(func.sum(signals), 0),
            *[func.sum(case((expr, 1), else_=0)) for expr in flags.values()],
        ).where(*where).group_by(S.worker_id)
    ):
        per_worker[wid] = {"cases": int(n), "signals": int(sig),
                           **{k: int(c or 0) for k, c in zip(flags, counts, strict=True)}}

    # 2. The workers of the team, for the filter (including those with no cases) and for the
    #    names of the groups.
    names: dict[int, str] = {}
    workers: list[tuple[int | None, str]] = []
    for uid, name, role, in_team in session.execute(
        select(User.id, User.name, User.role, User.team_id == team.id).where(
            or_(User.id.in_([w for w in per_worker if w is not None]), User.team_id == team.id)
        ).order_by(User.name)
    ):
        names[uid] = name
        if in_team and role in access.HOLDS_CASES:
            workers.append((uid, name))

    def worker_name(wid: int | None) -> str:
        return names.get(wid, "Not allocated") if wid is not None else "Not allocated"

    # Groups in name order. The page is cut from the rows in that order: the totals say how
    # many rows each worker has, so each worker's share of the page is read on its own
    # (a short sort of one worker's cases), all in one statement.
    order_workers = sorted(per_worker, key=lambda w: (worker_name(w), w or 0))
    start, end = offset, (offset + limit if limit is not None else None)
    spans: list[tuple[int | None, int, int]] = []
    pos = 0
    for w in order_workers:
        lo, hi = pos, pos + per_worker[w]["cases"]
        s0, e0 = max(lo, start), (hi if end is None else min(hi, end))
        if s0 < e0:
            spans.append((w, s0 - lo, e0 - s0))
        pos = hi
    family = Case.family_name
    sort_key = {
        "signals": [signals.desc(), family],
        "family": [family],
    }.get(sort, [nulls_first(S.mapping_date.asc())])

    # 3. The page.
    parts = []
    for i, (w, skip, take) in enumerate(spans):
        order = [*sort_key, S.case_id]
        part = (
            select(*S.__table__.columns, Case.reference, Case.family_name,
                   overdue.label("late"), literal(i).label("part"),
                   func.row_number().over(order_by=order).label("rn"))
            .join(Case, Case.id == S.case_id)
            .where(*where, S.worker_id.is_(None) if w is None else S.worker_id == w)
            .order_by(*order)
            .offset(skip)
            .limit(take)
        )
        parts.append(select(part.subquery()))
    page: Any = []
    if parts:
        everything = union_all(*parts).subquery() if len(parts) > 1 else parts[0].subquery()
        page = session.execute(
            select(everything).order_by(everything.c.part, everything.c.rn)
        )
    rows: list[Row] = []
    for s in page:
        row = Row(s.case_id, s.reference, s.family_name, s.worker_id, worker_name(s.worker_id))
        if s.mapping_id is not None:
            row.mapping_id, row.mapping_date = s.mapping_id, s.mapping_date
            row.mapping_status = MappingStatus(s.mapping_status)
            row.age_days = (today - s.mapping_date).days
            row.present = {c.value: bool(s.present & bit) for c, bit in BIT.items()}
            row.dangers, row.dangers_with_goal = s.dangers, s.dangers_with_goal
            row.goals_without_danger, row.goals = s.goals_without_danger, s.goals
            row.next_steps, row.harm_without_impact = s.next_steps, s.harm_without_impact
            row.ratings, row.overall = s.ratings, s.overall
            row.previous_overall = s.previous_overall
            row.overall_low, row.overall_low_by = s.overall_low, s.overall_low_by
            row.overall_high, row.overall_high_by = s.overall_high, s.overall_high_by
            row.widest_gap = s.widest_gap
            row.overdue = int(s.late or 0)
            row.fixed_signals = s.fixed_signals
            row.voice_due = s.voice_due
            row.voice_signals = 1 if row.unheard(weeks, today) else 0
        row.flag_bits = s.flags
        row.slipping_since, row.trajectory_due = s.slipping_since, s.trajectory_due
        row.flagset = frozenset(row.flags(weeks, today))
        rows.append(row)

    if limit is not None:
        _details(session, rows)
    grouped: dict[int | None, list[Row]] = {}
    for r in rows:
        grouped.setdefault(r.worker_id, []).append(r)
    groups = [WorkerGroup(wid, worker_name(wid), rs, per_worker[wid])
              for wid, rs in grouped.items()]
    totals = dict.fromkeys(["cases", "signals", *board_signal.SIGNALS], 0)
    for t in per_worker.values():
        for k in totals:
            totals[k] += t.get(k, 0)
    return Board(team=team, groups=groups, totals=totals, workers=workers,
                 total_rows=totals["cases"], weeks=weeks, limit=limit, offset=offset)


def _details(session: Session, rows: list[Row]) -> None:
    """What a page of the board shows beyond the summary: how many items each category
    holds, and where a draft is the latest, the latest map the family has seen. Two
    statements bounded by the page, not by the team."""
    by_mapping = {r.mapping_id: r for r in rows if r.mapping_id is not None}
    if by_mapping:
        for mid, cat, n in session.execute(
            select(MappingItem.mapping_id, MappingItem.category, func.count())
            .where(MappingItem.mapping_id.in_(list(by_mapping)),
                   MappingItem.removed.is_(False), MappingItem.category.in_(list(SEVEN)))
            .group_by(MappingItem.mapping_id, MappingItem.category)
        ):
            by_mapping[mid].counts[Category(cat).value] = int(n)
    drafts = {r.case_id: r for r in rows if r.mapping_status == MappingStatus.draft}
    if drafts:
        ranked = (
            select(Mapping.case_id, Mapping.id, Mapping.held_on, Mapping.status,
                   func.row_number().over(partition_by=Mapping.case_id,
                                          order_by=(Mapping.held_on.desc(), Mapping.id.desc()))
                   .label("rn"))
            .where(Mapping.case_id.in_(list(drafts)), Mapping.status != MappingStatus.draft,
                   Mapping.kind != MappingKind.group_supervision)
            .subquery()
        )
        for cid, mid, held, status in session.execute(
            select(ranked.c.case_id, ranked.c.id, ranked.c.held_on, ranked.c.status)
            .where(ranked.c.rn == 1)
        ):
            drafts[cid].shared = (mid, held, MappingStatus(status))


def flat(board: Board) -> list[Row]:
    return [r for g in board.groups for r in g.rows]
