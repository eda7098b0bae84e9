"""When the family and the worker will meet again, for the family's copy

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-24 12:49:35

One new column on mapping; every existing mapping is kept (no date yet).
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN: SQLite's batch mode would copy and drop the table, which the
    # foreign keys of items, scores and documents refuse.
    op.add_column('mapping', sa.Column('next_meeting_on', sa.Date(), nullable=True))


def downgrade() -> None:
    # SQLite has had DROP COLUMN since 3.35.
    op.execute("ALTER TABLE mapping DROP COLUMN next_meeting_on")
