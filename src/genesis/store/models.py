"""SQLAlchemy models. The schema is built by the Alembic migrations only."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from genesis.core.steps import CoachingStepEnum, SessionStatusEnum

# JSONB on PostgreSQL (indexable, compact), plain JSON elsewhere.
JSONType = JSON().with_variant(JSONB(), "postgresql")

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


# Token generations are 31-bit: they fit an INTEGER column everywhere.
GENERATION_MODULUS = 2**31


def new_generation() -> int:
    """A new account's first token generation: random, so that a token can never
    match an account that merely got the same id (a restored backup, say)."""
    return secrets.randbelow(GENERATION_MODULUS)


class UTCDateTime(TypeDecorator[datetime]):
    """A moment in UTC, read back timezone-aware on every database (SQLite keeps
    no offset; PostgreSQL's TIMESTAMPTZ does)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


def _enum(cls: type[CoachingStepEnum] | type[SessionStatusEnum], name: str) -> Enum:
    # Stored as the enum's value in a VARCHAR: portable and readable in SQL.
    return Enum(
        cls,
        name=name,
        native_enum=False,
        length=32,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), default=utcnow, onupdate=utcnow, nullable=False
    )


class User(TimestampMixin, Base):
    __tablename__ = "users"
    # Ids are never reused on SQLite either: a token names its account by id.
    __table_args__ = {"sqlite_autoincrement": True}  # noqa: RUF012 - SQLAlchemy API

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True, index=True, nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    hashed_password: Mapped[str] = mapped_column(String(255), nullable=False)
    preferred_language: Mapped[str] = mapped_column(String(2), default="fr", nullable=False)
    # Carried in every access token; a password change moves it on, so the
    # tokens issued before stop working.
    token_generation: Mapped[int] = mapped_column(
        Integer, default=new_generation, server_default="0", nullable=False
    )

    coaching_sessions: Mapped[list[CoachingSession]] = relationship(
        back_populates="user",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="raise_on_sql",
    )


class CoachingSession(TimestampMixin, Base):
    __tablename__ = "coaching_sessions"
    # A person's sessions, newest first, straight from the index (the list, and the
    # cascade when an account goes): as fast with a million sessions as with ten.
    __table_args__ = (
        Index("ix_coaching_sessions_user_id_created_at", "user_id", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    session_id: Mapped[str] = mapped_column(String(36), unique=True, index=True, nullable=False)
    status: Mapped[SessionStatusEnum] = mapped_column(
        _enum(SessionStatusEnum, "session_status"),
        default=SessionStatusEnum.INITIALIZED,
        index=True,
        nullable=False,
    )
    current_step: Mapped[CoachingStepEnum] = mapped_column(
        _enum(CoachingStepEnum, "coaching_step"), default=CoachingStepEnum.VISION, nullable=False
    )
    language: Mapped[str] = mapped_column(String(2), default="fr", nullable=False)
    # False until the language is chosen at start or detected from the first answer.
    language_fixed: Mapped[bool] = mapped_column(default=False, nullable=False)
    business_name: Mapped[str | None] = mapped_column(String(200))
    step_completion: Mapped[dict[str, bool]] = mapped_column(JSONType, default=dict)
    coaching_confidence: Mapped[float] = mapped_column(Float, default=0.0, nullable=False)
    retry_count: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    cultural_context: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    sector_context: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    coaching_plan: Mapped[list[str]] = mapped_column(JSONType, default=list)
    conversation_history: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    # Steps accepted with a low confidence, to come back to at the synthesis.
    to_improve: Mapped[list[str]] = mapped_column(JSONType, default=list)
    # The financial plan's assumptions (core.finance.model.Assumptions as JSON): set
    # by the finances step, corrected with PUT /finances; None without that step.
    finance_assumptions: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    coaching_duration: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    failure_reason: Mapped[str | None] = mapped_column(Text)
    # The sub-agents' run: when it was asked for, and the lease of the job running
    # it (a job that dies stops renewing it, and recovery re-enqueues the session).
    agents_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    agents_lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    agents_lease_owner: Mapped[str | None] = mapped_column(String(64))
    # Jobs that claimed this run; one that keeps dying ends the run FAILED.
    agents_attempts: Mapped[int] = mapped_column(default=0, server_default="0", nullable=False)
    last_activity_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), default=utcnow, nullable=False
    )
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy API

    user: Mapped[User] = relationship(back_populates="coaching_sessions", lazy="raise_on_sql")
    coaching_steps: Mapped[list[CoachingStep]] = relationship(
        back_populates="session",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="CoachingStep.id",
        lazy="raise_on_sql",
    )
    business_brief: Mapped[BusinessBrief | None] = relationship(
        back_populates="session",
        cascade="all, delete-orphan",
        passive_deletes=True,
        uselist=False,
        lazy="raise_on_sql",
    )

    def say(self, role: str, message: str, now: datetime, *, force: bool = False) -> None:
        """Add a message of ``role`` ("user" or "coach") at the current step."""
        entry: dict[str, Any] = {
            "role": role,
            "message": message,
            "step": self.current_step.value,
            "at": now.isoformat(),
        }
        if force:
            entry["force"] = True  # "move on": the same text again is a new request
        # Reassigned, not appended: changes inside a JSON value are not tracked.
        self.conversation_history = [*self.conversation_history, entry]

    def last_coach_message(self) -> str:
        for entry in reversed(self.conversation_history):
            if entry.get("role") == "coach":
                return str(entry.get("message", ""))
        return ""

    def step_replies(self) -> list[str]:
        """The person's replies at the current step since it was last opened, oldest
        first ("move on" requests aside): the finances step rebuilds its draft from them."""
        replies: list[str] = []
        for entry in reversed(self.conversation_history):
            if entry.get("step") != self.current_step.value:
                break
            if entry.get("role") == "user" and not entry.get("force"):
                replies.append(str(entry.get("message", "")))
        return replies[::-1]


