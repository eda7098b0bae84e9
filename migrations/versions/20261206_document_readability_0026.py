"""The documents register keeps the plain words check: findings left and the reason

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-06 00:00:00

Two nullable columns on issued_document; documents issued before stay as they were (no
check recorded).
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0026'
down_revision: str | None = '0025'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('issued_document', sa.Column('readability_findings', sa.Integer(),
                                               nullable=True))
    op.add_column('issued_document', sa.Column('readability_reason', sa.Text(), nullable=True))


def downgrade() -> None:
    op.execute('ALTER TABLE issued_document DROP COLUMN readability_reason')
    op.execute('ALTER TABLE issued_document DROP COLUMN readability_findings')
