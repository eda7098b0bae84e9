"""Scenario for issue #15: the Children in Need census return for 5,000 children, generated
from the record and validated with the Department's rules, run as a council would run it
(`python -m app returns cin` in a process of its own), timed and its peak memory measured;
beside it, the baseline in the same run: reading those children's rows (persons, events,
plans) with plain SELECTs."""

from __future__ import annotations

import os
import random
import resource
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select, text, update

from bench import data
from bench.context import Context
from bench.scenarios import Result, _ratio, scenario

CHILDREN = 5_000
YEAR = 2026  # the census ending 31 March 2026


def _journeys(url: str, n: int) -> int:
    """Give `n` children a year's journey: census details, a referral, an assessment with
    factors, for some an enquiry, a conference and a child protection plan with reviews,
    for the others a child in need plan; a quarter of the cases closed."""
    from app.db import make_engine
    from app.models.case_event import CaseEvent
    from app.models.child_status import ChildStatus
    from app.models.enums import PersonKind
    from app.models.person import Person
    from app.services import census_codes

    rng = random.Random(15)
    now = datetime.now(UTC)
    stamp = {"version": 1, "created_at": now, "updated_at": now}
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            cases = [r[0] for r in conn.execute(text("SELECT id FROM case_record ORDER BY id"))]
            have = [tuple(r) for r in conn.execute(select(Person.id, Person.case_id).where(
                Person.kind == PersonKind.child).order_by(Person.id))]
            extra = [{"case_id": cases[i % len(cases)], "kind": PersonKind.child,
                      "given_name": f"Child{i}", "family_name": "Bench",
                      "date_of_birth": date(2010 + i % 14, 1 + i % 12, 1 + i % 27),
                      "deceased": False, "archived": False, **stamp}
                     for i in range(max(0, n - len(have)))]
            if extra:
                conn.execute(insert(Person), extra)
            children = [tuple(r) for r in conn.execute(select(Person.id, Person.case_id).where(
                Person.kind == PersonKind.child).order_by(Person.id).limit(n))]
            ethnic = list(census_codes.labels("ethnicity"))[:18]
            for pid, _ in children:
                conn.execute(
                    update(Person).where(Person.id == pid).values(
                        date_of_birth=date(2010 + pid % 14, 1 + pid % 12, 1 + pid % 27),
                        expected_date=None, sex=rng.choice("MF"),
                        ethnicity=rng.choice(ethnic),
                        disabilities=rng.choice(["NONE"] * 8 + ["LD", "AUT", "COMM", "MOB",
                                                                "HEAR", "VIS", "BEH", "PC"]),
                        upn=census_codes.with_check_letter(f"201{pid:09d}")))
            events: list[dict[str, Any]] = []
            plans: list[dict[str, Any]] = []
            base = {"recorded_by_name": "Bench", "withdrawn": False, "no_further_action": False,
                    "no_conference": False, "code": None, "need_code": None,
                    "completed_on": None, "strategy_on": None, "factors": None, **stamp}
            for pid, cid in children:
                day = date(2025, 4, 7) + timedelta(days=rng.randint(0, 200))
                common = {"case_id": cid, "child_id": pid, **base}
                events.append({**common, "kind": "referral", "happened_on": day,
                               "code": rng.choice(["2A", "3A", "6", "1A", "5D"]),
                               "need_code": "N1"})
                events.append({**common, "kind": "assessment", "happened_on": day,
                               "completed_on": day + timedelta(days=30),
                               "factors": rng.choice(["3B 16A", "4B", "1B 2B", "21"])})
                if rng.random() < 0.3:
                    s47 = day + timedelta(days=3)
                    while s47.weekday() >= 5:
                        s47 += timedelta(days=1)
                    icpc = s47 + timedelta(days=14)
                    while icpc.weekday() >= 5:
                        icpc += timedelta(days=1)
                    events.append({**common, "kind": "section47", "happened_on": s47,
                                   "strategy_on": s47})
                    events.append({**common, "kind": "initial_conference", "happened_on": icpc})
                    events.append({**common, "kind": "cp_review",
                                   "happened_on": icpc + timedelta(days=90)})
                    plans.append({"case_id": cid, "child_id": pid,
                                  "kind": "child_protection_plan", "category": "neglect",
                                  "starts_on": icpc, "ends_on": None,
                                  "recorded_by_name": "Bench", **stamp})
                else:
                    plans.append({"case_id": cid, "child_id": pid, "kind": "child_in_need",
                                  "category": None, "starts_on": day + timedelta(days=31),
                                  "ends_on": None, "recorded_by_name": "Bench", **stamp})
            for i in range(0, len(events), data.BATCH):
                conn.execute(insert(CaseEvent), events[i:i + data.BATCH])
            conn.execute(insert(ChildStatus), plans)
        return len(children)
    finally:
        engine.dispose()


def _baseline(url: str) -> float:
    """Reading the rows the return is made from, with plain SELECTs (seconds)."""
    from app.db import make_engine

    engine = make_engine(url)
    try:
        t0 = time.perf_counter()
        with engine.connect() as conn:
            for sql in ("SELECT * FROM person WHERE kind = 'child'", "SELECT * FROM case_event",
                        "SELECT * FROM child_status"):
                conn.exec_driver_sql(sql).fetchall()
        return time.perf_counter() - t0
    finally:
        engine.dispose()


@scenario("census", f"The CIN census return for {CHILDREN:,} children: built from the record "
                    "and validated with the Department's rules by `python -m app returns cin` "
                    "(time, peak memory) vs reading the same rows")
def census_bench(ctx: Context) -> Result:
    url = ctx.databases.new("census")
    ds = data.build("census", url, CHILDREN // 2)
    n = _journeys(url, CHILDREN)
    baseline = _baseline(url)
    out = ctx.tmp / "census.xml"
    env = {**os.environ, "DATABASE_URL": url, "JOB_WORKERS": "0"}
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "app", "returns", "cin", "--year", str(YEAR),
                           "--out", str(out)], env=env, capture_output=True, text=True,
                          check=False)
    seconds = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    summary = (proc.stdout.strip().splitlines() or ["(nothing printed)"])[-1]
    if proc.returncode not in (0, 2):
        raise RuntimeError(f"returns cin failed ({proc.returncode}): {proc.stderr[-2000:]}")
    errors = sum(1 for line in proc.stdout.splitlines() if line.startswith("ERROR"))
    rows = [["children", "return s", "peak MB", "baseline read s", "ratio", "errors",
             "file MB"],
            [f"{n:,}", f"{seconds:.1f}", f"{peak_mb:.0f}", f"{baseline:.2f}",
             f"{_ratio(seconds, baseline)}", str(errors), f"{out.stat().st_size / 1e6:.1f}"]]
    print(f"  {summary}")
    return Result(rows, {"children": n, "cases": ds.cases, "seconds": round(seconds, 1),
                         "peak_rss_mb": round(peak_mb), "baseline_seconds": round(baseline, 3),
                         "ratio": _ratio(seconds, baseline), "errors": errors,
                         "summary": summary},
                  {"census_5k_seconds": round(seconds, 1), "census_5k_peak_mb": round(peak_mb)})
