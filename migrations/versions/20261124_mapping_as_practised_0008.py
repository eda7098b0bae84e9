"""The mapping as practised: family positions, item links, safety over time, raters as people,
sign-off notes, and disagreement on the board

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24 09:30:00

Every existing record is kept. Free-text raters are matched to a person on the case (or, for
the worker and team manager, to a user) only where the name is exactly theirs and no one else
on the case has it; every other rater stays a named rater. The practice summary is refilled
from the record with today's computation.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FAMILY_VIEW = sa.Enum('agrees', 'partly_agrees', 'disagrees', 'not_yet_asked',
                      name='familyview', native_enum=False, length=16)
def _summary_columns() -> list[sa.Column[int] | sa.Column[str]]:
    return [
        sa.Column('overall_low', sa.Integer(), nullable=True),
        sa.Column('overall_low_by', sa.String(length=400), nullable=True),
        sa.Column('overall_high', sa.Integer(), nullable=True),
        sa.Column('overall_high_by', sa.String(length=400), nullable=True),
        sa.Column('widest_gap', sa.Integer(), nullable=False, server_default='0'),
    ]


def upgrade() -> None:
    op.create_table(
        'family_position',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('mapping_id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('position', FAMILY_VIEW, nullable=False),
        sa.Column('words', sa.Text(), nullable=True),
        sa.Column('recorded_on', sa.Date(), nullable=False),
        sa.Column('recorded_by_id', sa.Integer(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True),
                  server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True),
                  server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
        sa.ForeignKeyConstraint(['mapping_id'], ['mapping.id'],
                                name=op.f('fk_family_position_mapping_id_mapping')),
        sa.ForeignKeyConstraint(['person_id'], ['person.id'],
                                name=op.f('fk_family_position_person_id_person')),
        sa.ForeignKeyConstraint(['recorded_by_id'], ['user_account.id'],
                                name=op.f('fk_family_position_recorded_by_id_user_account')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_family_position')),
        sa.UniqueConstraint('mapping_id', 'person_id', name=op.f('uq_family_position_mapping_id')),
    )
    with op.batch_alter_table('family_position', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_family_position_mapping_id'), ['mapping_id'],
                              unique=False)
    op.create_table(
        'mapping_item_link',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('target_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['item_id'], ['mapping_item.id'],
                                name=op.f('fk_mapping_item_link_item_id_mapping_item')),
        sa.ForeignKeyConstraint(['target_id'], ['mapping_item.id'],
                                name=op.f('fk_mapping_item_link_target_id_mapping_item')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_mapping_item_link')),
        sa.UniqueConstraint('item_id', 'target_id', name=op.f('uq_mapping_item_link_item_id')),
    )
    with op.batch_alter_table('mapping_item_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mapping_item_link_item_id'), ['item_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_mapping_item_link_target_id'), ['target_id'],
                              unique=False)
    with op.batch_alter_table('mapping_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sg_sustain_weeks', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('es_from', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('es_to', sa.Date(), nullable=True))
    with op.batch_alter_table('mapping', schema=None) as batch_op:
        batch_op.add_column(sa.Column('signed_off_note', sa.Text(), nullable=True))
    with op.batch_alter_table('rating', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rater_user_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_rating_rater_user_id_user_account'),
                                    'user_account', ['rater_user_id'], ['id'])
    with op.batch_alter_table('practice_summary', schema=None) as batch_op:
        for column in _summary_columns():
            batch_op.add_column(column)
    with op.batch_alter_table('practice_summary', schema=None) as batch_op:
        batch_op.alter_column('widest_gap', server_default=None)

    _match_raters(op.get_bind())
    # The summaries are then rebuilt by the app's own code, which reads the newest schema:
    # so by the newest migration that changes what it reads (0013 now), not here.


def _match_raters(conn: sa.Connection) -> None:
    """Free-text raters become people (or users) where the name is exactly one of theirs."""
    people: dict[int, dict[str, list[int]]] = {}
    for pid, case_id, given, family in conn.execute(sa.text(
            "SELECT id, case_id, given_name, family_name FROM person")):
        name = f"{given} {family}".strip()
        people.setdefault(case_id, {}).setdefault(name, []).append(pid)
    users: dict[str, list[int]] = {}
    for uid, name in conn.execute(sa.text("SELECT id, name FROM user_account")):
        users.setdefault(name, []).append(uid)
    rows = conn.execute(sa.text(
        "SELECT r.id, r.rater_kind, r.rater_name, m.case_id FROM rating r "
        "JOIN mapping m ON m.id = r.mapping_id WHERE r.rater_person_id IS NULL")).all()
    for rid, kind, name, case_id in rows:
        if kind in ("worker", "supervisor"):
            found = users.get(name, [])
            if len(found) == 1:
                conn.execute(sa.text("UPDATE rating SET rater_user_id = :u WHERE id = :id"),
                             {"u": found[0], "id": rid})
            continue
        found = people.get(case_id, {}).get(name, [])
        if len(found) == 1:
            conn.execute(sa.text("UPDATE rating SET rater_person_id = :p WHERE id = :id"),
                         {"p": found[0], "id": rid})


def downgrade() -> None:
    with op.batch_alter_table('practice_summary', schema=None) as batch_op:
        for column in reversed(_summary_columns()):
            batch_op.drop_column(column.name)
    with op.batch_alter_table('rating', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_rating_rater_user_id_user_account'),
                                 type_='foreignkey')
        batch_op.drop_column('rater_user_id')
    with op.batch_alter_table('mapping', schema=None) as batch_op:
        batch_op.drop_column('signed_off_note')
    with op.batch_alter_table('mapping_item', schema=None) as batch_op:
        batch_op.drop_column('es_to')
        batch_op.drop_column('es_from')
        batch_op.drop_column('sg_sustain_weeks')
    with op.batch_alter_table('mapping_item_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mapping_item_link_target_id'))
        batch_op.drop_index(batch_op.f('ix_mapping_item_link_item_id'))
    op.drop_table('mapping_item_link')
    with op.batch_alter_table('family_position', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_family_position_mapping_id'))
    op.drop_table('family_position')
