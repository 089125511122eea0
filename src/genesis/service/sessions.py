"""Sessions read, listed and deleted; the coach's help and proposals for a step."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from genesis.core.coach.types import CoachContext, Help, Proposals
from genesis.core.errors import InvalidCursorError, InvalidTransitionError, NotFoundError
from genesis.core.steps import ANSWERING_STATUSES, SessionStatusEnum
from genesis.runtime import Runtime
from genesis.service.common import SESSION_NOT_FOUND, owned, session_key
from genesis.service.live import HISTORY_TAIL, cached_session, split_answers
from genesis.service.session_view import ConversationView, SessionDetail, coach_context
from genesis.store import queries
from genesis.store.models import CoachingSession


async def get_session(rt: Runtime, user_id: int, session_id: str) -> SessionDetail:
    async with rt.sessionmaker() as db:
        s = await owned(db, user_id, session_id)
        steps = await queries.steps_of_session(db, s.id)
        has_brief = await queries.brief_exists(db, s.id)
    return SessionDetail(s, steps, has_brief)


async def session_page(
    rt: Runtime, user_id: int, session_id: str, *, limit: int, before: int | None = None
) -> queries.SessionPage:
    """The session's state with one page of its conversation: the last ``limit``
    answers (turns), or the ``limit`` before the turn ``before``, with their step rows."""
    key = session_key(session_id)
    async with rt.sessionmaker() as db:
        try:
            page = await queries.session_page(db, user_id, key, limit=limit, before=before)
        except queries.CursorPastEnd as past:
            allowed = (
                f"so 'before' must be between 1 and {past.turns}"
                if past.turns
                else "so there is nothing before"
            )
            raise InvalidCursorError(
                f"before={before} is past the end of the conversation: the session has "
                f"{past.turns} answers, {allowed}; use the 'before' of the previous page, "
                "or leave it out for the latest."
            ) from None
    if page is None:
        raise NotFoundError(SESSION_NOT_FOUND)
    return page


@dataclass(frozen=True, slots=True)
class CoachingPage:
    """What the coaching page shows, read at once."""

    session: ConversationView
    # The examples of the current question, while the session takes answers.
    examples: list[str]
    help: Help | None = None
    proposals: Proposals | None = None


async def coaching_page(
    rt: Runtime,
    user_id: int,
    session_id: str,
    *,
    assist: Literal["help", "proposals"] | None = None,
    with_question: bool = True,
    since: int | None = 0,
) -> CoachingPage:
    """The coaching page in one read: the session and, while it takes answers (and
    ``with_question``), its question's examples and the help or proposals asked for.
    With ``since`` None, the end of the conversation only (its last messages and
    the replies at the current step); else the entries from ``since`` on at least
    (the whole conversation for 0)."""
    async with rt.sessionmaker() as db:
        s, start = await _conversation_end(db, user_id, session_id, since)
        asking = with_question and s.status in ANSWERING_STATUSES
        accepted = await queries.accepted_answers(db, s.id) if asking else {}
    view = ConversationView.of(s, start)
    if not asking:
        return CoachingPage(view, [])
    ctx = coach_context(rt, s, split_answers(accepted)[0])
    examples = (await rt.coach.prompt(ctx)).examples
    helped = await rt.coach.help(ctx) if assist == "help" else None
    proposed = await rt.coach.proposals(ctx) if assist == "proposals" else None
    return CoachingPage(view, examples, helped, proposed)


async def _conversation_end(
    db: AsyncSession, user_id: int, session_id: str, since: int | None
) -> tuple[CoachingSession, int]:
    """The session with the end of its conversation (all of it from ``since`` on),
    and the index in the whole conversation of the first entry read."""
    if since != 0:
        found = await queries.session_for_answer(
            db, user_id, session_key(session_id), tail=HISTORY_TAIL
        )
        if found is None:
            raise NotFoundError(SESSION_NOT_FOUND)
        start = found.history_length - len(found.session.conversation_history)
        if since is None or since >= start:
            return found.session, start
    return await owned(db, user_id, session_id), 0


async def list_sessions(
    rt: Runtime, user_id: int, status: SessionStatusEnum | None = None
) -> Sequence[CoachingSession]:
    async with rt.sessionmaker() as db:
        return await queries.sessions_of_user(db, user_id, status)


async def sessions_by_status(
    rt: Runtime, statuses: Sequence[SessionStatusEnum]
) -> Sequence[CoachingSession]:
    async with rt.sessionmaker() as db:
        return await queries.sessions_by_status(db, statuses)


async def delete_session(rt: Runtime, user_id: int, session_id: str) -> None:
    async with rt.locks.hold(session_id):
        async with rt.transaction() as db:
            s = await owned(db, user_id, session_id)
            await queries.delete_session(db, s.id)
        await rt.cache.delete(session_id)


async def coaching_help(rt: Runtime, user_id: int, session_id: str) -> Help:
    ctx = await _answering_context(rt, user_id, session_id)
    return await rt.coach.help(ctx)


async def coaching_proposals(rt: Runtime, user_id: int, session_id: str) -> Proposals:
    ctx = await _answering_context(rt, user_id, session_id)
    return await rt.coach.proposals(ctx)


async def _answering_context(rt: Runtime, user_id: int, session_id: str) -> CoachContext:
    s, answers = await cached_session(rt, user_id, session_id)
    if s.status not in ANSWERING_STATUSES:
        raise InvalidTransitionError(
            f"The session is '{s.status.value}': coaching is over, there is no step to help with."
        )
    return coach_context(rt, s, answers)
