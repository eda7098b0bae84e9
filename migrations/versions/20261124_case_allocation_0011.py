"""Who works on a case: co-workers and cover for a date range

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-24 12:05:12

A new table only: every existing record is kept as it is.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('case_allocation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('co_worker', 'cover', name='allocationkind', native_enum=False, length=12), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('added_by_name', sa.String(length=200), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_record.id'], name=op.f('fk_case_allocation_case_id_case_record')),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_case_allocation_user_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_allocation'))
    )
    with op.batch_alter_table('case_allocation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_allocation_case_id'), ['case_id'], unique=False)
        batch_op.create_index('ix_case_allocation_user_case', ['user_id', 'case_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('case_allocation', schema=None) as batch_op:
        batch_op.drop_index('ix_case_allocation_user_case')
        batch_op.drop_index(batch_op.f('ix_case_allocation_case_id'))

    op.drop_table('case_allocation')
