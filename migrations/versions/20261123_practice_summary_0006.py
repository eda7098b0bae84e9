"""Practice summary: one row per case behind the supervisor's board

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 14:10:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'practice_summary',
        sa.Column('case_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('team_id', sa.Integer(), nullable=False),
        sa.Column('worker_id', sa.Integer(), nullable=True),
        sa.Column('is_open', sa.Boolean(), nullable=False),
        sa.Column('restricted', sa.Boolean(), nullable=False),
        sa.Column('mapping_id', sa.Integer(), nullable=True),
        sa.Column('mapping_date', sa.Date(), nullable=True),
        sa.Column('mapping_status', sa.String(length=24), nullable=True),
        sa.Column('present', sa.Integer(), nullable=False),
        sa.Column('empty_count', sa.Integer(), nullable=False),
        sa.Column('dangers', sa.Integer(), nullable=False),
        sa.Column('dangers_with_goal', sa.Integer(), nullable=False),
        sa.Column('goals_without_danger', sa.Integer(), nullable=False),
        sa.Column('goals', sa.Integer(), nullable=False),
        sa.Column('next_steps', sa.Integer(), nullable=False),
        sa.Column('harm_without_impact', sa.Integer(), nullable=False),
        sa.Column('ratings', sa.Integer(), nullable=False),
        sa.Column('overall', sa.Float(), nullable=True),
        sa.Column('previous_overall', sa.Float(), nullable=True),
        sa.Column('steps_open', sa.Integer(), nullable=False),
        sa.Column('first_due', sa.Date(), nullable=True),
        sa.Column('last_due', sa.Date(), nullable=True),
        sa.Column('flags', sa.Integer(), nullable=False),
        sa.Column('fixed_signals', sa.Integer(), nullable=False),
        sa.Column('refreshed_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['case_record.id'],
                                name=op.f('fk_practice_summary_case_id_case_record')),
        sa.PrimaryKeyConstraint('case_id', name=op.f('pk_practice_summary')),
    )
    with op.batch_alter_table('practice_summary', schema=None) as batch_op:
        batch_op.create_index('ix_practice_summary_board',
                              ['team_id', 'is_open', 'worker_id', 'mapping_date', 'flags',
                               'fixed_signals', 'first_due', 'last_due', 'steps_open',
                               'restricted'], unique=False)
    # It is filled from the record by the application's computation (the same one the hooks
    # use), which reads today's schema: so the filling is done by the last migration that
    # changes what the summary holds (0008), not here.


def downgrade() -> None:
    with op.batch_alter_table('practice_summary', schema=None) as batch_op:
        batch_op.drop_index('ix_practice_summary_board')
    op.drop_table('practice_summary')
