"""Scenario for issue #19: several people adding to one mapping at once.

1 and then 8 writers, each on its own connection, add items to the same draft mapping through
`POST .../items` (no If-Match: an addition conflicts with nothing). On PostgreSQL the app runs
with 2 worker processes, as a deployment of several replicas would; SQLite is one machine, so
one process. Every request must be answered 201: a refusal is counted and reported."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import httpx

from bench import load
from bench.context import Context
from bench.mapping_scenarios import build_mapping
from bench.scenarios import Result, _ratio, scenario


def together(work: Callable[[int], None], n: int, barrier: threading.Barrier) -> float:
    """Run `work(i)` in n threads that wait at `barrier` (made for n + 1) until all are
    ready; the seconds from the start line until the last one is done."""
    threads = [threading.Thread(target=work, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    barrier.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    return time.perf_counter() - t0

PER_WRITER = 40
TIME_LIMIT_S = 120.0


def _write_token(url: str) -> str:
    from sqlalchemy.orm import Session

    from app.db import make_engine
    from app.services import auth
    from app.services.audit import SYSTEM

    engine = make_engine(url)
    try:
        with Session(engine) as session:
            secret, _ = auth.issue_token(session, name="bench writer", scopes=["read", "write"],
                                         team_id=None, expires_in_days=1, actor=SYSTEM)
            session.commit()
            return secret
    finally:
        engine.dispose()


def _add_together(
    base_url: str, path: str, token: str, writers: int, per_writer: int = PER_WRITER
) -> dict[str, float]:
    """`writers` threads, released together, each adding `per_writer` items."""
    barrier = threading.Barrier(writers + 1)
    latencies: list[float] = []
    statuses: list[int] = []
    lock = threading.Lock()
    deadline = time.monotonic() + TIME_LIMIT_S

    def run(i: int) -> None:
        mine: list[tuple[float, int]] = []
        with httpx.Client(base_url=base_url, timeout=60,
                          headers={"Authorization": f"Bearer {token}"}) as client:
            client.get("/healthz")
            barrier.wait()
            for n in range(per_writer):
                if time.monotonic() > deadline:
                    break
                t0 = time.perf_counter()
                r = client.post(path, json={"category": "existing_strength",
                                            "text": f"Writer {i} strength {n}"})
                mine.append((time.perf_counter() - t0, r.status_code))
        with lock:
            latencies.extend(t for t, _ in mine)
            statuses.extend(s for _, s in mine)

    seconds = together(run, writers, barrier)
    ordered = sorted(latencies)
    return {
        "writers": writers,
        "requests": len(statuses),
        "created": statuses.count(201),
        "refused": len(statuses) - statuses.count(201),
        "seconds": round(seconds, 3),
        "additions_per_s": round(statuses.count(201) / seconds, 1) if seconds else 0.0,
        "p50_ms": round(load.percentile(ordered, 50) * 1000, 1),
        "p95_ms": round(load.percentile(ordered, 95) * 1000, 1),
    }


@scenario(
    "mapping_write_concurrency",
    "POST items to one mapping: 1 writer, then 8 at once (2 app workers on PostgreSQL)",
)
def mapping_write_concurrency(ctx: Context) -> Result:
    ds = ctx.dataset("1k")
    case_id = ds.visible_ids[2]
    mapping_id = build_mapping(ds.url, case_id, 0)
    workers = ctx.workers("1k")
    server = ctx.app("1k", workers=workers)
    token = _write_token(ds.url)
    path = f"/api/v1/cases/{case_id}/mappings/{mapping_id}/items"
    # Warm every worker's connections and code paths before measuring.
    _add_together(server.base_url, path, token, 8, per_writer=5)
    one = _add_together(server.base_url, path, token, 1)
    eight = _add_together(server.base_url, path, token, 8)
    rows = [["writers", "additions/s", "p50 ms", "p95 ms", "created", "refused"]]
    for r in (one, eight):
        rows.append([str(r["writers"]), f"{r['additions_per_s']:.1f}", f"{r['p50_ms']:.1f}",
                     f"{r['p95_ms']:.1f}", str(r["created"]), str(r["refused"])])
    ratio = _ratio(eight["additions_per_s"], one["additions_per_s"])
    rows.append(["8 vs 1", f"{ratio:.2f}x", "", "", "", ""])
    return Result(
        table=rows,
        data={"app_workers": workers, "one": one, "eight": eight, "ratio_8_over_1": ratio},
        headline={
            "write_8_additions_per_s": eight["additions_per_s"],
            "write_8_p95_ms": eight["p95_ms"],
            "write_8_refused": eight["refused"],
            "write_8_over_1_ratio": ratio,
        },
    )
