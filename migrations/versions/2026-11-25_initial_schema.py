"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-25 01:30:11.986318
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

# JSONB on PostgreSQL, JSON elsewhere (as genesis.store.models.JSONType).
JSON_TYPE = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("hashed_password", sa.String(length=255), nullable=False),
        sa.Column("preferred_language", sa.String(length=2), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_users_email"), ["email"], unique=True)

    op.create_table(
        "coaching_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.String(length=36), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "initialized",
                "in_progress",
                "coaching_complete",
                "sub_agents_running",
                "brief_ready",
                "completed",
                "failed",
                name="session_status",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "current_step",
            sa.Enum(
                "vision",
                "mission",
                "clientele",
                "differentiation",
                "offre",
                "synthesis",
                name="coaching_step",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("language_fixed", sa.Boolean(), nullable=False),
        sa.Column("business_name", sa.String(length=200), nullable=True),
        sa.Column("step_completion", JSON_TYPE, nullable=False),
        sa.Column("coaching_confidence", sa.Float(), nullable=False),
        sa.Column("retry_count", sa.Integer(), nullable=False),
        sa.Column("cultural_context", JSON_TYPE, nullable=False),
        sa.Column("sector_context", JSON_TYPE, nullable=False),
        sa.Column("coaching_plan", JSON_TYPE, nullable=False),
        sa.Column("conversation_history", JSON_TYPE, nullable=False),
        sa.Column("to_improve", JSON_TYPE, nullable=False),
        sa.Column("coaching_duration", sa.Integer(), nullable=False),
        sa.Column("failure_reason", sa.Text(), nullable=True),
        sa.Column("last_activity_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_coaching_sessions_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coaching_sessions")),
    )
    with op.batch_alter_table("coaching_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_coaching_sessions_session_id"), ["session_id"], unique=True
        )
        batch_op.create_index(batch_op.f("ix_coaching_sessions_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_coaching_sessions_user_id"), ["user_id"], unique=False)

    op.create_table(
        "business_briefs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("business_name", sa.String(length=200), nullable=True),
        sa.Column("vision", sa.Text(), nullable=True),
        sa.Column("mission", sa.Text(), nullable=True),
        sa.Column("target_audience", sa.Text(), nullable=True),
        sa.Column("differentiation", sa.Text(), nullable=True),
        sa.Column("value_proposition", sa.Text(), nullable=True),
        sa.Column("sector", sa.String(length=32), nullable=True),
        sa.Column("location", sa.String(length=200), nullable=True),
        sa.Column("content", JSON_TYPE, nullable=False),
        sa.Column("market_research", JSON_TYPE, nullable=True),
        sa.Column("content_generation", JSON_TYPE, nullable=True),
        sa.Column("logo_creation", JSON_TYPE, nullable=True),
        sa.Column("seo_optimization", JSON_TYPE, nullable=True),
        sa.Column("template_selection", JSON_TYPE, nullable=True),
        sa.Column("overall_confidence", sa.Float(), nullable=False),
        sa.Column("brief_completeness", sa.Float(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["coaching_sessions.id"],
            name=op.f("fk_business_briefs_session_id_coaching_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_business_briefs")),
        sa.UniqueConstraint("session_id", name=op.f("uq_business_briefs_session_id")),
    )
    op.create_table(
        "coaching_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column(
            "step_name",
            sa.Enum(
                "vision",
                "mission",
                "clientele",
                "differentiation",
                "offre",
                "synthesis",
                name="coaching_step",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("step_order", sa.Integer(), nullable=False),
        sa.Column("user_response", sa.Text(), nullable=False),
        sa.Column("coach_message", sa.Text(), nullable=False),
        sa.Column("examples_provided", JSON_TYPE, nullable=False),
        sa.Column("validation_criteria", JSON_TYPE, nullable=False),
        sa.Column("is_complete", sa.Boolean(), nullable=False),
        sa.Column("confidence_score", sa.Float(), nullable=False),
        sa.Column("step_duration", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["coaching_sessions.id"],
            name=op.f("fk_coaching_steps_session_id_coaching_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coaching_steps")),
    )
    with op.batch_alter_table("coaching_steps", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_coaching_steps_session_id"), ["session_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("coaching_steps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_coaching_steps_session_id"))

    op.drop_table("coaching_steps")
    op.drop_table("business_briefs")
    with op.batch_alter_table("coaching_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_coaching_sessions_user_id"))
        batch_op.drop_index(batch_op.f("ix_coaching_sessions_status"))
        batch_op.drop_index(batch_op.f("ix_coaching_sessions_session_id"))

    op.drop_table("coaching_sessions")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_email"))

    op.drop_table("users")
