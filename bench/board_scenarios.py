"""Scenario for issue #6: the team board over 1k and 100k generated cases (50 workers in
5 teams), in-process, with the statement count per board. Every open case gets a mapping
with items and, for half of them, scores, inserted in bulk before timing; the practice
summaries are then rebuilt (untimed). The board is read as the supervisor's page reads it:
the first page, with totals over every open case of the team; a filtered page is measured
too."""

from __future__ import annotations

import random
import statistics
import time
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import event, func, insert, select, text
from sqlalchemy.orm import Session

from bench.context import Context
from bench.scenarios import Result, _ratio, scenario

RUNS = 7
BATCH = 5_000


def _add_mappings(url: str) -> int:
    from app.db import make_engine
    from app.models.case import Case
    from app.models.enums import CaseStatus, Category, MappingKind, MappingStatus, RaterKind
    from app.models.mapping import Mapping
    from app.models.mapping_item import MappingItem
    from app.models.rating import Rating

    engine = make_engine(url)
    rng = random.Random(7)
    now = datetime.now(UTC)
    today = now.date()
    stamp = {"version": 1, "created_at": now, "updated_at": now}
    try:
        with engine.begin() as conn:
            if conn.execute(select(func.count()).select_from(Mapping)).scalar_one() > 10:
                return 0
            open_ids = list(conn.execute(select(Case.id).where(Case.status == CaseStatus.open))
                            .scalars())
            mid = conn.execute(select(func.coalesce(func.max(Mapping.id), 0))).scalar_one()
            iid = conn.execute(select(func.coalesce(func.max(MappingItem.id), 0))).scalar_one()
            maps: list[dict[str, Any]] = []
            items: list[dict[str, Any]] = []
            ratings: list[dict[str, Any]] = []

            def item(m: int, cat: Category, **extra: Any) -> int:
                nonlocal iid
                iid += 1
                items.append({"id": iid, "mapping_id": m, "category": cat, "position": 0,
                              "text": f"{cat.value} {iid}", "recorded_on": today,
                              "removed": False, "ns_done": False, **stamp, **extra})
                return iid

            def flush() -> None:
                for table, rows in ((Mapping, maps), (MappingItem, items), (Rating, ratings)):
                    if rows:
                        conn.execute(insert(table), rows)
                        rows.clear()

            for cid in open_ids:
                mid += 1
                maps.append({"id": mid, "case_id": cid, "kind": MappingKind.initial_assessment,
                             "held_on": today - timedelta(days=rng.randrange(140)),
                             "status": MappingStatus.draft, **stamp})
                d = item(mid, Category.danger_statement)
                if rng.random() < 0.7:
                    item(mid, Category.safety_goal, pairs_with_id=d)
                item(mid, Category.harm, harm_impact=None if rng.random() < 0.2 else "hurt")
                item(mid, Category.existing_strength)
                if rng.random() < 0.8:
                    item(mid, Category.next_step,
                         ns_by_when=today + timedelta(days=rng.randrange(-30, 30)))
                if rng.random() < 0.5:
                    for kind, danger in ((RaterKind.worker, None), (RaterKind.parent, d)):
                        ratings.append({"mapping_id": mid, "danger_id": danger,
                                        "rater_kind": kind, "rater_name": "Bench",
                                        "score": rng.randrange(11), "rated_on": today,
                                        "removed": False, **stamp})
                if len(maps) >= BATCH:
                    flush()
            flush()
            if conn.dialect.name == "postgresql":
                # The ids were given, so the tables' sequences did not move: move them past
                # the rows, or the next scenario's first mapping collides with these.
                for table in ("mapping", "mapping_item"):
                    conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                      f"(SELECT max(id) FROM {table}))"))
            return len(open_ids)
    finally:
        # The bulk insert bypasses the ORM hooks, so the summaries are rebuilt, untimed, as
        # `python -m app summaries rebuild` would after a data migration.
        with engine.begin() as conn:
            from app.services import practice_summary

            practice_summary.rebuild(conn)
        engine.dispose()


@scenario("board", "Team board, in-process: p50 with 1k and 100k cases, statements per board")
def board(ctx: Context) -> Result:
    from app.db import make_engine
    from app.models.team import Team
    from app.models.user import User
    from app.services import board as board_service
    from app.services.access import Principal
    from app.services.audit import SYSTEM

    rows = [["dataset", "open cases in team", "p50 ms", "min ms", "filtered p50 ms",
             "statements", "rows on page"]]
    data: dict[str, Any] = {}
    p50s: dict[str, float] = {}
    f50s: dict[str, float] = {}
    for name in ctx.sizes:
        ds = ctx.dataset(name)
        added = _add_mappings(ds.url)
        engine = make_engine(ds.url).execution_options(sqlite_immediate=False)
        statements: list[str] = []
        try:
            with Session(engine) as session:
                manager = session.scalars(select(User).where(User.email == ds.manager_email)).one()
                principal = Principal(actor=SYSTEM, user=manager, scopes=frozenset({"read"}))
                team = session.get(Team, 1)
                assert team is not None
                board_service.build(session, principal, team, today=date.today())  # warm

                @event.listens_for(engine, "before_cursor_execute")
                def count(*_args: Any, statements: list[str] = statements) -> None:
                    statements.append("x")

                times = []
                filtered = []
                for _ in range(RUNS):
                    statements.clear()
                    session.expire_all()
                    t0 = time.perf_counter()
                    b = board_service.build(session, principal, team)
                    times.append(time.perf_counter() - t0)
                    n_statements = len(statements)
                    t0 = time.perf_counter()
                    board_service.build(session, principal, team, signal="danger_without_goal",
                                        sort="signals")
                    filtered.append(time.perf_counter() - t0)
                event.remove(engine, "before_cursor_execute", count)
        finally:
            engine.dispose()
        p50 = statistics.median(times) * 1000
        f50 = statistics.median(filtered) * 1000
        p50s[name] = p50
        f50s[name] = f50
        shown = len(board_service.flat(b))
        data[name] = {"p50_ms": round(p50, 1), "min_ms": round(min(times) * 1000, 1),
                      "filtered_p50_ms": round(f50, 1), "statements": n_statements,
                      "open_cases_in_team": b.total_rows, "rows_on_page": shown,
                      "mappings_added": added}
        rows.append([name, f"{b.total_rows:,}", f"{p50:.1f}", f"{min(times) * 1000:.1f}",
                     f"{f50:.1f}", str(n_statements), str(shown)])
    names = list(ctx.sizes)
    headline: dict[str, float] = {}
    if len(names) >= 2:
        ratio = _ratio(p50s[names[-1]], p50s[names[0]])
        data["ratio"] = ratio
        headline[f"board_p50_ratio_{names[-1]}_over_{names[0]}"] = ratio
        fratio = _ratio(f50s[names[-1]], f50s[names[0]])
        data["filtered_ratio"] = fratio
        headline[f"board_filtered_p50_ratio_{names[-1]}_over_{names[0]}"] = fratio
        rows.append([f"ratio {names[-1]}/{names[0]}", "", f"{ratio:.2f}x", "", f"{fratio:.2f}x",
                     "", ""])
    headline["board_statements"] = float(data[names[-1]]["statements"])
    headline[f"board_p50_ms_{names[-1]}"] = round(p50s[names[-1]], 1)
    return Result(table=rows, data=data, headline=headline)
