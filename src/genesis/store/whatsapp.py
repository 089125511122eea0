"""The WhatsApp channel's tables and queries. Callers own the transaction.

Inbound messages are keyed by WhatsApp's message id (a retried delivery is
recorded once); outbound messages go through an outbox (rows committed with the
state change they follow, then sent), keyed when they must never go twice.
What people said is not kept here once it is handled: an inbound row keeps its
text until it is processed, an outbox row its content until it is sent or dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Final, TypeAlias

from sqlalchemy import (
    ForeignKey,
    Integer,
    String,
    Text,
    case,
    delete,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from genesis.store.db import writing
from genesis.store.models import (
    Base,
    CoachingSession,
    JSONType,
    TimestampMixin,
    UTCDateTime,
    utcnow,
)

# A row of columns read without the ORM (any number of them).
AnyRow: TypeAlias = "Row[*tuple[Any, ...]]"


class WhatsAppContact(TimestampMixin, Base):
    """A phone number that wrote to us, and the account it is tied to once it consents
    (or links a web account with a code)."""

    __tablename__ = "whatsapp_contacts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    wa_id: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    language: Mapped[str] = mapped_column(String(2), default="fr", nullable=False)
    consent_asked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    declined_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The customer-service window runs 24 hours from the person's last message.
    last_inbound_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The full text behind each list row last sent (a row title holds 24 characters).
    choices: Mapped[dict[str, str]] = mapped_column(JSONType, default=dict, nullable=False)


class WhatsAppInbound(Base):
    __tablename__ = "whatsapp_inbound"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[str] = mapped_column(String(255), unique=True, nullable=False)
    wa_id: Mapped[str] = mapped_column(String(32), index=True, nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    text: Mapped[str] = mapped_column(Text, default="", nullable=False)
    reply_id: Mapped[str] = mapped_column(String(256), default="", nullable=False)
    profile_name: Mapped[str] = mapped_column(String(200), default="", nullable=False)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class WhatsAppOutbox(Base):
    __tablename__ = "whatsapp_outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    wa_id: Mapped[str] = mapped_column(String(32), index=True, nullable=False)
    # Set when the message must never go twice (a reply to one inbound message, the
    # brief of one session); NULLs never collide.
    dedup_key: Mapped[str | None] = mapped_column(String(320), unique=True)
    session_id: Mapped[str | None] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    content: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict, nullable=False)
    # pending -> sent | dropped (the reason in last_error, and in the log)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True, nullable=False)
    attempts: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    last_error: Mapped[str | None] = mapped_column(Text)
    wa_message_id: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class WhatsAppLinkCode(Base):
    """A one-time code that ties a number to a web account: short-lived, single use,
    and kept only as a keyed hash."""

    __tablename__ = "whatsapp_link_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True, nullable=False
    )
    code_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)


async def relax_durability(db: AsyncSession) -> None:
    """This transaction's commit does not wait for the disk, on PostgreSQL.

    For the channel's bookkeeping only (a message handled, a consent asked, an
    invitation queued): the commit is visible at once and survives a crash of the
    app, and only a crash of the database server itself in the next fraction of a
    second could lose it, in which case the message is handled again (its answer
    is keyed, its replies too). Inbound messages, answers, accounts and the
    outcome of each send are always committed durably.
    """
    if db.get_bind().dialect.name == "postgresql":
        await db.execute(text("SET LOCAL synchronous_commit TO OFF"))


def _insert(db: AsyncSession, table: type[Base]) -> Any:
    """INSERT ... ON CONFLICT DO NOTHING, in the database's own dialect."""
    postgres = db.get_bind().dialect.name == "postgresql"
    return (postgresql.insert if postgres else sqlite.insert)(table)


