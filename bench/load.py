"""Load generation over loopback: concurrent throughput and sequential latency.

Every loop is bounded by both a request count and a time limit.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import httpx

from bench.servers import Server

#: Makes one request path from a random generator (each thread has its own).
PathFn = Callable[[random.Random], str]
MAX_ERROR_RATE = 0.01


@dataclass
class Throughput:
    requests: int
    errors: int
    seconds: float
    server_cpu: float
    client_cpu: float
    p50_ms: float
    p95_ms: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "requests_per_second": round(self.rps, 1),
            "requests": self.requests,
            "errors": self.errors,
            "seconds": round(self.seconds, 2),
            # Share of one core used during the run: near 1.0 for the server means the server
            # was the bottleneck; near 1.0 for the client means the load generator was.
            "server_cpu_cores": round(self.server_cpu, 2),
            "client_cpu_cores": round(self.client_cpu, 2),
            "latency_p50_ms": round(self.p50_ms, 2),
            "latency_p95_ms": round(self.p95_ms, 2),
        }


@dataclass
class Latency:
    requests: int
    p50_ms: float
    p95_ms: float
    mean_ms: float
    last_json: Any

    def as_dict(self) -> dict[str, Any]:
        return {
            "requests": self.requests,
            "p50_ms": round(self.p50_ms, 2),
            "p95_ms": round(self.p95_ms, 2),
            "mean_ms": round(self.mean_ms, 2),
        }


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of an already sorted list (q in 0..100)."""
    if not sorted_values:
        return float("nan")
    rank = max(1, -(-len(sorted_values) * q // 100))
    return sorted_values[int(rank) - 1]


def throughput(
    server: Server,
    path: PathFn,
    *,
    headers: dict[str, str] | None = None,
    concurrency: int = 8,
    max_requests: int = 20_000,
    max_seconds: float = 10.0,
    warmup_requests: int = 300,
    seed: int = 7,
) -> Throughput:
    """Requests per second with `concurrency` keep-alive connections, after a warm-up."""
    _burst(server, path, headers, concurrency, warmup_requests, 5.0, seed + 1000)
    return _burst(server, path, headers, concurrency, max_requests, max_seconds, seed)


def _burst(
    server: Server,
    path: PathFn,
    headers: dict[str, str] | None,
    concurrency: int,
    max_requests: int,
    max_seconds: float,
    seed: int,
) -> Throughput:
    lock = threading.Lock()
    issued = 0
    errors = 0
    latencies: list[float] = []
    deadline = 0.0

    def worker(n: int) -> None:
        nonlocal issued, errors
        rng = random.Random(seed * 100 + n)
        mine: list[float] = []
        bad = 0
        with httpx.Client(
            base_url=server.base_url,
            headers=headers,
            timeout=30.0,
            limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
        ) as client:
            while time.perf_counter() < deadline:
                with lock:
                    if issued >= max_requests:
                        break
                    issued += 1
                t0 = time.perf_counter()
                response = client.get(path(rng))
                mine.append(time.perf_counter() - t0)
                if response.status_code != 200:
                    bad += 1
        with lock:
            latencies.extend(mine)
            errors += bad

    cpu0, server_cpu0 = time.process_time(), server.cpu_seconds()
    started = time.perf_counter()
    deadline = started + max_seconds
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        for future in [pool.submit(worker, i) for i in range(concurrency)]:
            future.result()
    elapsed = time.perf_counter() - started
    client_cpu = (time.process_time() - cpu0) / elapsed
    server_cpu = (server.cpu_seconds() - server_cpu0) / elapsed
    latencies.sort()
    result = Throughput(
        requests=len(latencies),
        errors=errors,
        seconds=elapsed,
        server_cpu=server_cpu,
        client_cpu=client_cpu,
        p50_ms=percentile(latencies, 50) * 1000,
        p95_ms=percentile(latencies, 95) * 1000,
    )
    _check_errors(server, result.requests, errors)
    return result


def latency(
    server: Server,
    path: PathFn,
    *,
    headers: dict[str, str] | None = None,
    max_requests: int = 200,
    max_seconds: float = 15.0,
    warmup_requests: int = 10,
    seed: int = 11,
    json: bool = True,
) -> Latency:
    """Sequential requests on one connection: p50 and p95 in milliseconds."""
    rng = random.Random(seed)
    times: list[float] = []
    errors = 0
    last_json: Any = None
    with httpx.Client(base_url=server.base_url, headers=headers, timeout=60.0) as client:
        for _ in range(warmup_requests):
            client.get(path(rng))
        deadline = time.perf_counter() + max_seconds
        while len(times) < max_requests and time.perf_counter() < deadline:
            t0 = time.perf_counter()
            response = client.get(path(rng))
            times.append(time.perf_counter() - t0)
            if response.status_code != 200:
                errors += 1
            elif json:
                last_json = response.json()
    _check_errors(server, len(times), errors)
    ordered = sorted(times)
    return Latency(
        requests=len(times),
        p50_ms=percentile(ordered, 50) * 1000,
        p95_ms=percentile(ordered, 95) * 1000,
        mean_ms=sum(times) / len(times) * 1000 if times else float("nan"),
        last_json=last_json,
    )


def _check_errors(server: Server, requests: int, errors: int) -> None:
    if requests == 0 or errors / requests > MAX_ERROR_RATE:
        raise RuntimeError(
            f"{server.name}: {errors} of {requests} requests failed; see {server.log}"
        )
