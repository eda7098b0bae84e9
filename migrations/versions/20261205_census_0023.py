"""The statutory record: case events, census runs, the child's census characteristics

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-05 21:00:00

Two new tables; new nullable columns on person and mapping_item; an issued document may
belong to no case (a census return is council-wide). Every existing record is kept. The
board's summaries read none of them.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0023'
down_revision: str | None = '0022'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('case_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('referral', 'assessment', 'section47', 'initial_conference', 'cp_review', 'closure', name='caseeventkind', native_enum=False, length=20), nullable=False),
    sa.Column('happened_on', sa.Date(), nullable=False),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('strategy_on', sa.Date(), nullable=True),
    sa.Column('code', sa.String(length=8), nullable=True),
    sa.Column('need_code', sa.String(length=4), nullable=True),
    sa.Column('no_further_action', sa.Boolean(), nullable=False),
    sa.Column('no_conference', sa.Boolean(), nullable=False),
    sa.Column('factors', sa.String(length=200), nullable=True),
    sa.Column('mapping_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('withdrawn', sa.Boolean(), nullable=False),
    sa.Column('recorded_by_name', sa.String(length=200), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_record.id'], name=op.f('fk_case_event_case_id_case_record')),
    sa.ForeignKeyConstraint(['child_id'], ['person.id'], name=op.f('fk_case_event_child_id_person')),
    sa.ForeignKeyConstraint(['mapping_id'], ['mapping.id'], name=op.f('fk_case_event_mapping_id_mapping')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_event'))
    )
    with op.batch_alter_table('case_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_event_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_event_child_id'), ['child_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_event_mapping_id'), ['mapping_id'], unique=False)

    with op.batch_alter_table('issued_document', schema=None) as batch_op:
        batch_op.alter_column('case_id',
               existing_type=sa.INTEGER(),
               nullable=True)

    op.create_table('census_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('reference_date', sa.Date(), nullable=False),
    sa.Column('status', sa.Enum('queued', 'running', 'done', 'failed', name='censusstatus', native_enum=False, length=12), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=False),
    sa.Column('stage', sa.String(length=200), nullable=False),
    sa.Column('children', sa.Integer(), nullable=False),
    sa.Column('errors', sa.Integer(), nullable=False),
    sa.Column('queries', sa.Integer(), nullable=False),
    sa.Column('findings', sa.JSON(), nullable=True),
    sa.Column('problem', sa.Text(), nullable=True),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('started_by_name', sa.String(length=200), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['issued_document.id'], name=op.f('fk_census_run_document_id_issued_document')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_census_run'))
    )
    # Plain ADD COLUMN: both tables are referenced by others, so no batch rebuild.
    op.add_column('mapping_item', sa.Column('census_factors', sa.String(length=200),
                                            nullable=True))
    op.add_column('person', sa.Column('upn_unknown', sa.String(length=4), nullable=True))
    op.add_column('person', sa.Column('sex', sa.String(length=1), nullable=True))
    op.add_column('person', sa.Column('disabilities', sa.String(length=80), nullable=True))



def downgrade() -> None:
    for table, column in (('person', 'disabilities'), ('person', 'sex'),
                          ('person', 'upn_unknown'), ('mapping_item', 'census_factors')):
        op.execute(f'ALTER TABLE {table} DROP COLUMN {column}')

    op.drop_table('census_run')
    op.execute('DELETE FROM issued_document WHERE case_id IS NULL')
    with op.batch_alter_table('issued_document', schema=None) as batch_op:
        batch_op.alter_column('case_id',
               existing_type=sa.INTEGER(),
               nullable=False)
    with op.batch_alter_table('case_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_event_mapping_id'))
        batch_op.drop_index(batch_op.f('ix_case_event_child_id'))
        batch_op.drop_index(batch_op.f('ix_case_event_case_id'))

    op.drop_table('case_event')
