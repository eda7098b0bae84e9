"""Words and Pictures: storyboards, their panels and who they were explained to

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-05 19:40:00

Three new tables; every existing record is kept. The board's summaries read none of them.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0020'
down_revision: str | None = '0019'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('storyboard',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('replaces_id', sa.Integer(), nullable=True),
    sa.Column('safety_plan_id', sa.Integer(), nullable=True),
    sa.Column('replaced', sa.Boolean(), nullable=False),
    sa.Column('created_by_name', sa.String(length=200), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_record.id'], name=op.f('fk_storyboard_case_id_case_record')),
    sa.ForeignKeyConstraint(['replaces_id'], ['storyboard.id'], name=op.f('fk_storyboard_replaces_id_storyboard')),
    sa.ForeignKeyConstraint(['safety_plan_id'], ['safety_plan.id'], name=op.f('fk_storyboard_safety_plan_id_safety_plan')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_storyboard')),
    sa.UniqueConstraint('case_id', 'number', name=op.f('uq_storyboard_case_id'))
    )
    with op.batch_alter_table('storyboard', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_storyboard_case_id'), ['case_id'], unique=False)

    op.create_table('storyboard_explanation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('storyboard_id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('explained_on', sa.Date(), nullable=False),
    sa.Column('by_name', sa.String(length=200), nullable=False),
    sa.Column('how', sa.Text(), nullable=True),
    sa.Column('recorded_by_name', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['child_id'], ['person.id'], name=op.f('fk_storyboard_explanation_child_id_person')),
    sa.ForeignKeyConstraint(['storyboard_id'], ['storyboard.id'], name=op.f('fk_storyboard_explanation_storyboard_id_storyboard')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_storyboard_explanation'))
    )
    with op.batch_alter_table('storyboard_explanation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_storyboard_explanation_child_id'), ['child_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_storyboard_explanation_storyboard_id'), ['storyboard_id'], unique=False)

    op.create_table('storyboard_panel',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('storyboard_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('words', sa.Text(), nullable=False),
    sa.Column('picture_id', sa.Integer(), nullable=True),
    sa.Column('source', sa.String(length=12), nullable=True),
    sa.Column('media_type', sa.String(length=40), nullable=True),
    sa.Column('width', sa.Integer(), nullable=True),
    sa.Column('height', sa.Integer(), nullable=True),
    sa.Column('content', sa.LargeBinary(), nullable=True),
    sa.Column('strokes', sa.JSON(), nullable=True),
    sa.Column('removed', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['picture_id'], ['picture.id'], name=op.f('fk_storyboard_panel_picture_id_picture')),
    sa.ForeignKeyConstraint(['storyboard_id'], ['storyboard.id'], name=op.f('fk_storyboard_panel_storyboard_id_storyboard')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_storyboard_panel'))
    )
    with op.batch_alter_table('storyboard_panel', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_storyboard_panel_storyboard_id'), ['storyboard_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('storyboard_panel', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_storyboard_panel_storyboard_id'))

    op.drop_table('storyboard_panel')
    with op.batch_alter_table('storyboard_explanation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_storyboard_explanation_storyboard_id'))
        batch_op.drop_index(batch_op.f('ix_storyboard_explanation_child_id'))

    op.drop_table('storyboard_explanation')
    with op.batch_alter_table('storyboard', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_storyboard_case_id'))

    op.drop_table('storyboard')
