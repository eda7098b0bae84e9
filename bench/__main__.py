"""`python -m bench [--only NAME ...] [--list]`: run the scenarios, print a table, write JSON."""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.config import ROOT
from bench.context import DATASETS, Context
from bench.scenarios import SCENARIOS, Result

RESULTS = ROOT / "bench-results" / "latest.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run only these scenarios")
    parser.add_argument("--list", action="store_true", help="list the scenarios and stop")
    parser.add_argument("--out", type=Path, default=RESULTS, help=f"default: {RESULTS}")
    args = parser.parse_args(argv)
    if args.list:
        for s in SCENARIOS.values():
            print(f"{s.name:<24} {s.description}")
        return 0
    unknown = set(args.only or ()) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenario(s): {', '.join(sorted(unknown))}")
    chosen = [s for s in SCENARIOS.values() if not args.only or s.name in args.only]

    started = time.perf_counter()
    results: dict[str, Any] = {}
    headline: dict[str, float] = {}
    failed: list[str] = []
    with Context(DATASETS) as ctx:
        print(f"Benchmarks on {ctx.databases.kind} (temporary data in {ctx.tmp})", flush=True)
        for s in chosen:
            print(f"\n== {s.name}: {s.description}", flush=True)
            t0 = time.perf_counter()
            try:
                result = s.run(ctx)
            except Exception as exc:  # report it and go on with the other scenarios
                traceback.print_exc()
                failed.append(s.name)
                results[s.name] = {"error": f"{type(exc).__name__}: {exc}"}
                continue
            seconds = time.perf_counter() - t0
            print_table(result)
            print(f"  ({seconds:.1f} s)", flush=True)
            results[s.name] = {**result.data, "seconds": round(seconds, 1)}
            headline.update(result.headline)
        datasets = {name: ds.summary() for name, ds in ctx.datasets.items()}
        database = ctx.databases.kind

    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": _git_commit(),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "database": database,
        "datasets": datasets,
        "summary": headline,
        "scenarios": results,
        "failed": failed,
        "seconds": round(time.perf_counter() - started, 1),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print("\nSummary")
    print_rows([["figure", "value"], *[[k, f"{v:g}"] for k, v in headline.items()]])
    print(f"\nWrote {args.out} in {report['seconds']:.0f} s.")
    if failed:
        print(f"FAILED: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


def print_table(result: Result) -> None:
    print_rows(result.table)


def print_rows(rows: list[list[str]], max_cell: int = 110) -> None:
    if not rows:
        return
    rows = [[c if len(c) <= max_cell else c[: max_cell - 1] + "…" for c in r] for r in rows]
    widths = [max(len(r[i]) for r in rows if i < len(r)) for i in range(max(map(len, rows)))]
    for n, row in enumerate(rows):
        cells = [
            c.rjust(widths[i]) if _numeric(c) else c.ljust(widths[i]) for i, c in enumerate(row)
        ]
        print("  " + "  ".join(cells).rstrip())
        if n == 0:
            print("  " + "  ".join("-" * w for w in widths))


def _numeric(cell: str) -> bool:
    try:
        float(cell.replace(",", "").removesuffix("x"))
    except ValueError:
        return False
    return True


def _git_commit() -> str | None:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


if __name__ == "__main__":
    sys.exit(main())
