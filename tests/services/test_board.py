"""The supervisor board: SQL aggregation that agrees with the quality service, in a fixed
number of statements."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import event

from app.db import get_engine
from app.models.enums import Category, FamilyView, RaterKind, Role
from app.services import board as board_service
from app.services import mapping as mapping_service
from app.services import quality
from app.services.access import Principal
from app.services.audit import SYSTEM
from tests.conftest import is_postgres
from tests.factories import (
    make_case,
    make_item,
    make_mapping,
    make_rating,
    make_team,
    make_user,
)


def _principal(user):
    return Principal(actor=SYSTEM, user=user, scopes=frozenset({"read", "write"}))


def _varied_case(session, team, worker, n: int):
    """Cases in different states, so every signal is exercised somewhere."""
    case = make_case(session, team=team, worker=worker, family_name=f"Family{n:03d}")
    if n % 5 == 0:
        return case  # no mapping at all
    old = make_mapping(session, case=case, held_on=date.today() - timedelta(weeks=12))
    make_rating(session, mapping=old, score=2 + n % 3, rater_name="W")
    if n % 5 == 1:
        return case  # only an old mapping
    m = make_mapping(session, case=case, held_on=date.today() - timedelta(days=n % 20))
    d = make_item(session, mapping=m, category=Category.danger_statement, ds_behaviour=f"d{n}")
    if n % 2:
        make_item(session, mapping=m, category=Category.safety_goal, sg_carers_doing="g",
                  pairs_with_id=d.id)
    if n % 3 == 0:
        make_item(session, mapping=m, category=Category.safety_goal, sg_carers_doing="orphan")
    make_item(session, mapping=m, category=Category.harm, harm_adult_action="h",
              harm_impact=None if n % 4 == 0 else "hurt")
    if n % 4 != 3:
        make_item(session, mapping=m, category=Category.next_step, text="step",
                  ns_by_when=date.today() - timedelta(days=3), ns_done=bool(n % 8 == 2))
    make_item(session, mapping=m, category=Category.existing_strength, text="s")
    if n % 2 == 0:
        if n % 6 != 4:  # some scored pairs without the overall question
            make_rating(session, mapping=m, score=5, rater_name="W")
        make_rating(session, mapping=m, score=n % 11, danger=d, rater_name="Mum",
                    rater_kind=RaterKind.parent)
    if n % 7 == 2:  # a second worry nobody has scored, whose view the family gave
        make_item(session, mapping=m, category=Category.danger_statement, ds_behaviour="e",
                  family_view=FamilyView.disagrees)
    return case


def test_board_agrees_with_the_quality_service_case_by_case(session):
    team = make_team(session)
    manager = make_user(session, role=Role.supervisor, team=team, name="Chris Dale")
    workers = [make_user(session, team=team, name=f"Worker {i}") for i in range(3)]
    cases = [_varied_case(session, team, workers[n % 3], n) for n in range(20)]
    other = make_case(session, team=make_team(session), worker=None, family_name="Elsewhere")
    session.commit()

    board = board_service.build(session, _principal(manager), session.get(type(team), team.id))
    rows = {r.case_id: r for r in board_service.flat(board)}
    assert set(rows) == {c.id for c in cases} and other.id not in rows
    seen_codes: set[str] = set()
    for c in cases:
        maps = mapping_service.list_for_case(session, case=c)
        row = rows[c.id]
        if not maps:
            assert row.mapping_id is None and "no_mapping" in row.flags(8, date.today())
            continue
        latest = mapping_service.load(session, case=c, mapping_id=maps[0].id)
        assert row.mapping_id == latest.id
        fm = mapping_service.full(session, mapping=latest)
        signals = quality.signals(fm, labels={k: k for k in quality_labels()}, network_told=0)
        codes = {s.code for s in signals}
        seen_codes |= codes
        assert row.signal_count == len(signals), (c.family_name, signals)
        flags = row.flags(8, date.today())
        assert ("danger_without_goal" in codes) == ("danger_without_goal" in flags)
        assert ("no_scaling" in codes) == ("no_scaling" in flags)
        assert ("overdue_next_step" in codes) == (row.overdue > 0)
    # Every signal about scores and the family's view was exercised and counted the same.
    assert {"unscored_pair", "no_overall", "family_view_not_asked", "no_scaling"} <= seen_codes
    assert board.totals["cases"] == 20
    assert sum(g.totals["cases"] for g in board.groups) == 20
    assert [g.worker_name for g in board.groups] == ["Worker 0", "Worker 1", "Worker 2"]


def quality_labels():
    from app.services.labels import KEYS

    return KEYS


def test_filters_and_sorting(session):
    team = make_team(session)
    manager = make_user(session, role=Role.supervisor, team=team)
    w = make_user(session, team=team, name="Sam Patel")
    for n in range(10):
        _varied_case(session, team, w if n < 5 else manager, n)
    session.commit()
    p = _principal(manager)
    t = session.get(type(team), team.id)
    only = board_service.build(session, p, t, signal="danger_without_goal")
    assert only.total_rows > 0
    assert all("danger_without_goal" in r.flags(8, date.today())
               for r in board_service.flat(only))
    mine = board_service.build(session, p, t, worker_id=w.id)
    assert {g.worker_name for g in mine.groups} == {"Sam Patel"}
    for group in board_service.build(session, p, t, sort="signals").groups:
        counts = [r.signal_count for r in group.rows]
        assert counts == sorted(counts, reverse=True)


def _count_statements(fn):
    engine = get_engine()
    seen: list[str] = []

    def before(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        fn()
    finally:
        event.remove(engine, "before_cursor_execute", before)
    return len(seen)


def test_statement_count_does_not_grow_with_the_number_of_cases(session):
    from app.db import get_read_sessionmaker

    team = make_team(session)
    manager = make_user(session, role=Role.supervisor, team=team)
    w = make_user(session, team=team)
    for n in range(5):
        _varied_case(session, team, w, n)
    session.commit()

    def run() -> int:
        with get_read_sessionmaker()() as s:
            p = _principal(s.get(type(manager), manager.id))
            return _count_statements(
                lambda: board_service.build(s, p, s.get(type(team), team.id))
            )

    small = run()
    for n in range(5, 50):
        _varied_case(session, team, w, n)
    session.commit()
    large = run()
    assert small == large, (small, large)
    # On PostgreSQL one more: which cases are due a refresh of their summary (none here).
    assert large <= 6 + (1 if is_postgres() else 0)
