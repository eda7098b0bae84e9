"""The safety plan: plans, rules and what they answer, sign-offs and monitoring

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05 19:00:00

Five new tables; every existing record is kept. The board's summaries read none of them.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0019'
down_revision: str | None = '0018'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('safety_plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('mapping_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'agreed', 'replaced', name='planstatus', native_enum=False, length=12), nullable=False),
    sa.Column('made_on', sa.Date(), nullable=False),
    sa.Column('review_on', sa.Date(), nullable=True),
    sa.Column('agreed_on', sa.Date(), nullable=True),
    sa.Column('replaces_id', sa.Integer(), nullable=True),
    sa.Column('created_by_name', sa.String(length=200), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_record.id'], name=op.f('fk_safety_plan_case_id_case_record')),
    sa.ForeignKeyConstraint(['mapping_id'], ['mapping.id'], name=op.f('fk_safety_plan_mapping_id_mapping')),
    sa.ForeignKeyConstraint(['replaces_id'], ['safety_plan.id'], name=op.f('fk_safety_plan_replaces_id_safety_plan')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_safety_plan')),
    sa.UniqueConstraint('case_id', 'number', name=op.f('uq_safety_plan_case_id'))
    )
    with op.batch_alter_table('safety_plan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_safety_plan_case_id'), ['case_id'], unique=False)

    op.create_table('safety_plan_signoff',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('agreed_on', sa.Date(), nullable=False),
    sa.Column('how', sa.Enum('signed_paper', 'said_at_meeting', 'signed_on_tablet', 'other', name='signoffhow', native_enum=False, length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('recorded_by_name', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['network_member.id'], name=op.f('fk_safety_plan_signoff_member_id_network_member')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_safety_plan_signoff_person_id_person')),
    sa.ForeignKeyConstraint(['plan_id'], ['safety_plan.id'], name=op.f('fk_safety_plan_signoff_plan_id_safety_plan')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_safety_plan_signoff'))
    )
    with op.batch_alter_table('safety_plan_signoff', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_safety_plan_signoff_plan_id'), ['plan_id'], unique=False)

    op.create_table('safety_rule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('words', sa.Text(), nullable=False),
    sa.Column('responsible_member_ids', sa.JSON(), nullable=False),
    sa.Column('responsible_others', sa.String(length=400), nullable=True),
    sa.Column('checked_how', sa.Text(), nullable=True),
    sa.Column('warning_signs', sa.Text(), nullable=True),
    sa.Column('if_broken', sa.Text(), nullable=True),
    sa.Column('who_to_call', sa.Text(), nullable=True),
    sa.Column('removed', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['safety_plan.id'], name=op.f('fk_safety_rule_plan_id_safety_plan')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_safety_rule'))
    )
    with op.batch_alter_table('safety_rule', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_safety_rule_plan_id'), ['plan_id'], unique=False)

    op.create_table('safety_rule_check',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rule_id', sa.Integer(), nullable=False),
    sa.Column('checked_on', sa.Date(), nullable=False),
    sa.Column('result', sa.Enum('held', 'slipped', 'broken', name='checkresult', native_enum=False, length=10), nullable=False),
    sa.Column('what_happened', sa.Text(), nullable=True),
    sa.Column('by_name', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['rule_id'], ['safety_rule.id'], name=op.f('fk_safety_rule_check_rule_id_safety_rule')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_safety_rule_check'))
    )
    with op.batch_alter_table('safety_rule_check', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_safety_rule_check_rule_id'), ['rule_id'], unique=False)

    op.create_table('safety_rule_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rule_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['mapping_item.id'], name=op.f('fk_safety_rule_link_item_id_mapping_item')),
    sa.ForeignKeyConstraint(['rule_id'], ['safety_rule.id'], name=op.f('fk_safety_rule_link_rule_id_safety_rule')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_safety_rule_link')),
    sa.UniqueConstraint('rule_id', 'item_id', name=op.f('uq_safety_rule_link_rule_id'))
    )
    with op.batch_alter_table('safety_rule_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_safety_rule_link_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_safety_rule_link_rule_id'), ['rule_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('safety_rule_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_safety_rule_link_rule_id'))
        batch_op.drop_index(batch_op.f('ix_safety_rule_link_item_id'))

    op.drop_table('safety_rule_link')
    with op.batch_alter_table('safety_rule_check', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_safety_rule_check_rule_id'))

    op.drop_table('safety_rule_check')
    with op.batch_alter_table('safety_rule', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_safety_rule_plan_id'))

    op.drop_table('safety_rule')
    with op.batch_alter_table('safety_plan_signoff', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_safety_plan_signoff_plan_id'))

    op.drop_table('safety_plan_signoff')
    with op.batch_alter_table('safety_plan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_safety_plan_case_id'))

    op.drop_table('safety_plan')
