"""Two servers share the database and Redis: a cached copy is never served once
the database is ahead of it, even when the server that wrote could not reach
Redis to refresh it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from genesis import service
from genesis.config import Settings
from genesis.runtime import Runtime, build_runtime
from tests.answers import FULL_RUN_FR
from tests.conftest import REDIS_URL
from tests.servers import free_port

pytestmark = pytest.mark.redis


@pytest.fixture
async def servers(settings: Settings) -> AsyncIterator[tuple[Runtime, Runtime]]:
    if not REDIS_URL:
        pytest.skip("GENESIS_TEST_REDIS_URL is not set")
    reaches_redis = build_runtime(settings.model_copy(update={"redis_url": REDIS_URL}))
    cut_off = build_runtime(
        settings.model_copy(update={"redis_url": f"redis://127.0.0.1:{free_port()}/0"})
    )
    try:
        yield reaches_redis, cut_off
    finally:
        await reaches_redis.aclose()
        await cut_off.aclose()


async def test_a_copy_older_than_the_database_is_never_served(
    servers: tuple[Runtime, Runtime],
) -> None:
    b, a = servers
    user = await service.register_user(
        b, email="awa@example.com", password="s3cret-pass", name="Awa"
    )
    sid = (await service.start_session(b, user.id, language="fr")).session_id
    assert (await service.resume_session(b, user.id, sid)).current_step.value == "vision"
    assert await b.cache.get(sid) is not None  # b serves it from Redis

    # Server a answers while Redis is unreachable from it: Redis keeps the old copy.
    answered = await service.submit_answer(a, user.id, sid, FULL_RUN_FR["vision"])
    assert answered.current_step.value == "mission"
    assert (await b.cache.get(sid) or {})["current_step"] == "vision"  # stale in Redis

    resumed = await service.resume_session(b, user.id, sid)
    assert resumed.current_step.value == "mission"  # served "vision" before
    assert resumed.progress["vision"] is True
    helped = await service.coaching_help(b, user.id, sid)
    assert helped.step.value == "mission"
    assert (await b.cache.get(sid) or {})["current_step"] == "mission"  # repaired
