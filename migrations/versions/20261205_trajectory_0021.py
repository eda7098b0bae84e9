"""The case's trajectory: the case plan goal and the stages to it

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-05 20:00:00

Two new tables; every existing record is kept. The board's summaries read none of them.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0021'
down_revision: str | None = '0020'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('trajectory',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('goal', sa.Text(), nullable=False),
    sa.Column('goal_set_on', sa.Date(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_record.id'], name=op.f('fk_trajectory_case_id_case_record')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trajectory')),
    sa.UniqueConstraint('case_id', name=op.f('uq_trajectory_case_id'))
    )
    op.create_table('trajectory_stage',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('trajectory_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('key', sa.String(length=20), nullable=True),
    sa.Column('planned_on', sa.Date(), nullable=True),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('removed', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['trajectory_id'], ['trajectory.id'], name=op.f('fk_trajectory_stage_trajectory_id_trajectory')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trajectory_stage'))
    )
    with op.batch_alter_table('trajectory_stage', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_trajectory_stage_trajectory_id'), ['trajectory_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('trajectory_stage', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_trajectory_stage_trajectory_id'))

    op.drop_table('trajectory_stage')
    op.drop_table('trajectory')