INBOUND_COLUMNS: Final = (
    "message_id",
    "wa_id",
    "kind",
    "text",
    "reply_id",
    "profile_name",
    "sent_at",
    "received_at",
)
# One statement text whatever the number of rows, so asyncpg prepares it once per
# connection; run outside any transaction, it commits (durably) by itself.
RECORD_INBOUND_SQL: Final = """
INSERT INTO whatsapp_inbound
    (message_id, wa_id, kind, text, reply_id, profile_name, sent_at, received_at)
SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::text[],
                     $5::varchar[], $6::varchar[], $7::timestamptz[], $8::timestamptz[])
ON CONFLICT (message_id) DO NOTHING
RETURNING message_id
"""


async def record_inbound(engine: AsyncEngine, rows: list[dict[str, Any]]) -> set[str]:
    """Record a webhook POST's messages (each a dict of INBOUND_COLUMNS) and return
    the message ids that were new; an id recorded before is left as it is.

    This is the webhook's whole cost, so on PostgreSQL it is one statement in one
    round trip, sent by the driver itself: no BEGIN, no COMMIT, no SQLAlchemy
    compilation (about a fifth of the CPU of the same INSERT through the ORM's
    Core layer in a transaction, bench/webhook_spans.py). A lone statement is
    its own transaction, committed durably (synchronous_commit stays on) before
    the driver returns."""
    if not rows:
        return set()
    if engine.dialect.name == "postgresql":
        async with engine.connect() as conn:
            driver = (await conn.get_raw_connection()).driver_connection
            assert driver is not None, "a pooled connection has its driver connection"
            columns = [[row[name] for row in rows] for name in INBOUND_COLUMNS]
            return {r[0] for r in await driver.fetch(RECORD_INBOUND_SQL, *columns)}
    async with writing(engine).begin() as conn:
        stmt = (
            sqlite.insert(WhatsAppInbound)
            .values(rows)
            .on_conflict_do_nothing(index_elements=["message_id"])
            .returning(WhatsAppInbound.message_id)
        )
        return set((await conn.execute(stmt)).scalars())


async def next_inbound(conn: AsyncConnection, wa_id: str) -> AnyRow | None:
    """The number's oldest message not handled yet (its columns), or None."""
    inbound = WhatsAppInbound.__table__
    stmt = (
        select(inbound)
        .where(inbound.c.wa_id == wa_id, inbound.c.processed_at.is_(None))
        .order_by(inbound.c.sent_at, inbound.c.id)
        .limit(1)
    )
    return (await conn.execute(stmt)).first()


async def numbers_waiting(db: AsyncSession, before: datetime, limit: int = 100) -> Sequence[str]:
    """Numbers with an inbound message received before ``before`` and not processed."""
    stmt = (
        select(WhatsAppInbound.wa_id)
        .where(WhatsAppInbound.processed_at.is_(None), WhatsAppInbound.received_at < before)
        .distinct()
        .limit(limit)
    )
    return (await db.execute(stmt)).scalars().all()


async def contact(db: AsyncSession, wa_id: str, *, for_update: bool = False) -> WhatsAppContact:
    """The number's contact row, created when it writes for the first time."""
    await db.execute(
        _insert(db, WhatsAppContact)
        .values(wa_id=wa_id, language="fr", choices={}, created_at=utcnow(), updated_at=utcnow())
        .on_conflict_do_nothing(index_elements=["wa_id"])
    )
    stmt = select(WhatsAppContact).where(WhatsAppContact.wa_id == wa_id)
    if for_update:
        stmt = stmt.with_for_update()
    return (await db.execute(stmt)).scalar_one()


