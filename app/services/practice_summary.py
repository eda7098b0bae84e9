"""The practice summary behind the supervisor's board: one row per case, describing its
latest mapping (categories present, danger statements with goals, scaling, next-step dates,
the quality signals that do not depend on the date).

It is derived data, kept in step with the record by a session hook (practice_summary_hook):
every transaction that writes a case, a mapping, an item or a rating refreshes the summaries
of the cases it touched (SQLite: just before it commits, in the same transaction; PostgreSQL:
it notes them as due, and the next reader refreshes them first), so the board never shows a
half-applied change and a failed write leaves the summary as it was. Writes that bypass the
ORM (bulk loads) call `rebuild` afterwards; `check` reports any case whose stored row differs
from a fresh computation.

The figures are the same as app.services.quality gives for one mapping (a test compares
them case by case)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    delete,
    select,
)
from sqlalchemy.orm import Session

from app.models.case import Case
from app.models.enums import (
    SEVEN,
    CaseStatus,
    Category,
    MappingKind,
    MappingStatus,
    RaterKind,
)
from app.models.labels import LabelSet
from app.models.summary import PracticeSummary
from app.services.labels import resolve_expected
from app.services.practice_summary_sql import (
    CASES,
    ITEMS,
    NETWORK,
    PAIRS,
    RATINGS,
    SLIPS,
    STAGE_DONE,
    STAGES,
    UNCOVERED,
    UNEXPLAINED,
    VOICE,
)
from app.services.rater import FAR_APART, rater_key, spread

BIT = {c: 1 << i for i, c in enumerate(SEVEN)}
#: The board's filters that do not depend on the date, as bits of PracticeSummary.flags.
FLAG_BITS = {"danger_without_goal": 1, "next_steps_without_goals": 2, "no_scaling": 4,
             "empty_category": 8, "raters_apart": 16, "awaiting_sign_off": 32,
             "network_not_told": 64, "danger_without_rule": 128, "no_words_pictures": 256}
CHUNK = 2_000

#: Columns compared by `check` (refreshed_at is when, not what).
FIELDS = [c.key for c in PracticeSummary.__table__.columns if c.key != "refreshed_at"]


def _scores(rows: list[Any]) -> dict[str, Any]:
    """What one mapping's scores say: how many, the overall judgement (the worker's if given,
    else everyone's average), and where raters differ (each rater's latest score counts)."""
    overall_all = [r[6] for r in rows if r[1] is None]
    overall_worker = [r[6] for r in rows if r[1] is None and RaterKind(r[2]) == RaterKind.worker]
    by_question: dict[Any, list[tuple[str, int, str]]] = {}
    for _mid, danger, _kind, person, user, name, score in rows:
        by_question.setdefault(danger, []).append((rater_key(person, user, name), score, name))
    overall = (
        round(sum(overall_worker) / len(overall_worker), 1) if overall_worker
        else (round(sum(overall_all) / len(overall_all), 1) if overall_all else None)
    )
    out: dict[str, Any] = {"ratings": len(rows), "overall": overall, "overall_low": None,
                           "overall_low_by": None, "overall_high": None,
                           "overall_high_by": None, "widest_gap": 0}
    for danger, scores in by_question.items():
        sp = spread(scores)
        assert sp is not None
        out["widest_gap"] = max(out["widest_gap"], sp.gap)
        if danger is None:
            out["overall_low"], out["overall_low_by"] = sp.low, sp.low_by
            out["overall_high"], out["overall_high_by"] = sp.high, sp.high_by
    return out


def compute(conn: Connection, case_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Fresh summary rows for these cases, in six statements."""
    ids = sorted(set(case_ids))
    if not ids:
        return {}
    out: dict[int, dict[str, Any]] = {}
    by_mapping: dict[int, dict[str, Any]] = {}
    previous_of: dict[int, dict[str, Any]] = {}
    now = datetime.now(UTC)
    kinds: dict[int, MappingKind] = {}
    for cid, team, worker, status, restricted, mid, held, mstatus, mkind, prev in conn.execute(
        CASES, {"ids": ids}
    ):
        row: dict[str, Any] = {
            "case_id": cid, "team_id": team, "worker_id": worker,
            "is_open": CaseStatus(status) == CaseStatus.open, "restricted": bool(restricted),
            "mapping_id": mid, "mapping_date": held,
            "mapping_status": str(mstatus) if mstatus is not None else None,
            "present": 0, "empty_count": 0, "dangers": 0, "dangers_with_goal": 0,
            "goals_without_danger": 0, "goals": 0, "next_steps": 0, "harm_without_impact": 0,
            "ratings": 0, "overall": None, "previous_overall": None, "overall_low": None,
            "overall_low_by": None, "overall_high": None, "overall_high_by": None,
            "widest_gap": 0, "harm_unlinked": 0, "steps_unlinked": 0, "steps_open": 0,
            "first_due": None, "last_due": None, "flags": 0, "fixed_signals": 0,
            "voice_due": None, "slipping_since": None, "trajectory_due": None,
            "refreshed_at": now,
        }
        out[cid] = row
        if mid is not None:
            by_mapping[mid] = row
            kinds[mid] = MappingKind(mkind)
        if prev is not None:
            previous_of[prev] = row
    told: dict[int, int] = {}
    for chunk in _chunks(ids):
        for cid, due in conn.execute(VOICE, {"ids": chunk}):
            out[cid]["voice_due"] = _date(due)
        for cid, n in conn.execute(NETWORK, {"ids": chunk}):
            told[cid] = int(n)
    latest_ids = list(by_mapping)
    dangers_of: dict[int, tuple[int, int]] = {}

    for chunk in _chunks(latest_ids):
        for (mid, category, n, harm_gap, open_n, first, last, unlinked, unscored,
             not_asked) in conn.execute(ITEMS, {"ids": chunk}):
            row = by_mapping[mid]
            cat = Category(category)
            if cat in BIT and n:
                row["present"] |= BIT[cat]
            if cat == Category.danger_statement:
                row["dangers"] = n
                # Not columns of their own: they count towards the signals below.
                dangers_of[mid] = (int(unscored or 0), int(not_asked or 0))
            elif cat == Category.safety_goal:
                row["goals"] = n
            elif cat == Category.next_step:
                row["next_steps"] = n
                row["steps_unlinked"] = int(unlinked or 0)
                row["steps_open"] = int(open_n or 0)
                row["first_due"], row["last_due"] = _date(first), _date(last)
            elif cat == Category.harm:
                row["harm_without_impact"] = int(harm_gap or 0)
                row["harm_unlinked"] = int(unlinked or 0)

    for chunk in _chunks(latest_ids):
        for mid, paired, orphan in conn.execute(PAIRS, {"ids": chunk}):
            by_mapping[mid]["dangers_with_goal"] = int(paired or 0)
            by_mapping[mid]["goals_without_danger"] = int(orphan or 0)

    # On the latest and the previous mapping.
    for chunk in _chunks(latest_ids + list(previous_of)):
        per_mapping: dict[int, list[Any]] = {}
        for r in conn.execute(RATINGS, {"ids": chunk}):
            per_mapping.setdefault(r[0], []).append(r)
        for mid, rows in per_mapping.items():
            scores = _scores(rows)
            if mid in by_mapping:
                by_mapping[mid].update(scores)
            if mid in previous_of:
                previous_of[mid]["previous_overall"] = scores["overall"]

    expected = _expected_by_team(conn, {row["team_id"] for row in by_mapping.values()})
    for mid, row in by_mapping.items():
        row["empty_count"] = sum(
            1 for c in expected[row["team_id"]][kinds[mid]] if not row["present"] & BIT[c])
        row["flags"] = (
            (FLAG_BITS["danger_without_goal"] if row["dangers"] > row["dangers_with_goal"] else 0)
            | (FLAG_BITS["next_steps_without_goals"]
               if row["next_steps"] and not row["goals"] else 0)
            | (FLAG_BITS["no_scaling"] if not row["ratings"] else 0)
            | (FLAG_BITS["empty_category"] if row["empty_count"] else 0)
            | (FLAG_BITS["raters_apart"] if row["widest_gap"] >= FAR_APART else 0)
            | (FLAG_BITS["awaiting_sign_off"]
               if row["mapping_status"] == MappingStatus.agreed.value else 0)
            | (FLAG_BITS["network_not_told"]
               if row["dangers"] and not told.get(row["case_id"]) else 0)
        )
        row["fixed_signals"] = (
            row["empty_count"]
            + (row["dangers"] - row["dangers_with_goal"])
            + row["goals_without_danger"]
            + (1 if row["next_steps"] and not row["goals"] else 0)
            + row["harm_without_impact"]
            + (row["harm_unlinked"] if row["dangers"] else 0)
            + (row["steps_unlinked"] if row["goals"] else 0)
            + _scale_gaps(row, dangers_of.get(mid, (0, 0)))
            + (0 if row["ratings"] else 1)
            + (1 if row["flags"] & FLAG_BITS["network_not_told"] else 0)
        )
    _plans(conn, ids, out)
    for row in out.values():
        del row["harm_unlinked"], row["steps_unlinked"]
    return out


