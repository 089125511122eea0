"""Every query of the service, in one place. Callers own the transaction."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from genesis.core.steps import SessionStatusEnum
from genesis.store.models import (
    BusinessBrief,
    CoachingSession,
    CoachingStep,
    IdempotencyRecord,
    User,
)


async def user_by_email(db: AsyncSession, email: str) -> User | None:
    result = await db.execute(select(User).where(User.email == email))
    return result.scalar_one_or_none()


async def user_by_id(db: AsyncSession, user_id: int) -> User | None:
    return await db.get(User, user_id)


async def token_generation(db: AsyncSession, user_id: int) -> int | None:
    """The account's token generation; None when there is no such account."""
    stmt = select(User.token_generation).where(User.id == user_id)
    return (await db.execute(stmt)).scalar_one_or_none()


async def delete_user(db: AsyncSession, user_id: int) -> None:
    # The foreign keys cascade to sessions, steps and briefs in the database.
    await db.execute(delete(User).where(User.id == user_id))


async def session_of_user(
    db: AsyncSession, user_id: int, session_id: str, *, for_update: bool = False
) -> CoachingSession | None:
    """The caller's session; None for a session that is another user's."""
    stmt = select(CoachingSession).where(
        CoachingSession.session_id == session_id, CoachingSession.user_id == user_id
    )
    if for_update:
        stmt = stmt.with_for_update()
    result = await db.execute(stmt)
    return result.scalar_one_or_none()


async def session_version(db: AsyncSession, user_id: int, session_id: str) -> int | None:
    """The version of the caller's session (None: no such session, or not theirs)."""
    stmt = select(CoachingSession.version).where(
        CoachingSession.session_id == session_id, CoachingSession.user_id == user_id
    )
    return (await db.execute(stmt)).scalar_one_or_none()


async def active_session_of_user(
    db: AsyncSession, user_id: int, statuses: Collection[SessionStatusEnum]
) -> str | None:
    """The id of the caller's most recently used session in one of ``statuses``."""
    stmt = (
        select(CoachingSession.session_id)
        .where(CoachingSession.user_id == user_id, CoachingSession.status.in_(statuses))
        .order_by(CoachingSession.last_activity_at.desc(), CoachingSession.id.desc())
        .limit(1)
    )
    return (await db.execute(stmt)).scalar_one_or_none()


async def session_by_public_id(
    db: AsyncSession, session_id: str, *, for_update: bool = False
) -> CoachingSession | None:
    stmt = select(CoachingSession).where(CoachingSession.session_id == session_id)
    if for_update:
        stmt = stmt.with_for_update()
    result = await db.execute(stmt)
    return result.scalar_one_or_none()


async def sessions_of_user(
    db: AsyncSession, user_id: int, status: SessionStatusEnum | None = None
) -> Sequence[CoachingSession]:
    stmt = select(CoachingSession).where(CoachingSession.user_id == user_id)
    if status is not None:
        stmt = stmt.where(CoachingSession.status == status)
    stmt = stmt.order_by(CoachingSession.created_at.desc(), CoachingSession.id.desc())
    return (await db.execute(stmt)).scalars().all()


async def sessions_by_status(
    db: AsyncSession, statuses: Sequence[SessionStatusEnum], *, limit: int = 1000
) -> Sequence[CoachingSession]:
    """The seed's status query: e.g. the sessions waiting for their sub-agents."""
    stmt = (
        select(CoachingSession)
        .where(CoachingSession.status.in_(statuses))
        .order_by(CoachingSession.updated_at)
        .limit(limit)
    )
    return (await db.execute(stmt)).scalars().all()


async def steps_of_session(db: AsyncSession, session_pk: int) -> Sequence[CoachingStep]:
    stmt = (
        select(CoachingStep).where(CoachingStep.session_pk == session_pk).order_by(CoachingStep.id)
    )
    return (await db.execute(stmt)).scalars().all()


async def accepted_answers(db: AsyncSession, session_pk: int) -> dict[str, tuple[str, float]]:
    """(answer, score) of each step's last accepted answer; a revision replaces the earlier."""
    stmt = (
        select(
            CoachingStep.step_name,
            CoachingStep.user_response,
            CoachingStep.confidence_score,
            CoachingStep.validation_criteria,
        )
        .where(CoachingStep.session_pk == session_pk, CoachingStep.is_complete.is_(True))
        .order_by(CoachingStep.id)
    )
    rows = (await db.execute(stmt)).all()
    # A step that gathers several replies (the finances) keeps its answer, the
    # summary, beside the last reply.
    return {
        step.value: (str((criteria or {}).get("answer") or text), score)
        for step, text, score, criteria in rows
    }


async def last_examples(db: AsyncSession, session_pk: int) -> list[str]:
    """The examples the coach gave with its last message."""
    stmt = (
        select(CoachingStep.examples_provided)
        .where(CoachingStep.session_pk == session_pk)
        .order_by(CoachingStep.id.desc())
        .limit(1)
    )
    return list((await db.execute(stmt)).scalar_one_or_none() or [])


async def idempotency_record(db: AsyncSession, user_id: int, key: str) -> IdempotencyRecord | None:
    stmt = select(IdempotencyRecord).where(
        IdempotencyRecord.user_id == user_id, IdempotencyRecord.key == key
    )
    return (await db.execute(stmt)).scalar_one_or_none()


async def brief_of_session(db: AsyncSession, session_pk: int) -> BusinessBrief | None:
    result = await db.execute(select(BusinessBrief).where(BusinessBrief.session_pk == session_pk))
    return result.scalar_one_or_none()


async def brief_exists(db: AsyncSession, session_pk: int) -> bool:
    stmt = (
        select(func.count())
        .select_from(BusinessBrief)
        .where(BusinessBrief.session_pk == session_pk)
    )
    return bool((await db.execute(stmt)).scalar_one())


async def delete_session(db: AsyncSession, session_pk: int) -> None:
    await db.execute(delete(CoachingSession).where(CoachingSession.id == session_pk))
