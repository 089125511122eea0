"""session_pk: the integer key of a session, on its steps and its brief

``session_id`` is the session's public UUID; the steps and the brief named their
integer foreign key to the session ``session_id`` too. It is ``session_pk`` now,
with its index and constraints renamed to match. Rows are kept (SQLite rebuilds
both tables in batch mode; PostgreSQL renames in place).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 09:10:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Each table and how it keeps one key per row: the steps index it, the brief is unique.
TABLES = (("coaching_steps", "index"), ("business_briefs", "unique"))


def _rename(old: str, new: str) -> None:
    for table, keyed_by in TABLES:
        # Two passes: in SQLite's batch mode a renamed column is only known by
        # its new name once the table is rebuilt.
        with op.batch_alter_table(table, schema=None) as batch_op:
            if keyed_by == "index":
                batch_op.drop_index(f"ix_{table}_{old}")
            else:
                batch_op.drop_constraint(f"uq_{table}_{old}", type_="unique")
            batch_op.drop_constraint(f"fk_{table}_{old}_coaching_sessions", type_="foreignkey")
            batch_op.alter_column(old, new_column_name=new)
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_foreign_key(
                f"fk_{table}_{new}_coaching_sessions",
                "coaching_sessions",
                [new],
                ["id"],
                ondelete="CASCADE",
            )
            if keyed_by == "index":
                batch_op.create_index(f"ix_{table}_{new}", [new], unique=False)
            else:
                batch_op.create_unique_constraint(f"uq_{table}_{new}", [new])


def upgrade() -> None:
    _rename("session_id", "session_pk")


def downgrade() -> None:
    _rename("session_pk", "session_id")
