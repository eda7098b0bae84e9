"""Which categories each kind of mapping is expected to have, per team and for the service

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-24 12:26:24

One new column on label_set; every existing setting is kept (no setting: the built-in
expectations, as before).
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('label_set', sa.Column('expected', sa.JSON(), nullable=True))
    # The board's summaries are rebuilt by the app's own code (which reads this column) in
    # 0016, the latest migration that changes what they read.


def downgrade() -> None:
    # SQLite has had DROP COLUMN since 3.35.
    op.execute("ALTER TABLE label_set DROP COLUMN expected")
