"""finances: the plan's assumptions on the session and the financial agent's result

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# JSONB on PostgreSQL, JSON elsewhere (as genesis.store.models.JSONType).
JSON_TYPE = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("coaching_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("finance_assumptions", JSON_TYPE, nullable=True))
    with op.batch_alter_table("business_briefs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("financial_plan", JSON_TYPE, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("business_briefs", schema=None) as batch_op:
        batch_op.drop_column("financial_plan")
    with op.batch_alter_table("coaching_sessions", schema=None) as batch_op:
        batch_op.drop_column("finance_assumptions")
