"""Case search by part of a name on SQLite: an FTS5 trigram index of the names

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-05 22:00:00

SQLite only (PostgreSQL has its trigram indexes since 0007). A virtual table holds each
case's family name and reference and each person's names, kept in step by triggers; case
search asks it for a phrase of three or more letters instead of reading every row. The
rowid says where a name came from: 2*id and 2*id+1 for a case, minus those for a person.
Every existing record is kept; the index is filled from them.
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0025'
down_revision: str | None = '0024'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CASE_ROWS = ("(2 * {r}.id, {r}.family_name, {r}.id), "
             "(2 * {r}.id + 1, {r}.reference, {r}.id)")
PERSON_ROWS = ("(-2 * {r}.id, {r}.family_name, {r}.case_id), "
               "(-2 * {r}.id - 1, {r}.given_name, {r}.case_id)")
INSERT = "INSERT INTO case_name_fts(rowid, name, case_id) VALUES "
DELETE_CASE = "DELETE FROM case_name_fts WHERE rowid IN (2 * old.id, 2 * old.id + 1);"
DELETE_PERSON = "DELETE FROM case_name_fts WHERE rowid IN (-2 * old.id, -2 * old.id - 1);"


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("CREATE VIRTUAL TABLE case_name_fts USING fts5("
               "name, case_id UNINDEXED, tokenize = 'trigram')")
    op.execute("INSERT INTO case_name_fts(rowid, name, case_id) "
               "SELECT 2 * id, family_name, id FROM case_record UNION ALL "
               "SELECT 2 * id + 1, reference, id FROM case_record UNION ALL "
               "SELECT -2 * id, family_name, case_id FROM person UNION ALL "
               "SELECT -2 * id - 1, given_name, case_id FROM person")
    op.execute("CREATE TRIGGER case_name_fts_ci AFTER INSERT ON case_record BEGIN "
               + INSERT + CASE_ROWS.format(r="new") + "; END")
    op.execute("CREATE TRIGGER case_name_fts_cu AFTER UPDATE OF family_name, reference "
               "ON case_record BEGIN " + DELETE_CASE + INSERT + CASE_ROWS.format(r="new")
               + "; END")
    op.execute("CREATE TRIGGER case_name_fts_cd AFTER DELETE ON case_record BEGIN "
               + DELETE_CASE + " END")
    op.execute("CREATE TRIGGER case_name_fts_pi AFTER INSERT ON person BEGIN "
               + INSERT + PERSON_ROWS.format(r="new") + "; END")
    op.execute("CREATE TRIGGER case_name_fts_pu AFTER UPDATE OF given_name, family_name, "
               "case_id ON person BEGIN " + DELETE_PERSON + INSERT
               + PERSON_ROWS.format(r="new") + "; END")
    op.execute("CREATE TRIGGER case_name_fts_pd AFTER DELETE ON person BEGIN "
               + DELETE_PERSON + " END")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in ("ci", "cu", "cd", "pi", "pu", "pd"):
        op.execute(f"DROP TRIGGER IF EXISTS case_name_fts_{name}")
    op.execute("DROP TABLE IF EXISTS case_name_fts")
