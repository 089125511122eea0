"""One answer at a time per session, across processes.

A process-local asyncio lock queues the requests of this process; a short Redis
lock (SET NX PX, released only by its owner) serialises processes. When Redis is
unavailable the local lock still holds, and the session's version column (plus
SELECT ... FOR UPDATE on PostgreSQL) stays the final guard.

The lock carries the session's live copy: taking it reads the copy in the same
round trip (a pipeline), releasing it writes the new copy in the same round trip
as the release. An answer costs Redis two round trips, not four.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from genesis.core.errors import BusyError
from genesis.store.cache import RedisEntry, Snapshot
from genesis.store.redis_guard import RedisGuard

# Deletes the key only if we still own it (the lock may have expired and been retaken).
_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


@dataclass(slots=True)
class Held:
    """A held lock: the live copy read with it, and the one to write at its release."""

    entry: RedisEntry | None = None
    # True when ``snapshot`` was read with the lock (None then means: no live copy).
    fetched: bool = False
    snapshot: Snapshot | None = None
    to_write: Snapshot | None = None

    def keep(self, snapshot: Snapshot) -> bool:
        """Write ``snapshot`` with the release; False when the caller must write it
        itself (no Redis lock was taken: the copy is in memory, or Redis is down)."""
        if not self.fetched:
            return False
        self.to_write = snapshot
        return True


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
    async def hold(self, session_id: str, entry: RedisEntry | None = None) -> AsyncIterator[Held]:
        """Hold the session's lock; with ``entry``, its live copy comes with the lock
        (``Held.snapshot``) and ``Held.keep`` sends the new one with the release."""
        lock = self._checkout(session_id)
        held = Held(entry)
        try:
            try:
                async with asyncio.timeout(self._wait):
                    await lock.acquire()
            except TimeoutError:
                raise BusyError("This session is busy with another answer; try again.") from None
            try:
                token = await self._acquire_redis(session_id, held)
                try:
                    yield held
                finally:
                    if token is not None:
                        await self._release_redis(session_id, token, held)
            finally:
                lock.release()
        finally:
            self._checkin(session_id)

    async def _acquire_redis(self, session_id: str, held: Held) -> str | None:
        """The Redis lock's token, or None when Redis is unavailable (degraded)."""
        if self._guard is None:
            return None
        token = secrets.token_hex(8)
        key = self._prefix + session_id
        delay = 0.002
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self._wait
        while True:
            pipe = self._guard.redis.pipeline(transaction=False)
            pipe.set(key, token, nx=True, px=self._ttl_ms)
            if held.entry is not None:
                pipe.getex(held.entry.key, ex=held.entry.ttl)
            got = await self._guard.call(pipe.execute(), None, "lock")
            if got and got[0]:
                if held.entry is not None:
                    held.fetched = True
                    held.snapshot = RedisEntry.decode(got[1])
                return token
            if got is None and not self._guard.available:
                return None
            if loop.time() >= deadline:
                raise BusyError("This session is busy with another answer; try again.")
            await asyncio.sleep(delay)
            delay = min(delay * 2, 0.05)

    async def _release_redis(self, session_id: str, token: str, held: Held) -> None:
        if self._guard is None:
            return
        pipe = self._guard.redis.pipeline(transaction=False)
        if held.entry is not None and held.to_write is not None:
            pipe.set(held.entry.key, RedisEntry.encode(held.to_write), ex=held.entry.ttl)
        pipe.eval(_RELEASE, 1, self._prefix + session_id, token)
        await self._guard.call(pipe.execute(), None, "lock release")

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
