"""Scenario for issue #16 part 7: a mixed load as a working day brings it. Several clients at
once, each request 80 % reads (a case, a whole mapping, case search) and 20 % writes (an item
added to a mapping), for a fixed time, on the app with its production worker count (2 on
PostgreSQL, 1 on SQLite); p50/p95 per kind, errors (any answer that is not the success), and
each app process's peak memory (VmHWM). Baseline in the same run: the same reads by one
client alone."""

from __future__ import annotations

import random
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from bench import load
from bench.context import Context
from bench.mapping_scenarios import build_mapping
from bench.scenarios import Result, _ratio, scenario
from bench.write_scenarios import _write_token, together

CLIENTS = 8
SECONDS = 20.0


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _run(base_url: str, token: str, reads: list[str], write: str, clients: int,
         seconds: float, write_share: float) -> dict[str, Any]:
    barrier = threading.Barrier(clients + 1)
    times: dict[str, list[float]] = {"read": [], "write": []}
    errors: list[str] = []
    lock = threading.Lock()

    def client_loop(i: int) -> None:
        rng = random.Random(i)
        mine: dict[str, list[float]] = {"read": [], "write": []}
        bad: list[str] = []
        with httpx.Client(base_url=base_url, timeout=60,
                          headers={"Authorization": f"Bearer {token}"}) as client:
            client.get("/healthz")
            barrier.wait()
            end = time.monotonic() + seconds
            n = 0
            while time.monotonic() < end:
                n += 1
                if rng.random() < write_share:
                    t0 = time.perf_counter()
                    r = client.post(write, json={"category": "existing_strength",
                                                 "text": f"Client {i} strength {n}"})
                    mine["write"].append(time.perf_counter() - t0)
                    if r.status_code != 201:
                        bad.append(f"POST {r.status_code}")
                else:
                    path = rng.choice(reads)
                    t0 = time.perf_counter()
                    r = client.get(path)
                    mine["read"].append(time.perf_counter() - t0)
                    if r.status_code != 200:
                        bad.append(f"GET {path} {r.status_code}")
        with lock:
            for k in times:
                times[k].extend(mine[k])
            errors.extend(bad)

    elapsed = together(client_loop, clients, barrier)
    out: dict[str, Any] = {"clients": clients, "seconds": round(elapsed, 1),
                           "errors": len(errors), "error_kinds": sorted(set(errors))[:5]}
    for kind, values in times.items():
        ordered = sorted(values)
        out[kind] = {"requests": len(values),
                     "per_s": round(len(values) / elapsed, 1) if elapsed else 0.0,
                     "p50_ms": round(load.percentile(ordered, 50) * 1000, 1) if ordered else 0,
                     "p95_ms": round(load.percentile(ordered, 95) * 1000, 1) if ordered else 0}
    return out


@scenario("mixed_load", f"{CLIENTS} clients for {SECONDS:.0f} s, 80 % reads (case, whole "
                        "mapping, search) and 20 % writes (items): p50/p95, errors, peak memory "
                        "per app process, vs the same reads by one client")
def mixed_load(ctx: Context) -> Result:
    ds = ctx.dataset("1k")
    case_id = ds.visible_ids[3]
    mapping_id = build_mapping(ds.url, case_id, 40)
    workers = ctx.workers("1k")
    server = ctx.app("1k", workers=workers)
    token = _write_token(ds.url)
    name = ds.family_names[0][:4]
    reads = [f"/api/v1/cases/{case_id}", f"/api/v1/cases/{case_id}/mappings/{mapping_id}",
             f"/api/v1/cases?q={name}"]
    write = f"/api/v1/cases/{case_id}/mappings/{mapping_id}/items"
    alone = _run(server.base_url, token, reads, write, 1, SECONDS / 2, 0.0)
    mixed = _run(server.base_url, token, reads, write, CLIENTS, SECONDS, 0.2)
    peaks = {pid: round(_peak_mb(pid)) for pid in server.processes()}
    rows = [["load", "reads/s", "read p50 ms", "read p95 ms", "writes/s", "write p50 ms",
             "write p95 ms", "errors"],
            ["1 client, reads", f"{alone['read']['per_s']}", f"{alone['read']['p50_ms']}",
             f"{alone['read']['p95_ms']}", "", "", "", str(alone["errors"])],
            [f"{CLIENTS} clients, 80/20", f"{mixed['read']['per_s']}",
             f"{mixed['read']['p50_ms']}", f"{mixed['read']['p95_ms']}",
             f"{mixed['write']['per_s']}", f"{mixed['write']['p50_ms']}",
             f"{mixed['write']['p95_ms']}", str(mixed["errors"])],
            ["peak MB per app process", ", ".join(str(v) for v in peaks.values()),
             "", "", "", "", "", ""]]
    ratio = _ratio(mixed["read"]["p50_ms"], alone["read"]["p50_ms"])
    return Result(rows, {"app_workers": workers, "alone": alone, "mixed": mixed,
                         "peak_mb": peaks, "read_p50_mixed_over_alone": ratio},
                  {"mixed_read_p95_ms": mixed["read"]["p95_ms"],
                   "mixed_write_p95_ms": mixed["write"]["p95_ms"],
                   "mixed_errors": mixed["errors"],
                   "mixed_peak_mb_max": max(peaks.values()) if peaks else 0})
