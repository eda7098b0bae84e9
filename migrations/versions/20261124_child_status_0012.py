"""What applies to each child: child in need and child protection plans, being looked after

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-24 12:12:52

A new table only: every existing record is kept as it is.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('child_status',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('child_in_need', 'child_protection_plan', 'looked_after', name='childstatuskind', native_enum=False, length=24), nullable=False),
    sa.Column('category', sa.Enum('neglect', 'physical', 'emotional', 'sexual', 'multiple', name='abusecategory', native_enum=False, length=12), nullable=True),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('recorded_by_name', sa.String(length=200), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_record.id'], name=op.f('fk_child_status_case_id_case_record')),
    sa.ForeignKeyConstraint(['child_id'], ['person.id'], name=op.f('fk_child_status_child_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_child_status'))
    )
    with op.batch_alter_table('child_status', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_child_status_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_child_status_child_id'), ['child_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('child_status', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_child_status_child_id'))
        batch_op.drop_index(batch_op.f('ix_child_status_case_id'))

    op.drop_table('child_status')
