"""Everyday casework: case notes and visits (the children each concerns, seen and seen
alone; the mapping items each is evidence for) and attachments kept in the database

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24 10:45:27

New tables only: every existing record is kept as it is.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index('ix_audit_event_entity', ['entity_type', 'entity_id'],
                              unique=False)
    op.create_table('case_note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('visit', 'phone_call', 'meeting', 'other', name='notekind', native_enum=False, length=16), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('occurred_time', sa.Time(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('location', sa.String(length=200), nullable=True),
    sa.Column('others_present', sa.Text(), nullable=True),
    sa.Column('significant', sa.Boolean(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('author_name', sa.String(length=200), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user_account.id'], name=op.f('fk_case_note_author_id_user_account')),
    sa.ForeignKeyConstraint(['case_id'], ['case_record.id'], name=op.f('fk_case_note_case_id_case_record')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_note'))
    )
    with op.batch_alter_table('case_note', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_note_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_note_occurred_on'), ['occurred_on'], unique=False)

    op.create_table('attachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('note_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('sender', sa.String(length=200), nullable=True),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('media_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('uploaded_by_name', sa.String(length=200), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_record.id'], name=op.f('fk_attachment_case_id_case_record')),
    sa.ForeignKeyConstraint(['note_id'], ['case_note.id'], name=op.f('fk_attachment_note_id_case_note')),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['user_account.id'], name=op.f('fk_attachment_uploaded_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachment'))
    )
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachment_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_note_id'), ['note_id'], unique=False)

    op.create_table('case_note_child',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('note_id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('seen', sa.Boolean(), nullable=False),
    sa.Column('seen_alone', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['child_id'], ['person.id'], name=op.f('fk_case_note_child_child_id_person')),
    sa.ForeignKeyConstraint(['note_id'], ['case_note.id'], name=op.f('fk_case_note_child_note_id_case_note')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_note_child')),
    sa.UniqueConstraint('note_id', 'child_id', name=op.f('uq_case_note_child_note_id'))
    )
    with op.batch_alter_table('case_note_child', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_note_child_child_id'), ['child_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_note_child_note_id'), ['note_id'], unique=False)

    op.create_table('case_note_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('note_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['mapping_item.id'], name=op.f('fk_case_note_item_item_id_mapping_item')),
    sa.ForeignKeyConstraint(['note_id'], ['case_note.id'], name=op.f('fk_case_note_item_note_id_case_note')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_note_item')),
    sa.UniqueConstraint('note_id', 'item_id', name=op.f('uq_case_note_item_note_id'))
    )
    with op.batch_alter_table('case_note_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_note_item_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_note_item_note_id'), ['note_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('case_note_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_note_item_note_id'))
        batch_op.drop_index(batch_op.f('ix_case_note_item_item_id'))

    op.drop_table('case_note_item')
    with op.batch_alter_table('case_note_child', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_note_child_note_id'))
        batch_op.drop_index(batch_op.f('ix_case_note_child_child_id'))

    op.drop_table('case_note_child')
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachment_note_id'))
        batch_op.drop_index(batch_op.f('ix_attachment_case_id'))

    op.drop_table('attachment')
    with op.batch_alter_table('case_note', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_note_occurred_on'))
        batch_op.drop_index(batch_op.f('ix_case_note_case_id'))

    op.drop_table('case_note')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_event_entity')
