"""Failed-login throttling: a fixed window per key, in Redis or in process."""

from __future__ import annotations

import contextlib
import time
from collections import OrderedDict
from typing import Protocol

from redis.asyncio import Redis


class LoginThrottle(Protocol):
    async def failures(self, key: str) -> tuple[int, int]:
        """(failures in the current window, seconds until the window ends)."""
        ...

    async def record_failure(self, key: str) -> None: ...

    async def reset(self, key: str) -> None: ...


class MemoryThrottle:
    """One process's memory; bounded so a flood of keys cannot grow it forever."""

    def __init__(self, window_seconds: int, max_keys: int = 100_000) -> None:
        self._window = window_seconds
        self._max_keys = max_keys
        self._hits: OrderedDict[str, tuple[int, float]] = OrderedDict()

    async def failures(self, key: str) -> tuple[int, int]:
        count, started = self._hits.get(key, (0, 0.0))
        left = started + self._window - time.monotonic()
        if left <= 0:
            return 0, 0
        return count, int(left) + 1

    async def record_failure(self, key: str) -> None:
        count, left = await self.failures(key)
        started = self._hits[key][1] if left > 0 else time.monotonic()
        self._hits[key] = (count + 1, started)
        self._hits.move_to_end(key)
        while len(self._hits) > self._max_keys:
            self._hits.popitem(last=False)

    async def reset(self, key: str) -> None:
        self._hits.pop(key, None)


class RedisThrottle:
    """Shared by every API process; a Redis error never locks a person out."""

    def __init__(self, redis: Redis, window_seconds: int, prefix: str = "genesis:login:") -> None:
        self._redis = redis
        self._window = window_seconds
        self._prefix = prefix

    async def failures(self, key: str) -> tuple[int, int]:
        try:
            async with self._redis.pipeline(transaction=False) as pipe:
                pipe.get(self._prefix + key)
                pipe.ttl(self._prefix + key)
                raw, ttl = await pipe.execute()
        except Exception:
            return 0, 0
        return int(raw or 0), max(int(ttl), 0)

    async def record_failure(self, key: str) -> None:
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.incr(self._prefix + key)
                pipe.expire(self._prefix + key, self._window, nx=True)
                await pipe.execute()
        except Exception:  # noqa: S110 - see failures()
            pass

    async def reset(self, key: str) -> None:
        with contextlib.suppress(Exception):  # see failures()
            await self._redis.delete(self._prefix + key)
