"""The supervisor's board: for each open case in a team, where the practice is empty, weak or
drifting, from the latest mapping. A starting point for supervision, not a league table.

Built with SQL aggregation in a fixed number of statements (five), whatever the number of
cases. The signals are the same as app.services.quality computes for one mapping (a test
checks that they agree case by case)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, case, exists, false, func, or_, select
from sqlalchemy.orm import Session, aliased

from app.models.case import Case, CaseAccess
from app.models.enums import SEVEN, CaseStatus, Category, MappingStatus, RaterKind, Role
from app.models.mapping import Mapping, MappingItem, Rating
from app.models.team import Team
from app.models.user import User
from app.services.access import Principal

SIGNALS = {
    "danger_without_goal": "Danger statement without a safety goal",
    "next_steps_without_goals": "Next steps but no safety goals",
    "no_mapping": "No mapping in the last {weeks} weeks",
    "no_scaling": "No safety scaling on the latest mapping",
    "empty_category": "An empty category",
    "overdue_next_step": "Next steps overdue",
}
SEVEN_KEYS = [c.value for c in SEVEN]
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
    #: Set once the row is complete (see build): the filters it matches.
    flagset: frozenset[str] = frozenset()
    count: int = 0

    @property
    def trend(self) -> str | None:
        if self.overall is None or self.previous_overall is None:
            return None
        if self.overall > self.previous_overall:
            return "up"
        if self.overall < self.previous_overall:
            return "down"
        return "same"

    @property
    def empty(self) -> list[str]:
        return [c for c in SEVEN_KEYS if not self.present.get(c)]

    def flags(self, weeks: int, today: date) -> set[str]:
        out = set()
        if self.mapping_id is None or (
            self.mapping_date is not None and self.mapping_date < today - timedelta(weeks=weeks)
        ):
            out.add("no_mapping")
        if self.mapping_id is None:
            return out
        if self.dangers > self.dangers_with_goal:
            out.add("danger_without_goal")
        if self.next_steps and not self.goals:
            out.add("next_steps_without_goals")
        if not self.ratings:
            out.add("no_scaling")
        if self.empty:
            out.add("empty_category")
        if self.overdue:
            out.add("overdue_next_step")
        return out

    @property
    def signal_count(self) -> int:
        """As many signals as quality.signals() gives for the latest mapping."""
        if self.mapping_id is None:
            return 0
        return (
            len(self.empty)
            + (self.dangers - self.dangers_with_goal)
            + self.goals_without_danger
            + (1 if self.next_steps and not self.goals else 0)
            + self.harm_without_impact
            + (0 if self.ratings else 1)
            + self.overdue
        )


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


def team_for(session: Session, principal: Principal, team_id: int) -> Team:
    """The team, if this person may see its board: its manager, or a service manager."""
    from app.errors import NotFound

    team = session.get(Team, team_id)
    allowed = principal.role == Role.service_manager or (
        principal.role == Role.supervisor and principal.team_id == team_id
    ) or (principal.token is not None and principal.token.team_id in (None, team_id))
    if team is None or not allowed:
        raise NotFound()
    return team


def _visible_cases(principal: Principal, team_id: int) -> Any:
    """Open cases of the team that this person may open (restricted ones only if named)."""
    named = (
        exists().where(CaseAccess.case_id == Case.id, CaseAccess.user_id == principal.user.id)
        if principal.user
        else false()
    )
    return and_(
        Case.team_id == team_id,
        Case.status == CaseStatus.open,
        or_(Case.restricted.is_(False), named),
    )


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
) -> Board:
    today = today or date.today()
    where = _visible_cases(principal, team.id)

    # 1. Cases with their worker and their latest and previous mappings.
    ranked = (
        select(
            Mapping.id.label("mapping_id"),
            Mapping.case_id,
            Mapping.held_on,
            Mapping.status,
            func.row_number()
            .over(
                partition_by=Mapping.case_id, order_by=(Mapping.held_on.desc(), Mapping.id.desc())
            )
            .label("rn"),
        )
        .join(Case, Case.id == Mapping.case_id)
        .where(where)
        .subquery()
    )
    latest = aliased(ranked, name="latest")
    previous = aliased(ranked, name="previous")
    base = session.execute(
        select(
            Case.id, Case.reference, Case.family_name, Case.worker_id, User.name,
            latest.c.mapping_id, latest.c.held_on, latest.c.status, previous.c.mapping_id,
        )
        .outerjoin(User, User.id == Case.worker_id)
        .outerjoin(latest, and_(latest.c.case_id == Case.id, latest.c.rn == 1))
        .outerjoin(previous, and_(previous.c.case_id == Case.id, previous.c.rn == 2))
        .where(where)
    ).all()
    rows: dict[int, Row] = {}
    by_mapping: dict[int, Row] = {}
    previous_of: dict[int, Row] = {}
    for cid, ref, fam, wid, wname, mid, held, status, prev in base:
        row = Row(cid, ref, fam, wid, wname or "Not allocated")
        if mid is not None:
            row.mapping_id, row.mapping_date = mid, held
            row.mapping_status = MappingStatus(status)
            row.age_days = (today - held).days
            by_mapping[mid] = row
        if prev is not None:
            previous_of[prev] = row
        rows[cid] = row
    latest_ids = select(latest.c.mapping_id).where(latest.c.rn == 1).scalar_subquery()

    # 2. Items on each latest mapping, by category.
    live = MappingItem.removed.is_(False)
    no_impact = or_(MappingItem.harm_impact.is_(None), func.trim(MappingItem.harm_impact) == "")
    overdue = and_(MappingItem.ns_by_when < today, MappingItem.ns_done.is_(False))
    for mid, category, n, harm_gap, late in session.execute(
        select(
            MappingItem.mapping_id,
            MappingItem.category,
            func.count(),
            func.sum(case((no_impact, 1), else_=0)),
            func.sum(case((overdue, 1), else_=0)),
        )
        .where(live, MappingItem.mapping_id.in_(latest_ids))
        .group_by(MappingItem.mapping_id, MappingItem.category)
    ):
        found = by_mapping.get(mid)
        if found is None:
            continue
        row = found
        cat = Category(category)
        row.present[cat.value] = n > 0
        if cat == Category.danger_statement:
            row.dangers = n
        elif cat == Category.safety_goal:
            row.goals = n
        elif cat == Category.next_step:
            row.next_steps = n
            row.overdue = int(late or 0)
        elif cat == Category.harm:
            row.harm_without_impact = int(harm_gap or 0)

    # 3. Pairs: danger statements with a goal, and goals with no danger statement.
    goal = aliased(MappingItem, name="goal")
    danger = aliased(MappingItem, name="danger")
    for mid, paired, orphan in session.execute(
        select(
            goal.mapping_id,
            func.count(func.distinct(case((danger.id.is_not(None), danger.id)))),
            func.sum(case((danger.id.is_(None), 1), else_=0)),
        )
        .select_from(goal)
        .outerjoin(
            danger,
            and_(
                danger.id == goal.pairs_with_id,
                danger.mapping_id == goal.mapping_id,
                danger.removed.is_(False),
                danger.category == Category.danger_statement,
            ),
        )
        .where(
            goal.removed.is_(False),
            goal.category == Category.safety_goal,
            goal.mapping_id.in_(latest_ids),
        )
        .group_by(goal.mapping_id)
    ):
        paired_row = by_mapping.get(mid)
        if paired_row is not None:
            paired_row.dangers_with_goal = int(paired or 0)
            paired_row.goals_without_danger = int(orphan or 0)

    # 4. Ratings: any at all, and the overall judgement (the worker's if given, else the
    #    average of everyone's), on the latest and the previous mapping.
    prev_ids = select(previous.c.mapping_id).where(previous.c.rn == 2).scalar_subquery()
    is_worker = case((Rating.rater_kind == RaterKind.worker, 1), else_=0)
    for mid, n, overall_avg, worker_sum, worker_n in session.execute(
        select(
            Rating.mapping_id,
            func.count(),
            func.avg(case((Rating.danger_id.is_(None), Rating.score))),
            func.sum(case((and_(Rating.danger_id.is_(None), is_worker == 1), Rating.score))),
            func.sum(case((and_(Rating.danger_id.is_(None), is_worker == 1), 1), else_=0)),
        )
        .where(Rating.removed.is_(False),
               or_(Rating.mapping_id.in_(latest_ids), Rating.mapping_id.in_(prev_ids)))
        .group_by(Rating.mapping_id)
    ):
        overall = (
            round(float(worker_sum) / int(worker_n), 1)
            if worker_n
            else (round(float(overall_avg), 1) if overall_avg is not None else None)
        )
        if mid in by_mapping:
            by_mapping[mid].ratings = int(n)
            by_mapping[mid].overall = overall
        if mid in previous_of:
            previous_of[mid].previous_overall = overall

    # 5. The workers of the team, for the filter (including those with no cases).
    workers: list[tuple[int | None, str]] = [
        (uid, name)
        for uid, name in session.execute(
            select(User.id, User.name)
            .where(User.team_id == team.id, User.role.in_([Role.practitioner, Role.supervisor]))
            .order_by(User.name)
        )
    ]

    all_rows = list(rows.values())
    for r in all_rows:
        r.flagset = frozenset(r.flags(weeks, today))
        r.count = r.signal_count
    chosen = [
        r for r in all_rows
        if (worker_id is None or r.worker_id == worker_id)
        and (signal is None or signal in r.flagset)
    ]
    key = {
        "signals": lambda r: (-r.count, r.family_name),
        "family": lambda r: (r.family_name, r.case_id),
    }.get(sort, lambda r: (-(r.age_days if r.age_days is not None else 10**6), r.family_name))
    grouped: dict[tuple[int | None, str], list[Row]] = defaultdict(list)
    for r in sorted(chosen, key=key):
        grouped[(r.worker_id, r.worker_name)].append(r)
    groups = [
        WorkerGroup(wid, name, rs, _totals(rs, weeks, today))
        for (wid, name), rs in sorted(grouped.items(), key=lambda kv: kv[0][1])
    ]
    return Board(team=team, groups=groups, totals=_totals(chosen, weeks, today),
                 workers=workers, total_rows=len(chosen), weeks=weeks)


def _totals(rows: list[Row], weeks: int, today: date) -> dict[str, int]:
    out = dict.fromkeys(SIGNALS, 0)
    for r in rows:
        for name in r.flagset:
            out[name] += 1
    return {"cases": len(rows), "signals": sum(r.count for r in rows), **out}


def flat(board: Board) -> list[Row]:
    return [r for g in board.groups for r in g.rows]

