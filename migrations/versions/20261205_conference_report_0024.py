"""Conference reports: the worker's analysis beside the record they are made from

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-05 21:12:18.499428

One new table; every existing record is kept. The board's summaries read none of it.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0024'
down_revision: str | None = '0023'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('conference_report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('mapping_id', sa.Integer(), nullable=False),
    sa.Column('analysis', sa.Text(), nullable=False),
    sa.Column('recorded_by_name', sa.String(length=200), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_record.id'], name=op.f('fk_conference_report_case_id_case_record')),
    sa.ForeignKeyConstraint(['mapping_id'], ['mapping.id'], name=op.f('fk_conference_report_mapping_id_mapping')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conference_report'))
    )
    with op.batch_alter_table('conference_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conference_report_case_id'), ['case_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('conference_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conference_report_case_id'))

    op.drop_table('conference_report')