def _plans(conn: Connection, ids: list[int], out: dict[int, dict[str, Any]]) -> None:
    """The safety plan, Words and Pictures and trajectory parts, for every case (with a
    mapping or not): two filter bits and two dates."""
    today = date.today()
    for chunk in _chunks(ids):
        for cid, n in conn.execute(UNCOVERED, {"ids": chunk}):
            if n:
                out[cid]["flags"] |= FLAG_BITS["danger_without_rule"]
        for cid, n in conn.execute(UNEXPLAINED, {"ids": chunk, "today": today}):
            if n:
                out[cid]["flags"] |= FLAG_BITS["no_words_pictures"]
        slips: dict[tuple[int, int], list[date]] = {}
        for cid, rule_id, day in conn.execute(SLIPS, {"ids": chunk}):
            slips.setdefault((cid, rule_id), []).append(_date(day))
        for (cid, _rule), days in slips.items():
            if len(days) >= 2:
                second = sorted(days, reverse=True)[1]
                known = out[cid]["slipping_since"]
                out[cid]["slipping_since"] = second if known is None else max(known, second)
        done: dict[str, dict[int, date | None]] = {
            key: {cid: _date(day) if day is not None else None
                  for cid, day in conn.execute(stmt, {"ids": chunk})}
            for key, stmt in STAGE_DONE.items()}
        for cid, key, planned in conn.execute(STAGES, {"ids": chunk}):
            if key is not None and done.get(key, {}).get(cid) is not None:
                continue
            known = out[cid]["trajectory_due"]
            day = _date(planned)
            out[cid]["trajectory_due"] = day if known is None else min(known, day)


