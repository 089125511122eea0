"""One answer at a time per session, across processes.

A process-local asyncio lock queues the requests of this process; a short Redis
lock (SET NX PX, released only by its owner) serialises processes. When Redis is
unavailable the local lock still holds, and the session's version column (plus
SELECT ... FOR UPDATE on PostgreSQL) stays the final guard.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from genesis.core.errors import BusyError
from genesis.store.redis_guard import RedisGuard

# Deletes the key only if we still own it (the lock may have expired and been retaken).
_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class SessionLocks:
    def __init__(
        self,
        guard: RedisGuard | None,
        *,
        ttl_ms: int = 10_000,
        wait_seconds: float = 10.0,
        prefix: str = "genesis:lock:",
    ) -> None:
        self._guard = guard
        self._ttl_ms = ttl_ms
        self._wait = wait_seconds
        self._prefix = prefix
        self._local: dict[str, tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def hold(self, session_id: str) -> AsyncIterator[None]:
        lock = self._checkout(session_id)
        try:
            try:
                async with asyncio.timeout(self._wait):
                    await lock.acquire()
            except TimeoutError:
                raise BusyError("This session is busy with another answer; try again.") from None
            try:
                token = await self._acquire_redis(session_id)
                try:
                    yield
                finally:
                    if token is not None and self._guard is not None:
                        await self._guard.call(
                            self._guard.redis.eval(_RELEASE, 1, self._prefix + session_id, token),
                            0,
                            "lock release",
                        )
            finally:
                lock.release()
        finally:
            self._checkin(session_id)

    async def _acquire_redis(self, session_id: str) -> str | None:
        """The Redis lock's token, or None when Redis is unavailable (degraded)."""
        if self._guard is None:
            return None
        token = secrets.token_hex(8)
        key = self._prefix + session_id
        delay = 0.002
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self._wait
        while True:
            got = await self._guard.call(
                self._guard.redis.set(key, token, nx=True, px=self._ttl_ms), None, "lock"
            )
            if got:
                return token
            if got is None and not self._guard.available:
                return None
            if loop.time() >= deadline:
                raise BusyError("This session is busy with another answer; try again.")
            await asyncio.sleep(delay)
            delay = min(delay * 2, 0.05)

    def _checkout(self, session_id: str) -> asyncio.Lock:
        lock, users = self._local.get(session_id, (asyncio.Lock(), 0))
        self._local[session_id] = (lock, users + 1)
        return lock

    def _checkin(self, session_id: str) -> None:
        lock, users = self._local[session_id]
        if users <= 1:
            del self._local[session_id]  # no unbounded growth: drop idle locks
        else:
            self._local[session_id] = (lock, users - 1)
