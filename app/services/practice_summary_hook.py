"""Keeping the practice summaries in step with the record: a session hook notes the cases
each flush touches and refreshes their summaries (services/practice_summary.py computes them).

On SQLite, writers take turns at the database anyway: the summaries are refreshed just before
the transaction commits, in the same transaction.

On PostgreSQL, writers to one case run side by side, and a refresh inside each transaction
would make every writer to the case wait for the one before it to finish its refresh (issue
#19: eight people adding to one mapping). So the transaction only notes the cases as due
(practice_summary_due: an insert, which waits for nobody), and the summaries are refreshed
by whoever reads them next: the board and the case list first refresh the cases due
(`settle_due`), in short transactions of their own, one refresh of a case at a time (advisory
locks), each reading what was committed before it started and clearing the notes it saw. A
burst of writes to a case then costs one refresh when the board is next opened, instead of
one per write, and what the board shows is never behind the record. A writer outside a
request (a command, a job) refreshes just after its commit instead. Notes left when the app
stops are refreshed when it starts (`repair`)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    and_,
    delete,
    event,
    func,
    insert,
    inspect,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from app.models.audit import AuditEvent
from app.models.case import Case
from app.models.child_status import ChildStatus
from app.models.labels import LabelSet
from app.models.mapping import Mapping
from app.models.mapping_item import MappingItem
from app.models.network import NetworkMeeting, NetworkMember
from app.models.person import Person
from app.models.rating import Rating
from app.models.safety_plan import SafetyPlan
from app.models.summary import SummaryDue
from app.models.trajectory import Trajectory
from app.models.voice import VoiceSession
from app.models.words_pictures import Storyboard
from app.services.practice_summary import refresh

log = logging.getLogger(__name__)
_PENDING = "practice_summary_pending"
_DUE = "practice_summary_due"
#: PostgreSQL advisory lock key (with the case id): one refresh of a case at a time.
REFRESH_LOCK = 727_455_003
_PLAN_PARTS = {"safety_rule", "safety_rule_check", "safety_plan_signoff",
               "storyboard_explanation", "storyboard_panel", "trajectory_stage"}


def _after_flush(session: Session, _context: Any) -> None:
    """After each flush: note the cases whose summary the flushed changes affect."""
    pending: set[int] = session.info.setdefault(_PENDING, set())
    mapping_ids: set[int] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Case):
            pending.add(obj.id)
        elif isinstance(obj, (Mapping, Person, VoiceSession, NetworkMember, NetworkMeeting,
                              ChildStatus, SafetyPlan, Storyboard, Trajectory)):
            # A child added, born or archived, or heard in their own words, moves the
            # board's "no child's voice"; a network member told, its "network not told"; a
            # plan, a storyboard, a child's plan, the trajectory their filters.
            pending.add(obj.case_id)
        elif isinstance(obj, AuditEvent) and obj.entity_type in _PLAN_PARTS and obj.case_id:
            # Rules, their checks, explanations, stages: each change is audited with its case.
            pending.add(obj.case_id)
        elif isinstance(obj, (MappingItem, Rating)):
            mapping_ids.add(obj.mapping_id)
        elif isinstance(obj, LabelSet) and inspect(obj).attrs.expected.history.has_changes():
            # What a team's mappings are expected to have counts in every case of the team
            # (of every team, for the service's setting).
            teams = select(Case.id)
            if obj.team_id is not None:
                teams = teams.where(Case.team_id == obj.team_id)
            pending.update(session.connection().execute(teams).scalars())
    unknown = set()
    for mid in mapping_ids:
        # Most writes have their mapping loaded already: no need to ask for its case.
        loaded = session.identity_map.get(identity_key(Mapping, mid))
        if loaded is not None:
            pending.add(loaded.case_id)
        else:
            unknown.add(mid)
    if unknown:
        pending.update(
            session.connection().execute(
                select(Mapping.case_id).where(Mapping.id.in_(unknown))
            ).scalars()
        )


def _before_commit(session: Session) -> None:
    session.flush()
    pending: set[int] | None = session.info.pop(_PENDING, None)
    if not pending:
        return
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        conn.execute(insert(SummaryDue), [{"case_id": cid} for cid in sorted(pending)])
        if not session.info.get(LEAVES_DUE):  # a request's: its next reader refreshes them
            session.info[_DUE] = sorted(pending)
        return
    refresh(conn, pending)


def _after_commit(session: Session) -> None:
    due: list[int] | None = session.info.pop(_DUE, None)
    if not due:
        return
    try:
        with session.get_bind().connect() as conn, conn.begin():  # type: ignore[union-attr]
            refresh_due(conn, due)
    except Exception:  # the change is committed: go on; the note stays for later
        log.exception("the practice summaries of cases %s are left due a refresh", due)


#: session.info key: the session is a request's, whose changes are left due for the next reader
#: of the summaries (settle_due) instead of refreshed after its commit.
LEAVES_DUE = "practice_summary_leaves_due"


def settle_due(session: Session, case_ids: Iterable[int] | None = None) -> int:
    """Before reading summaries in `session`: refresh those of the cases left due (of these
    cases, or of every case) on the session's database, each chunk in a transaction of its
    own. How many were refreshed. On SQLite nothing is ever due (the writes refresh as they
    commit)."""
    bind = session.get_bind()
    if bind.dialect.name != "postgresql":
        return 0
    engine = bind.engine if isinstance(bind, Connection) else bind
    # In transactions whatever the session's own reads use (its locks last as long as one).
    return _settle(engine.execution_options(isolation_level="READ COMMITTED"), case_ids)


#: Cases refreshed in one transaction (each holds an advisory lock until it ends).
_SETTLE_CHUNK = 100


def _settle(engine: Engine, case_ids: Iterable[int] | None) -> int:
    query = select(SummaryDue.case_id).distinct()
    if case_ids is not None:
        wanted = sorted(set(case_ids))
        if not wanted:
            return 0
        query = query.where(SummaryDue.case_id.in_(wanted))
    with engine.connect() as conn:
        ids = sorted(conn.execute(query).scalars())
    done = 0
    for start in range(0, len(ids), _SETTLE_CHUNK):
        with engine.begin() as conn:
            done += refresh_due(conn, ids[start:start + _SETTLE_CHUNK])
    return done


def refresh_due(conn: Connection, case_ids: Iterable[int]) -> int:
    """In the connection's transaction: refresh the summaries of these cases if a note says
    they are due, one refresh of a case at a time across every process (PostgreSQL), and
    clear the notes the refresh covers. Returns how many were refreshed (0: a refresh that
    finished while this one waited covered them)."""
    ids = sorted(set(case_ids))
    if not ids:
        return 0
    if conn.dialect.name == "postgresql":  # (SQLite's writers take turns already)
        for cid in ids:  # in order, so two refreshes of the same cases cannot deadlock
            conn.execute(_RUN, {"key": REFRESH_LOCK, "case": cid})
    # Read after the locks: every note seen here was committed with its change, and the
    # refresh below reads those changes.
    seen: dict[int, int] = {cid: last for cid, last in conn.execute(
        select(SummaryDue.case_id, func.max(SummaryDue.id))
        .where(SummaryDue.case_id.in_(ids)).group_by(SummaryDue.case_id))}
    if not seen:
        return 0
    refresh(conn, seen)
    conn.execute(delete(SummaryDue).where(or_(*(
        and_(SummaryDue.case_id == cid, SummaryDue.id <= last)
        for cid, last in seen.items()))))
    return len(seen)


_RUN = text("SELECT pg_advisory_xact_lock(:key, :case)")


def repair(engine: Engine) -> int:
    """Refresh every case left due (the app stopped between a commit and the next read);
    how many. Run when the app starts (before its database is migrated, nothing)."""
    if not inspect(engine).has_table(SummaryDue.__tablename__):
        return 0
    return _settle(engine, None)


def _forget(session: Session, *_args: Any) -> None:
    session.info.pop(_PENDING, None)
    session.info.pop(_DUE, None)


def install() -> None:
    """Register the hooks on every Session (idempotent). The refresh runs before the audit
    trail is sealed, so the audit chain's lock stays the last one a transaction takes."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "before_commit", _before_commit, insert=True)
        event.listen(Session, "after_commit", _after_commit)
        event.listen(Session, "after_rollback", _forget)
