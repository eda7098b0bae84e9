"""Declarative base: naming convention, timestamps and the optimistic-concurrency version."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Enum, Index, Integer, MetaData, TypeDecorator, func
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware datetime on every engine (SQLite stores no zone, so we restore UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use datetime.now(UTC)")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime}


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, server_default=func.current_timestamp()
    )
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow, server_default=func.current_timestamp()
    )


class Versioned(Timestamped):
    """Rows others may edit at the same time carry a version; every UPDATE checks and bumps it."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805
        return {"version_id_col": cls.version}


def name_search_index(name: str, column: Any) -> Index:
    """A trigram index on lower(column), so that case search's `lower(column) LIKE '%…%'`
    uses an index instead of reading every row. PostgreSQL only (the pg_trgm extension,
    migration 0007); SQLite has no such index and reads the rows."""
    lowered = f"{column.key}_lower"
    index = Index(name, func.lower(column).label(lowered), postgresql_using="gin",
                  postgresql_ops={lowered: "gin_trgm_ops"})
    return index.ddl_if(dialect="postgresql")


def db_enum(e: type, length: int = 24) -> Enum:
    """An enum stored as text (its member names), with a CHECK on the allowed values."""
    return Enum(e, native_enum=False, length=length)
