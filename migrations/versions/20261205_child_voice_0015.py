"""The child's voice: sessions with a child (My Three Houses, the Safety House) and their
entries, pictures, and where a mapping item came from

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05 16:30:00

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
    op.create_table('voice_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('tool', sa.Enum('three_houses', 'safety_house', name='voicetool', native_enum=False, length=16), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=True),
    sa.Column('present', sa.String(length=400), nullable=True),
    sa.Column('interviewer_name', sa.String(length=200), nullable=False),
    sa.Column('child_age', sa.Integer(), nullable=True),
    sa.Column('scale', sa.Integer(), nullable=True),
    sa.Column('scale_words', sa.Text(), nullable=True),
    sa.Column('sharing', sa.JSON(), nullable=False),
    sa.Column('sharing_asked_by', sa.String(length=200), nullable=True),
    sa.Column('sharing_asked_on', sa.Date(), nullable=True),
    sa.Column('recorded_by_name', sa.String(length=200), nullable=False),
    sa.Column('removed', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_record.id'], name=op.f('fk_voice_session_case_id_case_record')),
    sa.ForeignKeyConstraint(['child_id'], ['person.id'], name=op.f('fk_voice_session_child_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voice_session'))
    )
    with op.batch_alter_table('voice_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_voice_session_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_voice_session_child_id'), ['child_id'], unique=False)

    op.create_table('picture',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('part', sa.Enum('worries', 'good_things', 'dreams', 'inside', 'path', 'roof', 'red_circle', name='voicepart', native_enum=False, length=12), nullable=True),
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
    sa.ForeignKeyConstraint(['session_id'], ['voice_session.id'], name=op.f('fk_picture_session_id_voice_session')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_picture'))
    )
    with op.batch_alter_table('picture', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_picture_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_picture_child_id'), ['child_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_picture_session_id'), ['session_id'], unique=False)

    op.create_table('voice_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('part', sa.Enum('worries', 'good_things', 'dreams', 'inside', 'path', 'roof', 'red_circle', name='voicepart', native_enum=False, length=12), nullable=False),
    sa.Column('words', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('removed', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['voice_session.id'], name=op.f('fk_voice_entry_session_id_voice_session')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voice_entry'))
    )
    with op.batch_alter_table('voice_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_voice_entry_session_id'), ['session_id'], unique=False)

    # A plain ADD COLUMN: SQLite's batch mode would copy and drop the table, which the
    # foreign keys of scores, links and notes refuse.
    op.add_column('mapping_item', sa.Column('voice_entry_id', sa.Integer(), nullable=True))
    op.create_index(op.f('ix_mapping_item_voice_entry_id'), 'mapping_item', ['voice_entry_id'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_mapping_item_voice_entry_id'), table_name='mapping_item')
    # SQLite has had DROP COLUMN since 3.35.
    op.execute("ALTER TABLE mapping_item DROP COLUMN voice_entry_id")

    with op.batch_alter_table('voice_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_voice_entry_session_id'))

    op.drop_table('voice_entry')
    with op.batch_alter_table('picture', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_picture_session_id'))
        batch_op.drop_index(batch_op.f('ix_picture_child_id'))
        batch_op.drop_index(batch_op.f('ix_picture_case_id'))

    op.drop_table('picture')
    with op.batch_alter_table('voice_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_voice_session_child_id'))
        batch_op.drop_index(batch_op.f('ix_voice_session_case_id'))

    op.drop_table('voice_session')
