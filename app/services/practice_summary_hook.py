"""Keeping the practice summaries in step with the record: a session hook notes the cases
each flush touches and refreshes their summaries just before the transaction commits, in the
same transaction (services/practice_summary.py computes them)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect, select
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
from app.models.trajectory import Trajectory
from app.models.voice import VoiceSession
from app.models.words_pictures import Storyboard
from app.services.practice_summary import refresh
from app.services.practice_summary_sql import IDS

_PENDING = "practice_summary_pending"
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
    # Lock the cases first (PostgreSQL; SQLite writers are already one at a time), so two
    # transactions refreshing the same case take turns, and the second computes from what
    # the first committed instead of overwriting it with an older view.
    ids = list(conn.execute(_LOCK, {"ids": sorted(pending)}).scalars())
    refresh(conn, ids)


_LOCK = select(Case.id).where(Case.id.in_(IDS)).order_by(Case.id).with_for_update()


def _forget(session: Session, *_args: Any) -> None:
    session.info.pop(_PENDING, None)


def install() -> None:
    """Register the hooks on every Session (idempotent). The refresh runs before the audit
    trail is sealed, so the audit chain's lock stays the last one a transaction takes."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "before_commit", _before_commit, insert=True)
        event.listen(Session, "after_rollback", _forget)
