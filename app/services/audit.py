"""The audit trail: who changed what, when, through which door, before and after.

Services call `record()` as they change things. The events wait in the session and are sealed
into the hash chain just before the transaction commits, after every other write, so the
chain lock is always taken last (no deadlocks) and a rolled-back request leaves no event.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import Enum
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from app.models.audit import AuditEvent, AuditHead
from app.models.base import utcnow


@dataclass(frozen=True)
class Actor:
    """Who is acting: a signed-in user, an API token, or the system itself."""

    name: str
    channel: str  # "ui", "api", "cli", "system"
    user_id: int | None = None
    token_id: int | None = None
    request_id: str | None = None


SYSTEM = Actor(name="System", channel="system")


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Field-level changes: {"field": {"before": old, "after": new}} for fields that changed."""
    out: dict[str, dict[str, Any]] = {}
    for key in sorted(set(before) | set(after)):
        b, a = _plain(before.get(key)), _plain(after.get(key))
        if b != a:
            out[key] = {"before": b, "after": a}
    return out


def snapshot(obj: Any, fields: list[str]) -> dict[str, Any]:
    return {f: _plain(getattr(obj, f)) for f in fields}


def record(
    session: Session,
    *,
    actor: Actor,
    action: str,
    entity_type: str,
    entity_id: int | None,
    case_id: int | None,
    summary: str,
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    ev = AuditEvent(
        at=utcnow(),
        actor_user_id=actor.user_id,
        actor_token_id=actor.token_id,
        actor_name=actor.name,
        channel=actor.channel,
        request_id=actor.request_id,
        action=action,
        entity_type=entity_type,
        entity_id=entity_id,
        case_id=case_id,
        summary=summary,
        changes={k: v for k, v in (changes or {}).items()},
    )
    session.add(ev)
    session.info.setdefault("audit_pending", []).append(ev)
    return ev


def _payload(ev: AuditEvent) -> str:
    body = {
        "seq": ev.seq,
        "at": ev.at.isoformat(),
        "actor_user_id": ev.actor_user_id,
        "actor_token_id": ev.actor_token_id,
        "actor_name": ev.actor_name,
        "channel": ev.channel,
        "request_id": ev.request_id,
        "action": ev.action,
        "entity_type": ev.entity_type,
        "entity_id": ev.entity_id,
        "case_id": ev.case_id,
        "summary": ev.summary,
        "changes": ev.changes,
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def chain_hash(prev_hash: str, ev: AuditEvent) -> str:
    return hashlib.sha256((prev_hash + "\n" + _payload(ev)).encode()).hexdigest()


@event.listens_for(Session, "before_commit")
def _seal(session: Session) -> None:
    pending: list[AuditEvent] = session.info.pop("audit_pending", [])
    if not pending:
        return
    session.flush()
    head = session.execute(
        select(AuditHead).where(AuditHead.id == 1).with_for_update()
    ).scalar_one_or_none()
    if head is None:
        head = AuditHead(id=1, seq=0, hash="")
        session.add(head)
        session.flush()
    for ev in pending:
        ev.seq = head.seq + 1
        ev.prev_hash = head.hash
        ev.hash = chain_hash(head.hash, ev)
        head.seq, head.hash = ev.seq, ev.hash
    session.flush()


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop("audit_pending", None)


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    first_bad_seq: int | None = None
    reason: str = ""


def verify(session: Session, *, batch: int = 5000) -> VerifyResult:
    """Walk the chain in order; report the first event that was altered, inserted or removed."""
    prev = ""
    expected = 1
    checked = 0
    last_seq = 0
    while True:
        rows = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.seq > last_seq)
            .order_by(AuditEvent.seq)
            .limit(batch)
        ).all()
        if not rows:
            break
        for ev in rows:
            assert ev.seq is not None
            if ev.seq != expected:
                return VerifyResult(False, checked, expected, f"event {expected} is missing")
            if ev.prev_hash != prev or chain_hash(prev, ev) != ev.hash:
                return VerifyResult(False, checked, ev.seq, f"event {ev.seq} was altered")
            prev = ev.hash or ""
            expected += 1
            checked += 1
            last_seq = ev.seq
    head = session.get(AuditHead, 1)
    if head is not None and (head.seq != checked or head.hash != prev):
        return VerifyResult(False, checked, checked + 1, f"events after {checked} were removed")
    unsealed = session.scalar(select(AuditEvent.id).where(AuditEvent.seq.is_(None)).limit(1))
    if unsealed is not None:
        return VerifyResult(False, checked, None, f"an event (id {unsealed}) is outside the chain")
    return VerifyResult(True, checked)


def case_events(
    session: Session, *, case_id: int, before_id: int | None = None, limit: int = 50
) -> tuple[list[AuditEvent], int | None]:
    """A case's history, newest first, a page at a time. Returns the events and the id to
    pass as `before_id` for the next page (None at the end)."""
    stmt = select(AuditEvent).where(AuditEvent.case_id == case_id)
    if before_id is not None:
        stmt = stmt.where(AuditEvent.id < before_id)
    rows = list(session.scalars(stmt.order_by(AuditEvent.id.desc()).limit(limit + 1)))
    more = rows[limit].id + 1 if len(rows) > limit else None
    return rows[:limit], more


def last_change(session: Session, *, entity_type: str, entity_id: int) -> AuditEvent | None:
    """The latest audited change to one record (who last saved it, and when)."""
    return session.scalar(
        select(AuditEvent)
        .where(AuditEvent.entity_type == entity_type, AuditEvent.entity_id == entity_id)
        .order_by(AuditEvent.id.desc())
        .limit(1)
    )


def entity_events(session: Session, *, entity_type: str, entity_id: int) -> list[AuditEvent]:
    """Every audited change to one record, oldest first: its history."""
    return list(session.scalars(
        select(AuditEvent)
        .where(AuditEvent.entity_type == entity_type, AuditEvent.entity_id == entity_id)
        .order_by(AuditEvent.id)
    ))


def sentence(ev: AuditEvent) -> str:
    return f"{ev.actor_name} {ev.summary}"
