"""A mapping's version follows everything in it (items, scores, family positions, who took
part): a session hook moves it on once per transaction, and refuses changes a mapping's status
no longer allows. Used by app.services.mapping and everything written into a mapping."""

from __future__ import annotations

from typing import cast

from sqlalchemy import Table, event, select
from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from app.errors import Conflict
from app.models.base import utcnow
from app.models.enums import MappingStatus
from app.models.family_position import FamilyPosition
from app.models.mapping import Mapping, MappingParticipant
from app.models.mapping_item import MappingItem
from app.models.rating import Rating

LOCKED = (
    "This mapping has been shared with the family, so what is in it stays as it was shared. "
    "Start a review to record what has changed."
)
SIGNED_OFF = (
    "This mapping has been signed off, so it stays as it was signed off. "
    "Start a review to record what has changed."
)


# --- the mapping's version follows everything in it ------------------------------------------
#
# A mapping's version (its ETag, and the key of the reused rendering of the whole mapping)
# moves on whenever anything in it changes: items, scores, who took part. No writer has to
# remember it: each flush notes the mappings whose contents it wrote, and their versions are
# moved on once per transaction, just before it commits (or earlier, when the transaction
# reads the mapping again, so that what it shows carries the new version). The move is one
# UPDATE that adds 1 in the database, not a write-back of a version read earlier, so two people
# adding to one mapping at once both succeed (on PostgreSQL the second waits a moment for the
# first) instead of the second being refused as stale. Only changes to the same item, score or
# mapping status from a stale version are conflicts. Moving it at the end keeps the time a
# transaction holds the mapping's row short.

_PENDING = "mapping_versions_to_move"
_MOVED = "mapping_versions_moved"
_TOUCHED = "mapping_contents_touched"
#: Changes to these can be made only while the mapping is in one of these states (checked
#: again in the statement that moves its version on); anything else in it, at any time.
_GUARDS: dict[type, tuple[MappingStatus, ...]] = {
    MappingItem: (MappingStatus.draft,),
    Rating: (MappingStatus.draft, MappingStatus.agreed),
    FamilyPosition: (MappingStatus.draft, MappingStatus.agreed),
}
_ANY: tuple[MappingStatus, ...] = tuple(MappingStatus)
#: Mappings whose team manager is correcting their items at sign-off in this transaction
#: (see mapping_item.require_changeable): their items may change while shared, too.
_CORRECTING = "mapping_items_corrected_at_sign_off"
_SHARED_TOO: tuple[MappingStatus, ...] = (MappingStatus.draft, MappingStatus.agreed)


def correcting(session: Session, mapping_id: int) -> None:
    """Note that the team manager is correcting this shared mapping's items."""
    session.info.setdefault(_CORRECTING, set()).add(mapping_id)


def touched(session: Session, mapping_id: int) -> None:
    """Note a change to a mapping's contents written without the ORM (e.g. a reordering),
    so that its version moves on too."""
    session.info.setdefault(_TOUCHED, set()).add(mapping_id)


def _pending(session: Session) -> dict[tuple[MappingStatus, ...], set[int]]:
    pending: dict[tuple[MappingStatus, ...], set[int]] = session.info.setdefault(_PENDING, {})
    return pending


def _after_flush(session: Session, _context: object) -> None:
    pending = _pending(session)
    pending.setdefault(_ANY, set()).update(session.info.pop(_TOUCHED, set()))
    correcting_ids: set[int] = session.info.get(_CORRECTING, set())
    for obj in (*session.new, *session.dirty, *session.deleted):
        guard = _GUARDS.get(type(obj))
        if isinstance(obj, MappingItem) and obj.mapping_id in correcting_ids:
            guard = _SHARED_TOO
        if guard is not None:
            pending.setdefault(guard, set()).add(obj.mapping_id)
        elif isinstance(obj, MappingParticipant):
            pending.setdefault(_ANY, set()).add(obj.mapping_id)


def settle(session: Session) -> None:
    """Move on the versions of the mappings this transaction has changed so far (once each)."""
    session.flush()
    if _TOUCHED in session.info:
        _pending(session).setdefault(_ANY, set()).update(session.info.pop(_TOUCHED))
    pending = session.info.pop(_PENDING, None)
    if not pending:
        return
    moved: set[int] = session.info.setdefault(_MOVED, set())
    # The strictest guard first: a mapping changed in several ways is checked by the
    # strictest rule that applies to it, and moved on once.
    for allowed in sorted(pending, key=len):
        ids = pending[allowed] - moved
        if ids:
            _move_on(session, ids, allowed=allowed)


def _move_on(session: Session, ids: set[int], *, allowed: tuple[MappingStatus, ...]) -> None:
    table = cast(Table, Mapping.__table__)
    now = utcnow()
    stmt = (
        sql_update(table)
        .where(table.c.id.in_(sorted(ids)))
        .values(version=table.c.version + 1, updated_at=now)
        .returning(table.c.id, table.c.version, table.c.status)
    )
    if allowed != _ANY:
        # Checked in the same statement, so that an item cannot join a mapping that was
        # shared or signed off by someone else a moment ago.
        stmt = stmt.where(table.c.status.in_(list(allowed)))
    rows = session.connection().execute(stmt).all()
    if len(rows) < len(ids):
        statuses = session.connection().execute(
            select(table.c.status).where(table.c.id.in_(sorted(ids)))).scalars().all()
        raise Conflict(SIGNED_OFF if MappingStatus.signed_off in statuses else LOCKED)
    session.info[_MOVED].update(ids)
    for id_, version, _status in rows:
        obj = session.identity_map.get(identity_key(Mapping, id_))
        if obj is not None:
            # In step with the row, without marking the mapping itself as changed.
            set_committed_value(obj, "version", version)
            set_committed_value(obj, "updated_at", now)


def _forget(session: Session, *_args: object) -> None:
    for key in (_PENDING, _MOVED, _TOUCHED, _CORRECTING):
        session.info.pop(key, None)


def install() -> None:
    """Register the hooks on every Session (idempotent). Run after practice_summary_hook.install():
    the versions move first, so a transaction locks a mapping before its case, as one that
    reads the mapping again after changing it does."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "before_commit", settle, insert=True)
        event.listen(Session, "after_commit", _forget)
        event.listen(Session, "after_rollback", _forget)
