"""token generation: user ids never reused on SQLite, and a generation in every token

SQLite reuses the largest rowid once its row is deleted, so a deleted account's
token could name the next account. ``users`` is rebuilt with AUTOINCREMENT
(PostgreSQL sequences never go back) and gains ``token_generation``, which
every token carries and a password change moves on. Tokens issued before this
revision carry no generation and are refused: everyone signs in again once.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 06:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _rebuild_on_sqlite() -> str:
    # The table must be copied for AUTOINCREMENT (env.py turns foreign keys off
    # meanwhile, so dropping the old copy cascades to nothing).
    return "always" if op.get_context().dialect.name == "sqlite" else "auto"


def upgrade() -> None:
    with op.batch_alter_table(
        "users", recreate=_rebuild_on_sqlite(), table_kwargs={"sqlite_autoincrement": True}
    ) as batch_op:
        batch_op.add_column(
            sa.Column("token_generation", sa.Integer(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table(
        "users", recreate=_rebuild_on_sqlite(), table_kwargs={"sqlite_autoincrement": False}
    ) as batch_op:
        batch_op.drop_column("token_generation")
