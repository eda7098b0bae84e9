"""Accounts given a temporary password by an administrator choose their own at the next
sign-in

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-24 11:52:52

One new column; existing accounts keep their passwords (false).
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN on both engines: SQLite's batch mode would copy and drop the table,
    # which the foreign keys of every case and session pointing at it refuse.
    op.add_column('user_account', sa.Column('must_change_password', sa.Boolean(),
                                            server_default=sa.false(), nullable=False))


def downgrade() -> None:
    # SQLite has had DROP COLUMN since 3.35.
    op.execute("ALTER TABLE user_account DROP COLUMN must_change_password")