class CoachingStep(TimestampMixin, Base):
    __tablename__ = "coaching_steps"
    __table_args__ = (
        # A session's steps in order, and its last one, without a sort: a long
        # session costs what a short one does.
        Index("ix_coaching_steps_session_pk_id", "session_pk", "id"),
        # Each step's last accepted answer: one index probe per step of the plan,
        # however many answers were refused or revised before it.
        Index(
            "ix_coaching_steps_accepted",
            "session_pk",
            "step_name",
            "id",
            postgresql_where=text("is_complete"),
            sqlite_where=text("is_complete = 1"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The session's integer key (its public UUID is CoachingSession.session_id).
    session_pk: Mapped[int] = mapped_column(
        ForeignKey("coaching_sessions.id", ondelete="CASCADE"), nullable=False
    )
    step_name: Mapped[CoachingStepEnum] = mapped_column(
        _enum(CoachingStepEnum, "coaching_step"), nullable=False
    )
    step_order: Mapped[int] = mapped_column(Integer, nullable=False)
    user_response: Mapped[str] = mapped_column(Text, nullable=False)
    coach_message: Mapped[str] = mapped_column(Text, nullable=False)
    examples_provided: Mapped[list[str]] = mapped_column(JSONType, default=list)
    validation_criteria: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    is_complete: Mapped[bool] = mapped_column(default=False, nullable=False)
    confidence_score: Mapped[float] = mapped_column(Float, default=0.0, nullable=False)
    step_duration: Mapped[int] = mapped_column(Integer, default=0, nullable=False)

    session: Mapped[CoachingSession] = relationship(
        back_populates="coaching_steps", lazy="raise_on_sql"
    )


class IdempotencyRecord(Base):
    """The first response to a request sent with an Idempotency-Key, to replay it."""

    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("user_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True, nullable=False
    )
    key: Mapped[str] = mapped_column(String(255), nullable=False)
    # What the key was first used for; the same key with another request is refused.
    request_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    response: Mapped[dict[str, Any]] = mapped_column(JSONType, nullable=False)
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), default=utcnow, index=True, nullable=False
    )


class BusinessBrief(TimestampMixin, Base):
    __tablename__ = "business_briefs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The session's integer key (its public UUID is CoachingSession.session_id).
    session_pk: Mapped[int] = mapped_column(
        ForeignKey("coaching_sessions.id", ondelete="CASCADE"), unique=True, nullable=False
    )
    business_name: Mapped[str | None] = mapped_column(String(200))
    vision: Mapped[str | None] = mapped_column(Text)
    mission: Mapped[str | None] = mapped_column(Text)
    target_audience: Mapped[str | None] = mapped_column(Text)
    differentiation: Mapped[str | None] = mapped_column(Text)
    value_proposition: Mapped[str | None] = mapped_column(Text)
    sector: Mapped[str | None] = mapped_column(String(32))
    location: Mapped[str | None] = mapped_column(String(200))
    content: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    market_research: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    content_generation: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    logo_creation: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    seo_optimization: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    template_selection: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    financial_plan: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    overall_confidence: Mapped[float] = mapped_column(Float, default=0.0, nullable=False)
    brief_completeness: Mapped[float] = mapped_column(Float, default=0.0, nullable=False)

    session: Mapped[CoachingSession] = relationship(
        back_populates="business_brief", lazy="raise_on_sql"
    )


class Website(TimestampMixin, Base):
    """A session's one-page website: the contact details the person gave, and once
    published, the page as it was rendered then (served as is at /s/{slug}). The slug
    is kept when the site is taken down, so that publishing again gives the same address."""

    __tablename__ = "websites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_pk: Mapped[int] = mapped_column(
        ForeignKey("coaching_sessions.id", ondelete="CASCADE"), unique=True, nullable=False
    )
    whatsapp: Mapped[str] = mapped_column(String(16), default="", nullable=False)
    phone: Mapped[str] = mapped_column(String(16), default="", nullable=False)
    hours: Mapped[str] = mapped_column(String(200), default="", nullable=False)
    address: Mapped[str] = mapped_column(String(300), default="", nullable=False)
    slug: Mapped[str | None] = mapped_column(String(64), unique=True)
    # The published page and its Content-Security-Policy (the hash of its inline
    # style); both None while the site is not published.
    html: Mapped[str | None] = mapped_column(Text)
    csp: Mapped[str | None] = mapped_column(String(400))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


# The WhatsApp channel's tables share this metadata (the migrations build them all).
from genesis.store import whatsapp as _whatsapp_tables  # noqa: E402, F401
