"""The board's filters for the safety plan, Words and Pictures and the trajectory

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-05 20:20:00

Two new columns on practice_summary (derived data) and the board's covering index made again
to include them. The summaries are then rebuilt by the app's own code, which now reads the
safety plans, the Words and Pictures explanations and the trajectories (taken over from 0017:
any later migration that changes what the summaries read takes this over).
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0022'
down_revision: str | None = '0021'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OLD = ["team_id", "is_open", "worker_id", "mapping_date", "flags", "fixed_signals",
        "first_due", "last_due", "steps_open", "restricted", "voice_due"]


def upgrade() -> None:
    op.add_column('practice_summary', sa.Column('slipping_since', sa.Date(), nullable=True))
    op.add_column('practice_summary', sa.Column('trajectory_due', sa.Date(), nullable=True))
    op.drop_index('ix_practice_summary_board', table_name='practice_summary')
    op.create_index('ix_practice_summary_board', 'practice_summary',
                    [*_OLD, 'slipping_since', 'trajectory_due'], unique=False)
    from app.services.practice_summary import rebuild

    rebuild(op.get_bind())


def downgrade() -> None:
    op.drop_index('ix_practice_summary_board', table_name='practice_summary')
    op.create_index('ix_practice_summary_board', 'practice_summary', _OLD, unique=False)
    op.execute("ALTER TABLE practice_summary DROP COLUMN trajectory_due")
    op.execute("ALTER TABLE practice_summary DROP COLUMN slipping_since")
