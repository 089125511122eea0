"""Redis calls that may fail without failing the request.

The database is the source of truth: when Redis is down, flushed or slow, the
cache, the locks and the throttle step aside (logged once in a while as
"degraded") and try Redis again after a short pause, so a dead Redis costs one
timeout per pause, not one per request.
"""

from __future__ import annotations

import inspect
import logging
import time
from collections.abc import Awaitable
from typing import TypeVar

from redis.asyncio import Redis

log = logging.getLogger("genesis.redis")
T = TypeVar("T")


class RedisGuard:
    def __init__(self, redis: Redis, pause_seconds: float = 2.0) -> None:
        self.redis = redis
        self._pause = pause_seconds
        self._down_until = 0.0
        self._last_log = 0.0

    @property
    def available(self) -> bool:
        return time.monotonic() >= self._down_until

    async def call(self, op: Awaitable[T], default: T, what: str) -> T:
        """Await ``op``; on any Redis error, log the degradation and return ``default``."""
        if not self.available:
            if inspect.iscoroutine(op):
                op.close()  # never awaited: close the coroutine quietly
            return default
        try:
            return await op
        except Exception as exc:
            self.mark_down(what, exc)
            return default

    def mark_down(self, what: str, exc: BaseException) -> None:
        now = time.monotonic()
        self._down_until = now + self._pause
        if now - self._last_log > 30:
            self._last_log = now
            log.warning("Redis unavailable (%s: %s); degraded to the database", what, exc)
