from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from genesis.core.errors import BusyError
from genesis.store.cache import MemorySessionCache, RedisSessionCache
from genesis.store.locks import SessionLocks
from genesis.store.redis_guard import RedisGuard
from tests.conftest import REDIS_URL
from tests.servers import free_port


@pytest.fixture
async def guard() -> AsyncIterator[RedisGuard]:
    if not REDIS_URL:
        pytest.skip("GENESIS_TEST_REDIS_URL is not set")
    client = Redis.from_url(REDIS_URL, socket_timeout=0.5)
    yield RedisGuard(client)
    await client.aclose()


@pytest.fixture
async def dead_guard() -> AsyncIterator[RedisGuard]:
    """Redis that is not there: a closed port on loopback."""
    client = Redis.from_url(
        f"redis://127.0.0.1:{free_port()}/0", socket_timeout=0.2, socket_connect_timeout=0.2
    )
    yield RedisGuard(client, pause_seconds=60)
    await client.aclose()


async def test_memory_cache_is_bounded_and_expires() -> None:
    cache = MemorySessionCache(ttl_seconds=60, max_entries=2)
    for name in ("a", "b", "c"):
        await cache.set(name, {"v": name})
    assert len(cache) == 2
    assert await cache.get("a") is None  # least recently used went first
    snap = await cache.get("c")
    assert snap == {"v": "c"}
    assert snap is not None
    snap["v"] = "changed"
    assert await cache.get("c") == {"v": "c"}  # callers get copies

    short = MemorySessionCache(ttl_seconds=0)
    await short.set("x", {"v": 1})
    await asyncio.sleep(0.01)
    assert await short.get("x") is None


@pytest.mark.redis
async def test_redis_cache_round_trip_ttl_and_corruption(guard: RedisGuard) -> None:
    cache = RedisSessionCache(guard, ttl_seconds=100, prefix="genesis:test-cache:")
    await cache.set("s1", {"version": 3, "answers": {"vision": "x"}})
    assert await cache.get("s1") == {"version": 3, "answers": {"vision": "x"}}
    await guard.redis.expire(cache.key("s1"), 5)
    await cache.get("s1")
    assert await guard.redis.ttl(cache.key("s1")) > 50  # refreshed on use
    await guard.redis.set(cache.key("s2"), b"{not json")
    assert await cache.get("s2") is None
    await cache.delete("s1")
    assert await cache.get("s1") is None
    await guard.redis.delete(cache.key("s2"))


async def test_dead_redis_degrades_fast(dead_guard: RedisGuard) -> None:
    cache = RedisSessionCache(dead_guard, ttl_seconds=100)
    await cache.set("s", {"v": 1})  # fails quietly, then the guard pauses Redis
    assert not dead_guard.available
    started = time.monotonic()
    for _ in range(100):
        assert await cache.get("s") is None
    assert time.monotonic() - started < 0.5  # no timeout paid per call while paused


async def _overlaps(locks: SessionLocks) -> int:
    inside = 0
    worst = 0

    async def worker() -> None:
        nonlocal inside, worst
        async with locks.hold("same-session"):
            inside += 1
            worst = max(worst, inside)
            await asyncio.sleep(0.002)
            inside -= 1

    await asyncio.gather(*(worker() for _ in range(30)))
    return worst


async def test_local_locks_serialise_one_session() -> None:
    locks = SessionLocks(None)
    assert await _overlaps(locks) == 1
    assert locks._local == {}  # idle locks are dropped


@pytest.mark.redis
async def test_redis_locks_serialise_across_lock_managers(guard: RedisGuard) -> None:
    # Two managers stand for two processes: only Redis keeps them apart.
    first = SessionLocks(guard, prefix="genesis:test-lock:")
    second = SessionLocks(guard, prefix="genesis:test-lock:")
    inside = 0
    worst = 0

    async def worker(locks: SessionLocks) -> None:
        nonlocal inside, worst
        async with locks.hold("shared"):
            inside += 1
            worst = max(worst, inside)
            await asyncio.sleep(0.002)
            inside -= 1

    await asyncio.gather(*(worker((first, second)[i % 2]) for i in range(20)))
    assert worst == 1
    assert not await guard.redis.exists("genesis:test-lock:shared")


@pytest.mark.redis
async def test_a_lock_held_too_long_answers_busy(guard: RedisGuard) -> None:
    other_process = SessionLocks(guard, prefix="genesis:test-lock:", wait_seconds=0.2)
    await guard.redis.set("genesis:test-lock:stuck", "someone-else", px=5000)
    with pytest.raises(BusyError):
        async with other_process.hold("stuck"):
            pass
    await guard.redis.delete("genesis:test-lock:stuck")


async def test_locks_work_when_redis_is_down(dead_guard: RedisGuard) -> None:
    assert await _overlaps(SessionLocks(dead_guard)) == 1


@pytest.mark.redis
async def test_the_live_copy_comes_with_the_lock_and_goes_with_its_release(
    guard: RedisGuard,
) -> None:
    cache = RedisSessionCache(guard, ttl_seconds=100, prefix="genesis:test-cache:")
    locks = SessionLocks(guard, prefix="genesis:test-lock:")
    await cache.set("s1", {"version": 1})
    async with locks.hold("s1", cache.entry("s1")) as held:
        assert held.fetched
        assert held.snapshot == {"version": 1}
        assert held.keep({"version": 2})
        assert await cache.get("s1") == {"version": 1}  # written with the release
    assert await cache.get("s1") == {"version": 2}
    assert not await guard.redis.exists("genesis:test-lock:s1")
    async with locks.hold("s2", cache.entry("s2")) as held:
        assert held.fetched
        assert held.snapshot is None  # no live copy yet
    await guard.redis.delete("genesis:test-cache:s1")


async def test_without_redis_the_caller_writes_the_copy_itself(dead_guard: RedisGuard) -> None:
    memory = MemorySessionCache(ttl_seconds=60)
    async with SessionLocks(None).hold("s1", memory.entry("s1")) as held:
        assert not held.fetched
        assert not held.keep({"version": 2})
    async with SessionLocks(dead_guard).hold(
        "s1", RedisSessionCache(dead_guard, 60).entry("s1")
    ) as held:
        assert not held.fetched
        assert not held.keep({"version": 2})
