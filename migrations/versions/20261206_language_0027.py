"""The family's language: a person's preferred language, and the language of each document
in the register

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-06 00:40:00

Two nullable columns; existing people and documents are kept as they were (not recorded).
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0027'
down_revision: str | None = '0026'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('person', sa.Column('language', sa.String(length=35), nullable=True))
    op.add_column('issued_document', sa.Column('language', sa.String(length=35),
                                               nullable=True))


def downgrade() -> None:
    op.execute('ALTER TABLE issued_document DROP COLUMN language')
    op.execute('ALTER TABLE person DROP COLUMN language')
