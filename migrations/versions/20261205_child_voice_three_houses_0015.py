"""The child's voice: My Three Houses sessions and their entries, pictures, and where a
mapping item came from

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05 16:13:38

Three new tables and one new column on mapping_item; every existing record is kept.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('three_houses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=True),
    sa.Column('present', sa.String(length=400), nullable=True),
    sa.Column('interviewer_name', sa.String(length=200), nullable=False),
    sa.Column('child_age', sa.Integer(), nullable=True),
    sa.Column('sharing', sa.JSON(), nullable=False),
    sa.Column('sharing_asked_by', sa.String(length=200), nullable=True),
    sa.Column('sharing_asked_on', sa.Date(), nullable=True),
    sa.Column('recorded_by_name', sa.String(length=200), nullable=False),
    sa.Column('removed', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_record.id'], name=op.f('fk_three_houses_case_id_case_record')),
    sa.ForeignKeyConstraint(['child_id'], ['person.id'], name=op.f('fk_three_houses_child_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_three_houses'))
    )
    with op.batch_alter_table('three_houses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_three_houses_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_three_houses_child_id'), ['child_id'], unique=False)

    op.create_table('picture',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('three_houses_id', sa.Integer(), nullable=True),
    sa.Column('house', sa.Enum('worries', 'good_things', 'dreams', name='house', native_enum=False, length=12), nullable=True),
    sa.Column('caption', sa.String(length=200), nullable=True),
    sa.Column('source', sa.String(length=12), nullable=False),
    sa.Column('media_type', sa.String(length=40), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('strokes', sa.JSON(), nullable=True),
    sa.Column('sharing', sa.JSON(), nullable=False),
    sa.Column('sharing_asked_by', sa.String(length=200), nullable=True),
    sa.Column('recorded_by_name', sa.String(length=200), nullable=False),
    sa.Column('removed', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_record.id'], name=op.f('fk_picture_case_id_case_record')),
    sa.ForeignKeyConstraint(['child_id'], ['person.id'], name=op.f('fk_picture_child_id_person')),
    sa.ForeignKeyConstraint(['three_houses_id'], ['three_houses.id'], name=op.f('fk_picture_three_houses_id_three_houses')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_picture'))
    )
    with op.batch_alter_table('picture', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_picture_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_picture_child_id'), ['child_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_picture_three_houses_id'), ['three_houses_id'], unique=False)

    op.create_table('three_houses_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('three_houses_id', sa.Integer(), nullable=False),
    sa.Column('house', sa.Enum('worries', 'good_things', 'dreams', name='house', native_enum=False, length=12), nullable=False),
    sa.Column('words', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('removed', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['three_houses_id'], ['three_houses.id'], name=op.f('fk_three_houses_entry_three_houses_id_three_houses')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_three_houses_entry'))
    )
    with op.batch_alter_table('three_houses_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_three_houses_entry_three_houses_id'), ['three_houses_id'], unique=False)

    # A plain ADD COLUMN: SQLite's batch mode would copy and drop the table, which the
    # foreign keys of scores, links and notes refuse.
    op.add_column('mapping_item', sa.Column('voice_entry_id', sa.Integer(), nullable=True))
    op.create_index(op.f('ix_mapping_item_voice_entry_id'), 'mapping_item', ['voice_entry_id'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_mapping_item_voice_entry_id'), table_name='mapping_item')
    # SQLite has had DROP COLUMN since 3.35.
    op.execute("ALTER TABLE mapping_item DROP COLUMN voice_entry_id")

    with op.batch_alter_table('three_houses_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_three_houses_entry_three_houses_id'))

    op.drop_table('three_houses_entry')
    with op.batch_alter_table('picture', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_picture_three_houses_id'))
        batch_op.drop_index(batch_op.f('ix_picture_child_id'))
        batch_op.drop_index(batch_op.f('ix_picture_case_id'))

    op.drop_table('picture')
    with op.batch_alter_table('three_houses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_three_houses_child_id'))
        batch_op.drop_index(batch_op.f('ix_three_houses_case_id'))

    op.drop_table('three_houses')