def _upsert(dialect: str) -> Any:
    """INSERT … ON CONFLICT (case_id) DO UPDATE: one statement instead of a delete and an
    insert, in the part of every write that waits for the case's lock."""
    if dialect not in _UPSERTS:
        from sqlalchemy.dialects import postgresql, sqlite

        stmt = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(PracticeSummary)
        table = PracticeSummary.__table__
        _UPSERTS[dialect] = stmt.on_conflict_do_update(
            index_elements=[table.c.case_id],
            set_={c.key: stmt.excluded[c.key] for c in table.columns if c.key != "case_id"},
        )
    return _UPSERTS[dialect]


_UPSERTS: dict[str, Any] = {}


def _scale_gaps(row: dict[str, Any], dangers: tuple[int, int]) -> int:
    """The signals about scores and the family's view (quality.signals): once anyone has
    scored, each danger statement nobody has scored and a missing overall score; and each
    danger statement whose family view has not been asked."""
    unscored, not_asked = dangers
    scored = (unscored + (1 if row["overall"] is None else 0)) if row["ratings"] else 0
    return scored + not_asked


def _expected_by_team(conn: Connection, team_ids: set[int]) -> dict[int, Any]:
    """Each team's expected categories (labels.resolve_expected), from one small query."""
    settings = list(conn.execute(select(LabelSet.team_id, LabelSet.expected)
                                 .where(LabelSet.expected.is_not(None))))
    service = [(t, e) for t, e in settings if t is None]
    return {team: resolve_expected(service + [(t, e) for t, e in settings if t == team])
            for team in team_ids}


def current_mappings(session: Session, case_ids: list[int]) -> dict[int, Any]:
    """case id -> (mapping id, date, status) of each case's current mapping (its latest, not
    a group-supervision map), for a page of cases: one query on the summaries."""
    if not case_ids:
        return {}
    from app.services.practice_summary_hook import settle_due

    settle_due(session, case_ids)
    rows = session.execute(
        select(PracticeSummary.case_id, PracticeSummary.mapping_id,
               PracticeSummary.mapping_date, PracticeSummary.mapping_status)
        .where(PracticeSummary.case_id.in_(case_ids), PracticeSummary.mapping_id.is_not(None)))
    return {cid: (mid, _date(held), status) for cid, mid, held, status in rows}


def refresh(conn: Connection, case_ids: Iterable[int]) -> int:
    """Replace the summaries of these cases with fresh ones. Returns how many were written."""
    ids = sorted(set(case_ids))
    written = 0
    for chunk in _chunks(ids):
        rows = compute(conn, chunk)
        gone = [cid for cid in chunk if cid not in rows]
        if gone:
            conn.execute(delete(PracticeSummary).where(PracticeSummary.case_id.in_(gone)))
        if rows:
            conn.execute(_upsert(conn.dialect.name), list(rows.values()))
        written += len(rows)
    return written


def rebuild(conn: Connection) -> int:
    """Recompute every case's summary (after a bulk load, or to repair drift)."""
    conn.execute(delete(PracticeSummary))
    ids = list(conn.execute(select(Case.id).order_by(Case.id)).scalars())
    return refresh(conn, ids)


def check(conn: Connection) -> list[int]:
    """Cases whose stored summary differs from a fresh computation (or is missing)."""
    ids = list(conn.execute(select(Case.id).order_by(Case.id)).scalars())
    wrong: list[int] = []
    cols = [PracticeSummary.__table__.c[k] for k in FIELDS]
    for chunk in _chunks(ids):
        fresh = compute(conn, chunk)
        stored = {
            r.case_id: r._asdict()
            for r in conn.execute(select(*cols).where(PracticeSummary.case_id.in_(chunk)))
        }
        for cid in chunk:
            have = stored.get(cid)
            want = fresh[cid]
            if have is None or any(_norm(have[k]) != _norm(want[k]) for k in FIELDS):
                wrong.append(cid)
    return wrong


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def _date(value: Any) -> Any:
    """SQLite returns MIN/MAX of dates as text."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def _norm(value: Any) -> Any:
    return round(value, 3) if isinstance(value, float) else value
