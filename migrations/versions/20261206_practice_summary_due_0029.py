"""The cases whose practice summary is due a refresh after a commit (PostgreSQL).

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-06 03:35:10.847828
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0029'
down_revision: str | None = '0028'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('practice_summary_due',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_summary_due'))
    )
    with op.batch_alter_table('practice_summary_due', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_practice_summary_due_case_id'), ['case_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('practice_summary_due', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_practice_summary_due_case_id'))

    op.drop_table('practice_summary_due')
