"""The live copy of a session: read through the cache, refreshed after each commit."""

from __future__ import annotations

from genesis.core.errors import NotFoundError
from genesis.runtime import Runtime
from genesis.service.common import SESSION_NOT_FOUND, owned, session_key
from genesis.store import queries
from genesis.store.cache import session_from_snapshot, snapshot
from genesis.store.models import CoachingSession


async def remember(
    rt: Runtime,
    s: CoachingSession,
    answers: dict[str, str],
    scores: dict[str, float],
    examples: list[str],
) -> None:
    """After the commit: refresh the live copy (a failure only costs speed)."""
    await rt.cache.set(s.session_id, snapshot(s, answers, scores, examples))


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
        s = await owned(db, user_id, key)
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
