"""The live copy of a session: read through the cache, refreshed after each commit."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from genesis.core.errors import InvalidCredentialsError, NotFoundError
from genesis.runtime import Runtime
from genesis.service.accounts import SIGNED_OUT
from genesis.service.common import SESSION_NOT_FOUND, session_key
from genesis.store import queries
from genesis.store.cache import session_from_snapshot, snapshot
from genesis.store.locks import Held
from genesis.store.models import CoachingSession

# The end of the conversation a step reads: the last messages and the replies at
# the current step (more only when the current step's replies go further back).
HISTORY_TAIL = 24


async def answering_session(
    db: AsyncSession | AsyncConnection,
    user_id: int,
    session_id: str,
    *,
    for_update: bool,
    token_generation: int | None = None,
) -> CoachingSession:
    """The caller's session to work on, detached, with the end of its conversation
    only: a session with 500 answers is read as fast as one with ten. With the
    token's ``token_generation``, the token is checked in the same statement
    (InvalidCredentialsError for a token signed out since)."""
    key = session_key(session_id)
    found = await queries.session_for_answer(
        db, user_id, key, tail=HISTORY_TAIL, for_update=for_update
    )
    if found is None:
        if token_generation is not None and token_generation != await queries.token_generation(
            db, user_id
        ):
            raise InvalidCredentialsError(SIGNED_OUT)
        raise NotFoundError(SESSION_NOT_FOUND)
    if token_generation is not None and found.token_generation != token_generation:
        raise InvalidCredentialsError(SIGNED_OUT)
    s = found.session
    step = s.current_step.value
    if len(s.conversation_history) < found.history_length and all(
        entry.get("step") == step for entry in s.conversation_history
    ):  # the replies at this step may go further back (row already locked)
        again = await queries.session_for_answer(db, user_id, key, tail=found.history_length)
        if again is None:
            raise NotFoundError(SESSION_NOT_FOUND)
        s = again.session
    return s


async def remember(
    rt: Runtime,
    s: CoachingSession,
    answers: dict[str, str],
    scores: dict[str, float],
    examples: list[str],
    held: Held | None = None,
) -> None:
    """After the commit: refresh the live copy (a failure only costs speed); with
    the session's lock ``held``, in the same round trip as its release."""
    snap = snapshot(s, answers, scores, examples)
    if held is None or not held.keep(snap):
        await rt.cache.set(s.session_id, snap)


async def cached_session(
    rt: Runtime, user_id: int, session_id: str
) -> tuple[CoachingSession, dict[str, str]]:
    """The live copy when it is as recent as the database, else the database (which
    refills it). The row's version is read every time: a copy that another
    server could not refresh (Redis unreachable during its write) is never served."""
    key = session_key(session_id)
    snap = await rt.cache.get(key)
    async with rt.sessionmaker() as db:
        version = await queries.session_version(db, user_id, key)
        if version is None:
            raise NotFoundError(SESSION_NOT_FOUND)
        if snap is not None and snap.get("version") == version:
            try:
                return session_from_snapshot(snap), dict(snap["answers"])
            except (KeyError, ValueError, TypeError):
                pass  # an entry from another version of the code: repair it below
        s = await answering_session(db, user_id, key, for_update=False)
        answers, scores = split_answers(await queries.accepted_answers(db, s.id))
        examples = await queries.last_examples(db, s.id)
    await remember(rt, s, answers, scores, examples)
    return s, answers


def split_answers(
    accepted: dict[str, tuple[str, float]],
) -> tuple[dict[str, str], dict[str, float]]:
    """(answer, score) by step, as two maps: the answers and the scores."""
    return (
        {k: text for k, (text, _) in accepted.items()},
        {k: score for k, (_, score) in accepted.items()},
    )
