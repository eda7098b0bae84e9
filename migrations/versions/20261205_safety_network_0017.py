"""The family's safety network: its members and its meetings

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05 17:20:00

Three new tables; every existing record is kept. The board's summaries, which now read who
in the network was told the worries, are rebuilt by 0022, the latest migration that changes
what they read (it runs the app's own code, which reads tables made after this one).
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0017'
down_revision: str | None = '0016'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('network_member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('role', sa.String(length=200), nullable=False),
    sa.Column('told_on', sa.Date(), nullable=True),
    sa.Column('told_what', sa.Text(), nullable=True),
    sa.Column('agreement', sa.Enum('agreed', 'not_yet', 'declined', name='networkagreement', native_enum=False, length=12), nullable=False),
    sa.Column('commitments', sa.Text(), nullable=True),
    sa.Column('recorded_by_name', sa.String(length=200), nullable=False),
    sa.Column('removed', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_record.id'], name=op.f('fk_network_member_case_id_case_record')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_network_member_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_network_member'))
    )
    with op.batch_alter_table('network_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_network_member_case_id'), ['case_id'], unique=False)

    op.create_table('network_meeting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('others', sa.Text(), nullable=True),
    sa.Column('agreed', sa.Text(), nullable=False),
    sa.Column('next_meeting_on', sa.Date(), nullable=True),
    sa.Column('next_step_id', sa.Integer(), nullable=True),
    sa.Column('recorded_by_name', sa.String(length=200), nullable=False),
    sa.Column('removed', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_record.id'], name=op.f('fk_network_meeting_case_id_case_record')),
    sa.ForeignKeyConstraint(['next_step_id'], ['mapping_item.id'], name=op.f('fk_network_meeting_next_step_id_mapping_item')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_network_meeting'))
    )
    with op.batch_alter_table('network_meeting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_network_meeting_case_id'), ['case_id'], unique=False)

    op.create_table('network_attendance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['network_meeting.id'], name=op.f('fk_network_attendance_meeting_id_network_meeting')),
    sa.ForeignKeyConstraint(['member_id'], ['network_member.id'], name=op.f('fk_network_attendance_member_id_network_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_network_attendance')),
    sa.UniqueConstraint('meeting_id', 'member_id', name=op.f('uq_network_attendance_meeting_id'))
    )
    with op.batch_alter_table('network_attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_network_attendance_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_network_attendance_member_id'), ['member_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('network_attendance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_network_attendance_member_id'))
        batch_op.drop_index(batch_op.f('ix_network_attendance_meeting_id'))

    op.drop_table('network_attendance')
    with op.batch_alter_table('network_meeting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_network_meeting_case_id'))

    op.drop_table('network_meeting')
    with op.batch_alter_table('network_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_network_member_case_id'))

    op.drop_table('network_member')
