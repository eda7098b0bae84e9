"""Scenarios for issue #13: the genogram of a family of 40 people (four generations, separated
and re-partnered parents, half-siblings, households) and of 300, drawn by the server: the
layout and SVG in this process, and GET /genogram.svg on the served app against GET of the
case itself on the same server (the baseline)."""

from __future__ import annotations

import random
import statistics
import time
from datetime import date

from sqlalchemy.orm import Session

from bench import load
from bench.context import Context
from bench.scenarios import Result, _ratio, scenario
from bench.write_scenarios import _write_token

ROUNDS = 40


def _family(url: str, case_id: int, size: int) -> None:
    """Add a family of `size` people to the case: a couple at the top; each generation's
    people partner (some separate and re-partner) and have children, until there are enough."""
    from app.db import make_engine
    from app.models.enums import AdultRole, Gender, KinKind, PersonKind
    from app.models.household import HouseholdMember
    from app.models.kinship import Kinship
    from app.models.person import Person

    rng = random.Random(size)
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            people: list[Person] = []
            ties: list[tuple[int, KinKind, int]] = []

            def add(gen: int, gender: Gender) -> int:
                child = gen >= 3
                p = Person(case_id=case_id, given_name=f"P{len(people)}", family_name="Bench",
                           kind=PersonKind.child if child else PersonKind.adult,
                           role=None if child else AdultRole.relative, gender=gender,
                           date_of_birth=date(1950 + 25 * gen, 1 + len(people) % 12, 1))
                people.append(p)
                return len(people) - 1

            couples: list[tuple[int, int, int]] = []
            while len(people) < size:
                if not couples:
                    # Another branch of the family, joined by a sibling at the top.
                    top = [add(0, Gender.female), add(0, Gender.male)]
                    ties.append((top[0], KinKind.partner, top[1]))
                    if len(people) > 2:
                        ties.append((0, KinKind.sibling, top[0]))
                    couples.append((top[0], top[1], 0))
                    continue
                a, b, gen = couples.pop(0)
                kids = [add(gen + 1, rng.choice([Gender.female, Gender.male]))
                        for _ in range(rng.randint(2, 4)) if len(people) < size]
                for k in kids:
                    ties += [(a, KinKind.parent, k), (b, KinKind.parent, k)]
                for x, y in zip(kids, kids[1:], strict=False):
                    ties.append((x, KinKind.sibling, y))
                for k in kids:
                    if len(people) >= size or gen + 1 >= 3:
                        continue
                    other = add(gen + 1, Gender.male if people[k].gender == Gender.female
                                else Gender.female)
                    if rng.random() < 0.3 and len(people) < size:
                        ties.append((k, KinKind.ex_partner, other))
                        couples.append((k, other, gen + 1))
                        again = add(gen + 1, people[other].gender or Gender.male)
                        ties.append((k, KinKind.partner, again))
                        couples.append((k, again, gen + 1))
                    else:
                        ties.append((k, KinKind.partner, other))
                        couples.append((k, other, gen + 1))
            session.add_all(people)
            session.flush()
            session.add_all([Kinship(case_id=case_id, person_id=people[a].id, kind=kind,
                                     relative_id=people[b].id) for a, kind, b in ties])
            session.add_all([HouseholdMember(case_id=case_id, person_id=p.id,
                                             household=f"Home {i // 5}")
                             for i, p in enumerate(people[-10:])])
            session.commit()
    finally:
        engine.dispose()


def _always(path: str) -> load.PathFn:
    return lambda _rng: path


@scenario("genogram", "The genogram of 40 and of 300 people: layout + SVG in process, and GET "
                      "/genogram.svg on the served app vs GET of the case on the same server")
def genogram_bench(ctx: Context) -> Result:
    from app.db import make_engine
    from app.models.case import Case
    from app.services import genogram

    ds = ctx.dataset("1k")
    cases = {40: ds.visible_ids[6], 300: ds.visible_ids[7]}
    for size, case_id in cases.items():
        _family(ds.url, case_id, size)
    rows = [["family", "people drawn", "in process p50 ms", "served p50 ms", "served p95 ms",
             "case read p50 ms", "ratio genogram/case"]]
    headline: dict[str, float] = {}
    data: dict[str, object] = {}
    server = ctx.app("1k")
    token = _write_token(ds.url)
    headers = {"Authorization": f"Bearer {token}"}
    engine = make_engine(ds.url)
    try:
        for size, case_id in cases.items():
            with Session(engine) as session:
                case = session.get(Case, case_id)
                assert case is not None
                times = []
                for _ in range(ROUNDS):
                    t0 = time.perf_counter()
                    g = genogram.for_case(session, case=case)
                    genogram.drawing(g, case=case)
                    times.append(time.perf_counter() - t0)
                in_ms = statistics.median(times) * 1000
                drawn = len(g.nodes) if g.drawn else 0
                forced = []
                if not g.drawn:
                    # What drawing it anyway would cost (the app gives the list instead).
                    limit, genogram.MAX_DRAWN = genogram.MAX_DRAWN, 10_000
                    try:
                        for _ in range(5):
                            t0 = time.perf_counter()
                            genogram.drawing(genogram.for_case(session, case=case), case=case)
                            forced.append(time.perf_counter() - t0)
                    finally:
                        genogram.MAX_DRAWN = limit
            svg = load.latency(server, _always(f"/api/v1/cases/{case_id}/genogram.svg"),
                               headers=headers, json=False, max_requests=100)
            base = load.latency(server, _always(f"/api/v1/cases/{case_id}"), headers=headers,
                                max_requests=100)
            rows.append([f"{size} people" + (" (goal p50 <= 50 ms)" if size == 40 else
                                             " (list, not drawn)"), str(drawn),
                         f"{in_ms:.1f}", f"{svg.p50_ms:.1f}", f"{svg.p95_ms:.1f}",
                         f"{base.p50_ms:.1f}", f"{_ratio(svg.p50_ms, base.p50_ms):.2f}x"])
            if forced:
                rows.append([f"{size} people, drawn anyway (in process only)", str(len(g.nodes)),
                             f"{statistics.median(forced) * 1000:.1f}", "", "", "", ""])
                headline[f"genogram_{size}_drawn_anyway_ms"] = round(
                    statistics.median(forced) * 1000, 1)
            headline[f"genogram_{size}_p50_ms"] = round(svg.p50_ms, 2)
            headline[f"genogram_{size}_in_process_p50_ms"] = round(in_ms, 2)
            headline[f"genogram_{size}_ratio_over_case_read"] = _ratio(svg.p50_ms, base.p50_ms)
            data[str(size)] = {"svg": svg.as_dict(), "case": base.as_dict(),
                               "in_process_ms": in_ms, "drawn": drawn}
    finally:
        engine.dispose()
    return Result(table=rows, data=data, headline=headline)
