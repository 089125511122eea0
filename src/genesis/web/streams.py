"""The agents' progress as server-sent events, for the API and the brief page.

A stream polls the database every half second and holds no connection while it
sleeps. Each read runs shielded from the stream's cancellation: when a client
goes away mid-read, the read still ends normally and its connection goes back
to the pool, instead of being torn down half-way (on SQLite a connection torn
down inside a transaction can keep the database locked). One person may follow
only a few streams at once in a process; more is refused with a 429.
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from collections.abc import AsyncIterator
from typing import Any, Final

from starlette.requests import Request
from starlette.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

from genesis import service
from genesis.core.errors import TooManyStreamsError
from genesis.runtime import Runtime

TERMINAL: Final = frozenset({"completed", "failed"})
POLL_SECONDS: Final = 0.5
HEARTBEAT_SECONDS: Final = 15.0
MAX_SECONDS: Final = 600.0
# What a refused stream is told to wait: about the time it takes to close a tab.
RETRY_AFTER_SECONDS: Final = 5


class StreamSlots:
    """Open progress streams per person, in this process."""

    def __init__(self, per_user: int) -> None:
        self.per_user = per_user
        self._open: Counter[int] = Counter()

    def take(self, user_id: int) -> None:
        if self._open[user_id] >= self.per_user:
            raise TooManyStreamsError(
                f"You already follow {self.per_user} live progress streams: close one (another "
                "tab or window) or read the progress without 'Accept: text/event-stream'.",
                RETRY_AFTER_SECONDS,
            )
        self._open[user_id] += 1

    def give_back(self, user_id: int) -> None:
        self._open[user_id] -= 1
        if self._open[user_id] <= 0:
            del self._open[user_id]

    def open(self, user_id: int) -> int:
        return self._open[user_id]


class _SlotStream(StreamingResponse):
    """A streaming response that gives its slot back however it ends (finished,
    dropped by the client, or never started)."""

    def __init__(self, body: AsyncIterator[str], slots: StreamSlots, user_id: int) -> None:
        super().__init__(
            body,
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )
        self._slots = slots
        self._user_id = user_id

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self._slots.give_back(self._user_id)


def progress_stream(
    rt: Runtime,
    slots: StreamSlots,
    user_id: int,
    session_id: str,
    first: dict[str, Any],
    request: Request,
) -> StreamingResponse:
    """The stream response, once a slot is free (TooManyStreamsError otherwise)."""
    slots.take(user_id)
    return _SlotStream(progress_events(rt, user_id, session_id, first, request), slots, user_id)


async def progress_events(
    rt: Runtime, user_id: int, session_id: str, first: dict[str, Any], request: Request
) -> AsyncIterator[str]:
    """Server-sent ``progress`` events, one per change, until the run is over."""
    loop = asyncio.get_running_loop()
    started = last_sent = loop.time()
    current = first
    yield _event(current)
    while current["status"] not in TERMINAL and loop.time() - started < MAX_SECONDS:
        await asyncio.sleep(POLL_SECONDS)
        if await request.is_disconnected():
            return
        latest = await read_progress(rt, user_id, session_id)
        if latest != current:
            current = latest
            last_sent = loop.time()
            yield _event(current)
        elif loop.time() - last_sent > HEARTBEAT_SECONDS:
            last_sent = loop.time()
            yield ": still working\n\n"  # keeps proxies from closing an idle stream


async def read_progress(rt: Runtime, user_id: int, session_id: str) -> dict[str, Any]:
    """One poll, shielded: cancelling the caller does not cancel the database read."""
    read = asyncio.ensure_future(service.agents_progress(rt, user_id, session_id))
    read.add_done_callback(_consume)
    return await asyncio.shield(read)


def _consume(task: asyncio.Future[Any]) -> None:
    # A read whose stream was dropped has nobody to give its error to.
    if not task.cancelled():
        task.exception()


def _event(data: dict[str, Any]) -> str:
    return f"event: progress\ndata: {json.dumps(data, separators=(',', ':'))}\n\n"
