"""Failed-login throttling: a fixed window per key, in Redis or in process."""

from __future__ import annotations

import time
from collections import OrderedDict
from typing import Protocol

from genesis.store.redis_guard import RedisGuard


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
    """Shared by every API process. With Redis down nobody is throttled: a failed
    Redis must not lock people out of their accounts."""

    def __init__(
        self, guard: RedisGuard, window_seconds: int, prefix: str = "genesis:login:"
    ) -> None:
        self._guard = guard
        self._window = window_seconds
        self._prefix = prefix

    async def failures(self, key: str) -> tuple[int, int]:
        async def read() -> tuple[int, int]:
            async with self._guard.redis.pipeline(transaction=False) as pipe:
                pipe.get(self._prefix + key)
                pipe.ttl(self._prefix + key)
                raw, ttl = await pipe.execute()
            return int(raw or 0), max(int(ttl), 0)

        return await self._guard.call(read(), (0, 0), "throttle read")

    async def record_failure(self, key: str) -> None:
        async def write() -> None:
            async with self._guard.redis.pipeline(transaction=True) as pipe:
                pipe.incr(self._prefix + key)
                pipe.expire(self._prefix + key, self._window, nx=True)
                await pipe.execute()

        await self._guard.call(write(), None, "throttle write")

    async def reset(self, key: str) -> None:
        await self._guard.call(self._guard.redis.delete(self._prefix + key), 0, "throttle reset")
