from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, utcnow


class AuditEvent(Base):
    """An append-only record of one change. Each event carries the hash of the one before it,
    so an edited or removed event breaks the chain (see `python -m app audit verify`)."""

    __tablename__ = "audit_event"
    # A record's own history (a note's, a person's last change) without reading the trail.
    __table_args__ = (Index("ix_audit_event_entity", "entity_type", "entity_id"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    seq: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    actor_token_id: Mapped[int | None] = mapped_column(Integer)
    actor_name: Mapped[str] = mapped_column(String(200))
    channel: Mapped[str] = mapped_column(String(10))
    request_id: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(40))
    entity_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    case_id: Mapped[int | None] = mapped_column(Integer, index=True)
    summary: Mapped[str] = mapped_column(Text)
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    hash: Mapped[str | None] = mapped_column(String(64))


class AuditHead(Base):
    """One row: the last sealed event. Locked while sealing so the chain never forks."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, default=0)
    hash: Mapped[str] = mapped_column(String(64), default="")
