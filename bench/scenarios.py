"""The scenarios, in the order they run. To add one (a mapping page, a board, a PDF):

    @scenario("pdf_render", "Render a case's PDF")
    def pdf_render(ctx: Context) -> Result:
        server = ctx.app("1k")
        ...
        return Result(table=[...], data={...}, headline={"pdf_p95_ms": ...})

`ctx` builds datasets and starts servers on first use; `bench.load` has the load generators.
`headline` figures are collected into the summary at the top of the JSON.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from bench import load
from bench.context import Context

SEARCH_NAME = "Harper"


@dataclass
class Result:
    #: Rows for the printed table; the first row is the header.
    table: list[list[str]]
    data: dict[str, Any]
    headline: dict[str, float] = field(default_factory=dict)


@dataclass
class Scenario:
    name: str
    description: str
    run: Callable[[Context], Result]


SCENARIOS: dict[str, Scenario] = {}


def scenario(name: str, description: str) -> Callable[[Callable[[Context], Result]], Any]:
    def register(fn: Callable[[Context], Result]) -> Callable[[Context], Result]:
        SCENARIOS[name] = Scenario(name, description, fn)
        return fn

    return register


def _ratio(a: float, b: float) -> float:
    return round(a / b, 3) if b else float("nan")


@scenario(
    "case_read_throughput",
    "GET /api/v1/cases/{id} (bearer token, random ids) vs GET /bare/{id}, 8 connections, "
    "both with production's worker processes (2 on PostgreSQL, 1 on SQLite)",
)
def case_read_throughput(ctx: Context) -> Result:
    workers = ctx.workers(next(iter(ctx.sizes)))
    bare = load.throughput(ctx.bare(workers), lambda rng: f"/bare/{rng.randrange(1, 100_000)}")
    rows = [["target", "req/s", "p50 ms", "p95 ms", "server CPU", "client CPU", "requests"]]
    rows.append(_throughput_row("bare FastAPI", bare))
    data: dict[str, Any] = {"app_workers": workers, "bare": bare.as_dict()}
    headline: dict[str, float] = {}
    for name in ctx.sizes:
        ids = ctx.dataset(name).visible_ids
        result = load.throughput(
            ctx.app(name, workers=workers),
            lambda rng, ids=ids: f"/api/v1/cases/{rng.choice(ids)}",  # type: ignore[misc]
            headers=ctx.token_headers(name),
        )
        data[f"app_{name}"] = result.as_dict()
        data[f"ratio_app_{name}_over_bare"] = _ratio(result.rps, bare.rps)
        headline[f"case_read_rps_ratio_app_{name}_over_bare"] = _ratio(result.rps, bare.rps)
        rows.append(_throughput_row(f"app, {name} cases", result))
    return Result(table=rows, data=data, headline=headline)


def _throughput_row(label: str, t: load.Throughput) -> list[str]:
    return [
        label,
        f"{t.rps:,.0f}",
        f"{t.p50_ms:.1f}",
        f"{t.p95_ms:.1f}",
        f"{t.server_cpu:.2f}",
        f"{t.client_cpu:.2f}",
        f"{t.requests:,}",
    ]


def _latency_scenario(ctx: Context, path: str, key: str) -> Result:
    rows = [["dataset", "p50 ms", "p95 ms", "mean ms", "requests", "total matches"]]
    data: dict[str, Any] = {"path": path}
    results: dict[str, load.Latency] = {}
    for name in ctx.sizes:
        result = load.latency(ctx.app(name), lambda _rng: path, headers=ctx.token_headers(name))
        results[name] = result
        total = (result.last_json or {}).get("total")
        data[name] = {**result.as_dict(), "total": total}
        rows.append(
            [
                f"{name} cases",
                f"{result.p50_ms:.1f}",
                f"{result.p95_ms:.1f}",
                f"{result.mean_ms:.1f}",
                str(result.requests),
                f"{total:,}" if isinstance(total, int) else "?",
            ]
        )
    headline: dict[str, float] = {}
    names = list(ctx.sizes)
    if len(names) >= 2:
        small, large = results[names[0]], results[names[-1]]
        ratios = {
            "p50": _ratio(large.p50_ms, small.p50_ms),
            "p95": _ratio(large.p95_ms, small.p95_ms),
        }
        data[f"ratio_{names[-1]}_over_{names[0]}"] = ratios
        headline[f"{key}_p50_ratio_{names[-1]}_over_{names[0]}"] = ratios["p50"]
        headline[f"{key}_p95_ratio_{names[-1]}_over_{names[0]}"] = ratios["p95"]
        headline[f"{key}_p50_ms_{names[-1]}"] = round(large.p50_ms, 2)
        rows.append(
            [f"ratio {names[-1]}/{names[0]}", f"{ratios['p50']:.1f}x", f"{ratios['p95']:.1f}x"]
            + [""] * 3
        )
    return Result(table=rows, data=data, headline=headline)


@scenario("case_list_latency", "GET /api/v1/cases?page=1&page_size=25, sequential")
def case_list_latency(ctx: Context) -> Result:
    return _latency_scenario(ctx, "/api/v1/cases?page=1&page_size=25", "case_list")


@scenario("case_search_latency", f"GET /api/v1/cases?q={SEARCH_NAME} (a family name), sequential")
def case_search_latency(ctx: Context) -> Result:
    return _latency_scenario(ctx, f"/api/v1/cases?q={SEARCH_NAME}", "case_search")


@scenario(
    "case_list_plans",
    "In-process: the SQL that case search() runs on the largest dataset, its plan and time",
)
def case_list_plans(ctx: Context) -> Result:
    from app.db import make_engine
    from app.models import ApiToken
    from app.services import access
    from app.services import case as case_service
    from app.services.audit import SYSTEM
    from app.services.auth import TokenGrant

    name = list(ctx.sizes)[-1]
    engine = make_engine(ctx.dataset(name).url).execution_options(sqlite_immediate=False)
    captured: list[tuple[str, Any]] = []
    recording = {"on": False}

    @event.listens_for(engine, "before_cursor_execute")
    def _capture(_conn, _cursor, statement, parameters, _context, _many):  # type: ignore[no-untyped-def]
        if recording["on"]:
            captured.append((statement, parameters))

    rows = [["query", "statement", "median ms", "plan"]]
    data: dict[str, Any] = {"dataset": name}
    try:
        with Session(engine) as session:
            token = session.scalars(select(ApiToken)).one()
            principal = access.Principal(actor=SYSTEM, token=TokenGrant.of(token),
                                         scopes=frozenset(["read"]))
            for label, filters in (
                ("list", case_service.CaseFilter()),
                ("search", case_service.CaseFilter(q=SEARCH_NAME)),
            ):
                captured.clear()
                recording["on"] = True
                case_service.search(
                    session,
                    filters=filters,
                    page=1,
                    page_size=25,
                    visible=access.visible(principal),
                )
                recording["on"] = False
                # The first two are the count and the page; the rest load teams and workers.
                for kind, (sql, params) in zip(("count", "page"), captured, strict=False):
                    ms = _median_ms(session, sql, params)
                    plan = _plan(session, sql, params)
                    data[f"{label}_{kind}"] = {"sql": sql, "median_ms": ms, "plan": plan}
                    rows.append([label, kind, f"{ms:.1f}", " | ".join(plan)])
    finally:
        engine.dispose()
    return Result(table=rows, data=data)


def _median_ms(session: Session, sql: str, params: Any, runs: int = 5) -> float:
    conn = session.connection()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        conn.exec_driver_sql(sql, params).fetchall()
        times.append(time.perf_counter() - t0)
    return round(sorted(times)[runs // 2] * 1000, 2)


def _plan(session: Session, sql: str, params: Any) -> list[str]:
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        return [str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params)]
    return [str(r[0]) for r in conn.exec_driver_sql("EXPLAIN ANALYZE " + sql, params)]


# Scenarios kept in their own modules register themselves on import.
from bench import (  # noqa: E402,F401,I001
    board_scenarios,
    census_scenarios,
    genogram_scenarios,
    mapping_scenarios,
    mixed_scenarios,
    pdf_scenarios,
    voice_scenarios,
    write_scenarios,
)
