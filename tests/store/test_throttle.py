"""The login and sign-up throttle's rules, the same in process and on Redis."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from genesis.core.errors import TooManyAttemptsError
from genesis.store.redis_guard import RedisGuard
from genesis.store.throttle import (
    LoginThrottle,
    MemoryThrottleStore,
    RedisThrottleStore,
    ThrottleRules,
    address_bucket,
)
from tests.conftest import REDIS_URL

RULES = ThrottleRules(
    free_failures=3,
    max_backoff_seconds=8,
    window_seconds=60,
    failures_per_address=10,
    registrations_per_hour=2,
)


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
async def throttle(request: pytest.FixtureRequest) -> AsyncIterator[LoginThrottle]:
    if request.param == "memory":
        yield LoginThrottle(MemoryThrottleStore(), RULES)
        return
    if not REDIS_URL:
        pytest.skip("GENESIS_TEST_REDIS_URL is not set")
    client = Redis.from_url(REDIS_URL, socket_timeout=0.5)
    prefix = f"genesis:test-throttle:{uuid.uuid4().hex[:8]}:"
    yield LoginThrottle(RedisThrottleStore(RedisGuard(client), prefix=prefix), RULES)
    keys = [key async for key in client.scan_iter(prefix + "*")]
    if keys:
        await client.delete(*keys)
    await client.aclose()


async def _wait_of(throttle: LoginThrottle, email: str, address: str) -> int:
    try:
        await throttle.check_login(email, address)
    except TooManyAttemptsError as exc:
        return exc.retry_after
    return 0


async def test_failures_back_off_doubling_per_email_and_address(throttle: LoginThrottle) -> None:
    for _ in range(RULES.free_failures - 1):
        await throttle.failed_login("awa@example.com", "203.0.113.9")
        assert await _wait_of(throttle, "awa@example.com", "203.0.113.9") == 0
    await throttle.failed_login("awa@example.com", "203.0.113.9")
    assert await _wait_of(throttle, "awa@example.com", "203.0.113.9") == 1
    await asyncio.sleep(1.05)
    await throttle.failed_login("awa@example.com", "203.0.113.9")
    assert await _wait_of(throttle, "awa@example.com", "203.0.113.9") == 2
    # Never locked elsewhere: the person at home, another email from the same place.
    assert await _wait_of(throttle, "awa@example.com", "198.51.100.7") == 0
    assert await _wait_of(throttle, "moussa@example.com", "203.0.113.9") == 0


async def test_the_backoff_stops_growing(throttle: LoginThrottle) -> None:
    for _ in range(RULES.free_failures + 40):
        await throttle.failed_login("awa@example.com", "203.0.113.9")
    assert await _wait_of(throttle, "awa@example.com", "203.0.113.9") == RULES.max_backoff_seconds


async def test_a_success_clears_the_pair(throttle: LoginThrottle) -> None:
    for _ in range(3):
        for _ in range(RULES.free_failures - 1):
            await throttle.failed_login("awa@example.com", "203.0.113.9")
        await throttle.succeeded_login("awa@example.com", "203.0.113.9")
    assert await _wait_of(throttle, "awa@example.com", "203.0.113.9") == 0


async def test_an_address_has_a_wider_budget_over_all_emails(throttle: LoginThrottle) -> None:
    for i in range(RULES.failures_per_address):
        assert await _wait_of(throttle, f"user{i}@example.com", "203.0.113.9") == 0
        await throttle.failed_login(f"user{i}@example.com", "203.0.113.9")
    wait = await _wait_of(throttle, "someone-else@example.com", "203.0.113.9")
    assert 0 < wait <= RULES.window_seconds
    assert await _wait_of(throttle, "someone-else@example.com", "198.51.100.7") == 0


async def test_sign_ups_are_counted_per_address(throttle: LoginThrottle) -> None:
    for _ in range(RULES.registrations_per_hour):
        await throttle.registration("203.0.113.9")
    with pytest.raises(TooManyAttemptsError, match="sign-ups") as refused:
        await throttle.registration("203.0.113.9")
    assert 0 < refused.value.retry_after <= 3600
    await throttle.registration("198.51.100.7")


def test_ipv6_clients_count_by_their_64_block() -> None:
    assert address_bucket("2001:db8:1:2:aaaa::1") == address_bucket("2001:db8:1:2:bbbb::9")
    assert address_bucket("2001:db8:1:2::1") != address_bucket("2001:db8:1:3::1")
    assert address_bucket("::ffff:203.0.113.9") == "203.0.113.9"
    assert address_bucket("testclient") == "testclient"
