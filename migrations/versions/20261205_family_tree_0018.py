"""The family tree: relationships between people, households, who has died

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05 18:40:00

Two new tables (kinship, household_member) and five plain new columns; every existing
record is kept. The board's summaries read none of them, so they are not rebuilt.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0018'
down_revision: str | None = '0017'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('household_member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('household', sa.String(length=120), nullable=False),
    sa.Column('moved_in', sa.Date(), nullable=True),
    sa.Column('moved_out', sa.Date(), nullable=True),
    sa.Column('removed', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_record.id'], name=op.f('fk_household_member_case_id_case_record')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_household_member_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_household_member'))
    )
    with op.batch_alter_table('household_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_household_member_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_household_member_person_id'), ['person_id'], unique=False)

    op.create_table('kinship',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('relative_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('parent', 'step_parent', 'partner', 'ex_partner', 'sibling', 'half_sibling', 'grandparent', 'aunt_uncle', 'friend', 'neighbour', 'professional', name='kinkind', native_enum=False, length=16), nullable=False),
    sa.Column('birth', sa.Boolean(), nullable=False),
    sa.Column('parental_responsibility', sa.Boolean(), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=True),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('strength', sa.Enum('strong', 'tenuous', 'stressful', name='strength', native_enum=False, length=12), nullable=True),
    sa.Column('removed', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_record.id'], name=op.f('fk_kinship_case_id_case_record')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_kinship_person_id_person')),
    sa.ForeignKeyConstraint(['relative_id'], ['person.id'], name=op.f('fk_kinship_relative_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kinship'))
    )
    with op.batch_alter_table('kinship', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kinship_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_kinship_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_kinship_relative_id'), ['relative_id'], unique=False)

    op.add_column('case_record', sa.Column('genogram_shared', sa.Boolean(), nullable=False,
                                           server_default=sa.false()))
    op.add_column('network_member', sa.Column('strength', sa.Enum(
        'strong', 'tenuous', 'stressful', name='strength', native_enum=False, length=12),
        nullable=True))
    op.add_column('person', sa.Column('deceased', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    op.add_column('person', sa.Column('died_on', sa.Date(), nullable=True))
    op.add_column('rating', sa.Column('rater_member_id', sa.Integer(), nullable=True))
    op.create_index(op.f('ix_rating_rater_member_id'), 'rating', ['rater_member_id'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_rating_rater_member_id'), table_name='rating')
    op.execute('ALTER TABLE rating DROP COLUMN rater_member_id')
    for table, column in (('person', 'died_on'), ('person', 'deceased'),
                          ('network_member', 'strength'), ('case_record', 'genogram_shared')):
        op.execute(f'ALTER TABLE {table} DROP COLUMN {column}')

    with op.batch_alter_table('kinship', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kinship_relative_id'))
        batch_op.drop_index(batch_op.f('ix_kinship_person_id'))
        batch_op.drop_index(batch_op.f('ix_kinship_case_id'))

    op.drop_table('kinship')
    with op.batch_alter_table('household_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_household_member_person_id'))
        batch_op.drop_index(batch_op.f('ix_household_member_case_id'))

    op.drop_table('household_member')