async def handled(
    db: AsyncSession,
    inbound_id: int,
    wa_id: str,
    sent_at: datetime,
    choices: dict[str, str] | None,
    outbox: list[tuple[str, dict[str, Any], str]],
) -> None:
    """One inbound message handled, in the caller's transaction, in three statements:
    the number's last inbound time (never moved back) and, when given, the list
    choices it was offered; the message marked processed with its text forgotten;
    its replies ``(kind, content, dedup_key)`` queued, each key once."""
    now = utcnow()
    contact = _insert(db, WhatsAppContact)
    last = WhatsAppContact.last_inbound_at
    newer = contact.excluded.last_inbound_at
    changes: dict[str, Any] = {
        "last_inbound_at": case((or_(last.is_(None), last < newer), newer), else_=last),
        "updated_at": contact.excluded.updated_at,
    }
    if choices is not None:
        changes["choices"] = contact.excluded.choices
    await db.execute(
        contact.values(
            wa_id=wa_id,
            language="fr",
            choices=choices or {},
            last_inbound_at=sent_at,
            created_at=now,
            updated_at=now,
        ).on_conflict_do_update(index_elements=["wa_id"], set_=changes)
    )
    await db.execute(
        update(WhatsAppInbound)
        .where(WhatsAppInbound.id == inbound_id)
        .values(processed_at=now, text="", profile_name="")  # the session keeps what counts
    )
    if outbox:
        rows = [
            {
                "wa_id": wa_id,
                "kind": kind,
                "content": content,
                "dedup_key": key,
                "session_id": None,
                "status": "pending",
                "attempts": 0,
                "created_at": now,
            }
            for kind, content, key in outbox
        ]
        insert = _insert(db, WhatsAppOutbox).values(rows)
        await db.execute(insert.on_conflict_do_nothing(index_elements=["dedup_key"]))


async def find_contact(conn: AsyncConnection, wa_id: str) -> AnyRow | None:
    """The number's contact (its columns), or None before its first message is handled."""
    contacts = WhatsAppContact.__table__
    return (await conn.execute(select(contacts).where(contacts.c.wa_id == wa_id))).first()


async def latest_session(db: AsyncSession, user_id: int) -> tuple[str, str, str] | None:
    """The account's most recent session as (session_id, status, language): a few
    columns, not the row with its whole conversation."""
    stmt = (
        select(CoachingSession.session_id, CoachingSession.status, CoachingSession.language)
        .where(CoachingSession.user_id == user_id)
        .order_by(CoachingSession.created_at.desc(), CoachingSession.id.desc())
        .limit(1)
    )
    row = (await db.execute(stmt)).one_or_none()
    return None if row is None else (row[0], row[1].value, row[2])


async def contact_of_user(db: AsyncSession, user_id: int) -> WhatsAppContact | None:
    stmt = (
        select(WhatsAppContact)
        .where(WhatsAppContact.user_id == user_id)
        .order_by(WhatsAppContact.id.desc())
        .limit(1)
    )
    return (await db.execute(stmt)).scalar_one_or_none()


async def add_outbox(
    db: AsyncSession,
    wa_id: str,
    kind: str,
    content: dict[str, Any],
    *,
    dedup_key: str | None,
    session_id: str | None = None,
) -> bool:
    """Queue one message; False when a message with ``dedup_key`` was already queued."""
    stmt = (
        _insert(db, WhatsAppOutbox)
        .values(
            wa_id=wa_id,
            kind=kind,
            content=content,
            dedup_key=dedup_key,
            session_id=session_id,
            status="pending",
            attempts=0,
            created_at=utcnow(),
        )
        .on_conflict_do_nothing(index_elements=["dedup_key"])
        .returning(WhatsAppOutbox.id)
    )
    return (await db.execute(stmt)).scalar_one_or_none() is not None


async def pending_outbox(conn: AsyncConnection, wa_id: str, limit: int = 50) -> Sequence[AnyRow]:
    """The number's messages waiting to be sent (their columns), oldest first."""
    outbox = WhatsAppOutbox.__table__
    stmt = (
        select(outbox.c.id, outbox.c.kind, outbox.c.content, outbox.c.attempts)
        .where(outbox.c.wa_id == wa_id, outbox.c.status == "pending")
        .order_by(outbox.c.id)
        .limit(limit)
    )
    return (await conn.execute(stmt)).all()


