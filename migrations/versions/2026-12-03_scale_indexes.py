"""scale indexes: a person's sessions and a session's steps read from an index, not sorted

The single-column indexes on coaching_sessions.user_id and coaching_steps.session_pk
become the leading columns of composite ones (the foreign keys keep an index),
and each step's last accepted answer gets a partial index.

Revision ID: 0009
Revises: 0007
Create Date: 2026-12-03 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("coaching_sessions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_coaching_sessions_user_id_created_at", ["user_id", "created_at", "id"]
        )
        batch_op.drop_index("ix_coaching_sessions_user_id")
    with op.batch_alter_table("coaching_steps", schema=None) as batch_op:
        batch_op.create_index("ix_coaching_steps_session_pk_id", ["session_pk", "id"])
        batch_op.create_index(
            "ix_coaching_steps_accepted",
            ["session_pk", "step_name", "id"],
            postgresql_where=sa.text("is_complete"),
            sqlite_where=sa.text("is_complete = 1"),
        )
        batch_op.drop_index("ix_coaching_steps_session_pk")


def downgrade() -> None:
    with op.batch_alter_table("coaching_steps", schema=None) as batch_op:
        batch_op.create_index("ix_coaching_steps_session_pk", ["session_pk"])
        batch_op.drop_index("ix_coaching_steps_accepted")
        batch_op.drop_index("ix_coaching_steps_session_pk_id")
    with op.batch_alter_table("coaching_sessions", schema=None) as batch_op:
        batch_op.create_index("ix_coaching_sessions_user_id", ["user_id"])
        batch_op.drop_index("ix_coaching_sessions_user_id_created_at")
