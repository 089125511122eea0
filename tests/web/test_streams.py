"""Live progress streams: no database connection held while a stream waits, a
dropped stream gives its connection back whole, and a bound per person."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import anyio
import pytest
from fastapi import FastAPI
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncSession

from genesis.runtime import Runtime
from genesis.store import queries
from genesis.web import streams
from tests.conftest import asgi_client, signup

# About half a second of work for the database, during which the client leaves.
SLOW_QUERY = {
    "sqlite": "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000)"
    " SELECT count(*) FROM c",
    "postgresql": "SELECT pg_sleep(0.5)",
}


class _Request:
    """What the stream asks of its request: whether the client is still there."""

    async def is_disconnected(self) -> bool:
        return False


async def _session(app: FastAPI) -> tuple[Runtime, int, str]:
    async with asgi_client(app) as client:
        auth = await signup(client)
        r = await client.post("/api/v1/coaching/start", json={}, headers=auth)
        me = await client.get("/api/v1/auth/me", headers=auth)
    return app.state.runtime, me.json()["id"], r.json()["session_id"]


async def test_a_stream_dropped_mid_read_gives_its_connection_back(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    rt, user_id, sid = await _session(app)
    torn_down: list[str] = []
    for name in ("close", "invalidate", "close_detached"):
        event.listen(rt.engine.sync_engine.pool, name, lambda *_, n=name: torn_down.append(n))
    reading = asyncio.Event()
    original = queries.brief_of_session

    async def slow_read(db: AsyncSession, session_pk: int) -> Any:
        reading.set()
        await db.execute(text(SLOW_QUERY[db.bind.dialect.name]))
        return await original(db, session_pk)

    first = await streams.read_progress(rt, user_id, sid)
    events = streams.progress_events(rt, user_id, sid, first, _Request())  # type: ignore[arg-type]
    assert (await anext(events)).startswith("event: progress")
    monkeypatch.setattr(queries, "brief_of_session", slow_read)
    # As the server does: the stream runs in a task group cancelled when the client
    # leaves, and anyio cancels every await until the stream has stopped.
    async with anyio.create_task_group() as server:
        server.start_soon(anext, events)
        await reading.wait()
        await asyncio.sleep(0.05)  # the stream is waiting for the database
        assert rt.engine.pool.checkedout() == 1  # type: ignore[attr-defined]
        server.cancel_scope.cancel()  # the client went away
    for _ in range(300):
        if rt.engine.pool.checkedout() == 0:  # type: ignore[attr-defined]
            break
        await asyncio.sleep(0.01)
    assert rt.engine.pool.checkedout() == 0  # type: ignore[attr-defined]
    assert torn_down == []  # returned to the pool, not torn down half-way
    await events.aclose()


async def test_a_waiting_stream_holds_a_connection_only_while_it_reads(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A poll long enough that a loaded machine's slow read (tens of ms) stays far
    # from a connection held through the wait (a whole poll).
    monkeypatch.setattr(streams, "POLL_SECONDS", 0.25)
    rt, user_id, sid = await _session(app)
    held: list[float] = []
    since: dict[int, float] = {}  # by connection record: another task may hold one
    pool = rt.engine.sync_engine.pool

    def checked_out(_: object, record: object, *__: object) -> None:
        since[id(record)] = time.monotonic()

    def checked_in(_: object, record: object) -> None:
        if id(record) in since:  # not one checked out before the listeners
            held.append(time.monotonic() - since.pop(id(record)))

    event.listen(pool, "checkout", checked_out)
    event.listen(pool, "checkin", checked_in)
    first = await streams.read_progress(rt, user_id, sid)
    events = streams.progress_events(rt, user_id, sid, first, _Request())  # type: ignore[arg-type]
    await anext(events)
    held.clear()
    waiting = asyncio.create_task(anext(events))  # nothing changes: it keeps polling
    await asyncio.sleep(streams.POLL_SECONDS * 3.5)
    waiting.cancel()
    await asyncio.gather(waiting, return_exceptions=True)
    await events.aclose()
    assert len(held) == 3  # one read per poll
    assert max(held) < streams.POLL_SECONDS / 2  # and the connection only for the read
