"""A logo the person uploads, used by the logo agent instead of a generated one.

The SVG is sanitised before it is stored (``core.agents.svg``): what is saved in
``sector_context["uploaded_logo_svg"]`` is the clean copy, and a refused file
raises :class:`InvalidLogoError` with the reason. It can be set or cleared until
the brief is made: while coaching, once coaching is complete, or after a failed
run (the logo agent then runs again on retry, so the new logo is used).
"""

from __future__ import annotations

from typing import Final

from genesis.core.agents.logo import UPLOADED_LOGO_KEY
from genesis.core.agents.svg import sanitize_svg
from genesis.core.errors import InvalidTransitionError
from genesis.core.steps import SessionStatusEnum
from genesis.runtime import Runtime
from genesis.service.common import owned
from genesis.store import queries
from genesis.store.models import CoachingSession

LOGO_STATUSES: Final = frozenset(
    {
        SessionStatusEnum.INITIALIZED,
        SessionStatusEnum.IN_PROGRESS,
        SessionStatusEnum.COACHING_COMPLETE,
        SessionStatusEnum.FAILED,
    }
)


async def set_logo(rt: Runtime, user_id: int, session_id: str, svg_text: str) -> None:
    """Store the sanitised ``svg_text`` as the session's logo (InvalidLogoError if refused)."""
    clean = await rt.run_cpu(sanitize_svg, svg_text)
    await _change(rt, user_id, session_id, clean)


async def clear_logo(rt: Runtime, user_id: int, session_id: str) -> None:
    """Go back to the generated logo."""
    await _change(rt, user_id, session_id, None)


async def _change(rt: Runtime, user_id: int, session_id: str, svg: str | None) -> None:
    async with rt.locks.hold(session_id):
        async with rt.transaction() as db:
            s = await owned(db, user_id, session_id, for_update=True)
            _check_status(s)
            context = {k: v for k, v in s.sector_context.items() if k != UPLOADED_LOGO_KEY}
            if svg is not None:
                context[UPLOADED_LOGO_KEY] = svg
            s.sector_context = context  # a new dict: JSON columns do not track mutation
            if s.status is SessionStatusEnum.FAILED:
                brief = await queries.brief_of_session(db, s.id)
                if brief is not None:
                    brief.logo_creation = None  # the retry makes the logo again
        await rt.cache.delete(session_id)


def _check_status(s: CoachingSession) -> None:
    if s.status not in LOGO_STATUSES:
        raise InvalidTransitionError(
            f"The session is '{s.status.value}': the brief is already made or being made, "
            "so its logo can no longer change."
        )