async def last_inbound(conn: AsyncConnection, wa_id: str) -> datetime | None:
    """When the number last wrote (the 24-hour window runs from it)."""
    stmt = select(WhatsAppContact.last_inbound_at).where(WhatsAppContact.wa_id == wa_id)
    value: datetime | None = (await conn.execute(stmt)).scalar_one_or_none()
    return value


async def numbers_with_pending_outbox(
    db: AsyncSession, before: datetime, limit: int = 100
) -> Sequence[str]:
    stmt = (
        select(WhatsAppOutbox.wa_id)
        .where(WhatsAppOutbox.status == "pending", WhatsAppOutbox.created_at < before)
        .distinct()
        .limit(limit)
    )
    return (await db.execute(stmt)).scalars().all()


async def finish_outbox(
    engine: AsyncEngine,
    row_id: int,
    status: str,
    *,
    attempts: int,
    error: str | None = None,
    wa_message_id: str | None = None,
) -> None:
    """A row sent or dropped: its content is forgotten, its outcome kept. One
    statement, committed on its own (on PostgreSQL in autocommit: one round trip)."""
    stmt = (
        update(WhatsAppOutbox)
        .where(WhatsAppOutbox.id == row_id)
        .values(
            status=status,
            attempts=attempts,
            last_error=error,
            wa_message_id=wa_message_id,
            content={},
            sent_at=utcnow() if status == "sent" else None,
        )
    )
    if engine.dialect.name == "postgresql":
        async with engine.connect() as conn:
            await conn.execution_options(isolation_level="AUTOCOMMIT")
            await conn.execute(stmt)
        return
    async with writing(engine).begin() as conn:
        await conn.execute(stmt)


async def outbox_key_exists(db: AsyncSession, dedup_key: str) -> WhatsAppOutbox | None:
    stmt = select(WhatsAppOutbox).where(WhatsAppOutbox.dedup_key == dedup_key)
    return (await db.execute(stmt)).scalar_one_or_none()


async def link_code(db: AsyncSession, code_hash: str) -> WhatsAppLinkCode | None:
    stmt = select(WhatsAppLinkCode).where(WhatsAppLinkCode.code_hash == code_hash).with_for_update()
    return (await db.execute(stmt)).scalar_one_or_none()


# Rows deleted per statement when pruning: short statements, no long lock.
PRUNE_BATCH: Final = 1000


async def prune(db: AsyncSession, before: datetime, *, batch: int = PRUNE_BATCH) -> int:
    """Delete up to ``batch`` handled inbound messages and ``batch`` finished sends
    (sent or dropped) older than ``before``; the number of rows deleted."""
    inbound = (
        select(WhatsAppInbound.id)
        .where(WhatsAppInbound.processed_at < before)
        .order_by(WhatsAppInbound.id)
        .limit(batch)
    )
    outbox = (
        select(WhatsAppOutbox.id)
        .where(WhatsAppOutbox.status != "pending", WhatsAppOutbox.created_at < before)
        .order_by(WhatsAppOutbox.id)
        .limit(batch)
    )
    deleted = 0
    for table, ids in ((WhatsAppInbound, inbound), (WhatsAppOutbox, outbox)):
        result = await db.execute(delete(table).where(table.id.in_(ids.scalar_subquery())))
        deleted += int(getattr(result, "rowcount", 0) or 0)
    return deleted


async def forget_number(db: AsyncSession, wa_id: str) -> None:
    """A number's handled messages and finished sends, deleted ("delete my data");
    what is still to handle or to send goes when it is done and pruned."""
    await db.execute(
        delete(WhatsAppInbound).where(
            WhatsAppInbound.wa_id == wa_id, WhatsAppInbound.processed_at.is_not(None)
        )
    )
    await db.execute(
        delete(WhatsAppOutbox).where(
            WhatsAppOutbox.wa_id == wa_id, WhatsAppOutbox.status != "pending"
        )
    )
