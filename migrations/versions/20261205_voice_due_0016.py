"""When each case's children were last heard in their own words, for the board

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05 16:45:00

One new column on practice_summary (derived data) and the board's covering index made again
to include it; the summaries are rebuilt by 0017, the latest migration that changes what they
read.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0016'
down_revision: str | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OLD = ["team_id", "is_open", "worker_id", "mapping_date", "flags", "fixed_signals",
        "first_due", "last_due", "steps_open", "restricted"]


def upgrade() -> None:
    op.add_column('practice_summary', sa.Column('voice_due', sa.Date(), nullable=True))
    op.drop_index('ix_practice_summary_board', table_name='practice_summary')
    op.create_index('ix_practice_summary_board', 'practice_summary', [*_OLD, 'voice_due'],
                    unique=False)


def downgrade() -> None:
    op.drop_index('ix_practice_summary_board', table_name='practice_summary')
    op.create_index('ix_practice_summary_board', 'practice_summary', _OLD, unique=False)
    op.execute("ALTER TABLE practice_summary DROP COLUMN voice_due")
