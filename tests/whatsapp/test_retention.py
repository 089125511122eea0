"""Old message records are deleted after the retention; "delete my data" takes a
number's records at once."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from bench.fake_graph import FakeGraph
from sqlalchemy import select

from genesis import jobs
from genesis.config import Settings
from genesis.runtime import Runtime, build_runtime
from genesis.service import whatsapp
from genesis.store import whatsapp as store
from genesis.store.models import utcnow
from genesis.store.whatsapp import WhatsAppInbound, WhatsAppOutbox
from tests.whatsapp.conftest import whatsapp_settings

WA = "221770000001"


@pytest.fixture
async def rt(settings: Settings, fake_graph: FakeGraph) -> AsyncIterator[Runtime]:
    """The channel's runtime without the app: no recovery loop prunes behind a test."""
    runtime = build_runtime(whatsapp_settings(settings, fake_graph))
    yield runtime
    await runtime.aclose()


async def _inbound(rt: Runtime, message_id: str, days_ago: float, *, handled: bool) -> None:
    at = utcnow() - timedelta(days=days_ago)
    async with rt.transaction() as db:
        db.add(
            WhatsAppInbound(
                message_id=message_id,
                wa_id=WA,
                kind="text",
                text="",
                sent_at=at,
                received_at=at,
                processed_at=at if handled else None,
            )
        )


async def _outbox(rt: Runtime, key: str, days_ago: float, status: str) -> None:
    async with rt.transaction() as db:
        await store.add_outbox(db, WA, "text", {}, dedup_key=key)
        row = await store.outbox_key_exists(db, key)
        assert row is not None
        row.status, row.created_at = status, utcnow() - timedelta(days=days_ago)


async def _left(rt: Runtime) -> tuple[list[str], list[str]]:
    async with rt.reading() as db:
        inbound = (await db.execute(select(WhatsAppInbound.message_id))).scalars()
        outbox = (await db.execute(select(WhatsAppOutbox.dedup_key))).scalars()
        return sorted(inbound), sorted(str(key) for key in outbox)


async def test_handled_messages_and_finished_sends_go_after_the_retention(
    rt: Runtime,
) -> None:
    assert rt.settings.whatsapp_retention_days == 30
    await _inbound(rt, "old-handled", 31, handled=True)
    await _inbound(rt, "old-waiting", 31, handled=False)  # a job never ran: kept
    await _inbound(rt, "recent", 29, handled=True)
    await _outbox(rt, "old-sent", 31, "sent")
    await _outbox(rt, "old-dropped", 40, "dropped")
    await _outbox(rt, "old-pending", 31, "pending")  # still to send: kept
    await _outbox(rt, "recent-sent", 1, "sent")
    deleted = await whatsapp.prune(rt)
    assert await _left(rt) == (
        ["old-waiting", "recent"],
        ["old-pending", "recent-sent"],
    )
    assert deleted == 3
    assert await whatsapp.prune(rt) == 0


async def test_a_backlog_is_pruned_in_batches(rt: Runtime) -> None:
    for i in range(5):
        await _inbound(rt, f"m{i}", 60, handled=True)
    async with rt.transaction() as db:
        assert await store.prune(db, utcnow(), batch=2) == 2
    assert len((await _left(rt))[0]) == 3
    assert await whatsapp.prune(rt) == 3


async def test_the_recovery_loop_prunes_when_it_starts(rt: Runtime) -> None:
    await _inbound(rt, "old", 31, handled=True)
    task = asyncio.create_task(jobs.recovery_loop(rt))
    try:
        for _ in range(200):
            if not (await _left(rt))[0]:
                break
            await asyncio.sleep(0.05)
        assert await _left(rt) == ([], [])
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
