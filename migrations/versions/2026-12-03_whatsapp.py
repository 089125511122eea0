"""whatsapp: contacts, inbound messages (deduplicated), the outbox, link codes

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON_TYPE = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "whatsapp_contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("wa_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("consent_asked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("consent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("declined_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_inbound_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("choices", JSON_TYPE, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_whatsapp_contacts_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_whatsapp_contacts")),
        sa.UniqueConstraint("wa_id", name=op.f("uq_whatsapp_contacts_wa_id")),
    )
    op.create_index(
        op.f("ix_whatsapp_contacts_user_id"), "whatsapp_contacts", ["user_id"], unique=False
    )
    op.create_table(
        "whatsapp_inbound",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.String(length=255), nullable=False),
        sa.Column("wa_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("reply_id", sa.String(length=256), nullable=False),
        sa.Column("profile_name", sa.String(length=200), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_whatsapp_inbound")),
        sa.UniqueConstraint("message_id", name=op.f("uq_whatsapp_inbound_message_id")),
    )
    op.create_index(op.f("ix_whatsapp_inbound_wa_id"), "whatsapp_inbound", ["wa_id"], unique=False)
    op.create_table(
        "whatsapp_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("wa_id", sa.String(length=32), nullable=False),
        sa.Column("dedup_key", sa.String(length=320), nullable=True),
        sa.Column("session_id", sa.String(length=36), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("content", JSON_TYPE, nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("wa_message_id", sa.String(length=255), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_whatsapp_outbox")),
        sa.UniqueConstraint("dedup_key", name=op.f("uq_whatsapp_outbox_dedup_key")),
    )
    op.create_index(op.f("ix_whatsapp_outbox_wa_id"), "whatsapp_outbox", ["wa_id"], unique=False)
    op.create_index(op.f("ix_whatsapp_outbox_status"), "whatsapp_outbox", ["status"], unique=False)
    op.create_table(
        "whatsapp_link_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_whatsapp_link_codes_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_whatsapp_link_codes")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_whatsapp_link_codes_code_hash")),
    )
    op.create_index(
        op.f("ix_whatsapp_link_codes_user_id"), "whatsapp_link_codes", ["user_id"], unique=False
    )


def downgrade() -> None:
    op.drop_table("whatsapp_link_codes")
    op.drop_table("whatsapp_outbox")
    op.drop_table("whatsapp_inbound")
    op.drop_table("whatsapp_contacts")
