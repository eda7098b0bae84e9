"""Trigram indexes for case search by name and reference (PostgreSQL)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 16:05:00

Case search matches `lower(name) LIKE '%part%'`, which a plain index cannot serve. On
PostgreSQL, pg_trgm's GIN indexes can. pg_trgm is a trusted extension (PostgreSQL 13 and
later), so the database's owner can create it. SQLite gets nothing here.
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = [
    ("ix_case_record_family_name_search", "case_record", "family_name"),
    ("ix_case_record_reference_search", "case_record", "reference"),
    ("ix_person_family_name_search", "person", "family_name"),
    ("ix_person_given_name_search", "person", "given_name"),
]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        op.execute(f"CREATE INDEX {name} ON {table} USING gin (lower({column}) gin_trgm_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, _table, _column in INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    # The extension stays: other things in the database may use it.
