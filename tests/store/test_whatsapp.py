"""The webhook's record, sent by asyncpg itself (SQLAlchemy never sees its errors):
a connection the database dropped still does not come back from the pool."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from genesis.store import whatsapp as store
from genesis.store.db import create_engine
from genesis.store.models import utcnow

pytestmark = pytest.mark.postgres


@pytest.fixture
async def engine(pg_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(pg_url, pool_size=1)
    yield engine
    await engine.dispose()


def _message(message_id: str) -> dict[str, object]:
    now = utcnow()
    return {
        "message_id": message_id,
        "wa_id": "221770000000",
        "kind": "text",
        "text": "Bonjour",
        "reply_id": "",
        "profile_name": "Awa",
        "sent_at": now,
        "received_at": now,
    }


async def test_a_dropped_connection_is_not_pooled_again(
    engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert await store.record_inbound(engine, [_message("wamid.1")]) == {"wamid.1"}
    # The server drops the pooled connection in the middle of the statement, as a
    # restart or a failover would.
    monkeypatch.setattr(
        store, "RECORD_INBOUND_SQL", "SELECT pg_terminate_backend(pg_backend_pid())"
    )
    with pytest.raises(Exception):  # noqa: B017, PT011 (whatever the driver raises)
        await store.record_inbound(engine, [_message("wamid.2")])
    monkeypatch.undo()
    # The next POST gets a live connection, not the dead one back from the pool.
    assert await store.record_inbound(engine, [_message("wamid.2")]) == {"wamid.2"}
    assert await store.record_inbound(engine, [_message("wamid.2")]) == set()
