"""Helpers the use-cases share: ownership, request fingerprints, replays."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from genesis.core.errors import IdempotencyKeyReusedError, NotFoundError
from genesis.core.ids import canonical_session_id
from genesis.store import queries
from genesis.store.models import CoachingSession

SESSION_NOT_FOUND = "No coaching session with this id."


def session_key(session_id: str) -> str:
    """The canonical spelling of a session id; NotFoundError for anything that is
    not one (a NUL, say, which PostgreSQL could not even compare)."""
    canonical = canonical_session_id(session_id)
    if canonical is None:
        raise NotFoundError(SESSION_NOT_FOUND)
    return canonical


async def owned(
    db: AsyncSession, user_id: int, session_id: str, *, for_update: bool = False
) -> CoachingSession:
    key = session_key(session_id)
    s = await queries.session_of_user(db, user_id, key, for_update=for_update)
    if s is None:
        raise NotFoundError(SESSION_NOT_FOUND)
    return s


def fingerprint(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


async def replay(db: AsyncSession, user_id: int, key: str, request: str) -> dict[str, Any] | None:
    record = await queries.idempotency_record(db, user_id, key)
    if record is None:
        return None
    if record.request_hash != request:
        raise IdempotencyKeyReusedError(
            "This Idempotency-Key was already used for a different request; use a new key."
        )
    return dict(record.response)
