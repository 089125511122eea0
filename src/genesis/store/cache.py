"""The live copy of active sessions: Redis when configured, else process memory.

Entries are snapshots written after the database commit, with the row's
version. Nobody writes from a cached value: a write always reads the database
row (see service.submit_answer) and only uses a snapshot whose version matches
the row's. A read compares the snapshot's version with the row's too (one small
query): an entry that a write could not refresh (Redis unreachable from that
server at that moment) is never served once the database is ahead of it.
"""

from __future__ import annotations

import json
import time
from collections import OrderedDict
from typing import Any, Protocol

from genesis.core.steps import CoachingStepEnum, SessionStatusEnum
from genesis.store.models import CoachingSession
from genesis.store.redis_guard import RedisGuard

Snapshot = dict[str, Any]

# The session's columns a snapshot keeps (JSON values as they are, enums by value).
SNAPSHOT_FIELDS = (
    "session_id",
    "user_id",
    "current_step",
    "status",
    "language",
    "language_fixed",
    "business_name",
    "step_completion",
    "coaching_confidence",
    "retry_count",
    "cultural_context",
    "sector_context",
    "coaching_plan",
    "to_improve",
    "version",
)


def snapshot(
    s: CoachingSession, answers: dict[str, str], scores: dict[str, float], examples: list[str]
) -> Snapshot:
    """The live copy of a session: its columns, accepted answers and scores, the
    coach's last message and examples, and the replies at the current step."""
    snap: Snapshot = {name: getattr(s, name) for name in SNAPSHOT_FIELDS}
    snap["current_step"] = s.current_step.value
    snap["status"] = s.status.value
    snap["answers"] = answers
    snap["scores"] = scores
    snap["last_message"] = s.last_coach_message()
    snap["last_examples"] = examples
    snap["step_replies"] = s.step_replies()
    return snap


def session_from_snapshot(snap: Snapshot) -> CoachingSession:
    """A detached session rebuilt from the cache, for reads only. KeyError,
    ValueError or TypeError: an entry written by another version of the code."""
    fields = {name: snap[name] for name in SNAPSHOT_FIELDS}
    fields["current_step"] = CoachingStepEnum(fields["current_step"])
    fields["status"] = SessionStatusEnum(fields["status"])
    last = snap.get("last_message") or ""
    step = fields["current_step"].value
    history: list[dict[str, Any]] = [
        {"role": "user", "message": reply, "step": step} for reply in snap["step_replies"]
    ]
    if last:
        history.append({"role": "coach", "message": last, "step": step})
    return CoachingSession(**fields, conversation_history=history)


class SessionCache(Protocol):
    async def get(self, session_id: str) -> Snapshot | None: ...

    async def set(self, session_id: str, snapshot: Snapshot) -> None: ...

    async def delete(self, session_id: str) -> None: ...

    def entry(self, session_id: str) -> RedisEntry | None:
        """The session's Redis key, for reading and writing it in the round trips of
        the session's lock (store.locks); None when the copy is not in Redis."""
        ...


class RedisEntry:
    """A session's entry in Redis: its key, its time to live, and its encoding."""

    __slots__ = ("key", "ttl")

    def __init__(self, key: str, ttl: int) -> None:
        self.key = key
        self.ttl = ttl

    @staticmethod
    def decode(raw: bytes | str | None) -> Snapshot | None:
        if raw is None:
            return None
        try:
            value = json.loads(raw)
        except ValueError:
            return None  # a corrupt entry is a miss; the database repairs it
        return value if isinstance(value, dict) else None

    @staticmethod
    def encode(snapshot: Snapshot) -> str:
        return json.dumps(snapshot, separators=(",", ":"), default=str)


class MemorySessionCache:
    """Bounded LRU with a TTL: the same contract as Redis for one process."""

    def __init__(self, ttl_seconds: int, max_entries: int = 10_000) -> None:
        self._ttl = ttl_seconds
        self._max = max_entries
        self._entries: OrderedDict[str, tuple[float, Snapshot]] = OrderedDict()

    async def get(self, session_id: str) -> Snapshot | None:
        hit = self._entries.get(session_id)
        if hit is None:
            return None
        expires, snapshot = hit
        if expires < time.monotonic():
            del self._entries[session_id]
            return None
        self._entries[session_id] = (time.monotonic() + self._ttl, snapshot)  # refreshed on use
        self._entries.move_to_end(session_id)
        copy: Snapshot = json.loads(json.dumps(snapshot))  # callers may change theirs
        return copy

    async def set(self, session_id: str, snapshot: Snapshot) -> None:
        self._entries[session_id] = (time.monotonic() + self._ttl, snapshot)
        self._entries.move_to_end(session_id)
        while len(self._entries) > self._max:
            self._entries.popitem(last=False)

    async def delete(self, session_id: str) -> None:
        self._entries.pop(session_id, None)

    def entry(self, session_id: str) -> RedisEntry | None:
        return None

    def __len__(self) -> int:
        return len(self._entries)


class RedisSessionCache:
    """One key per session (``genesis:session:<id>``), its TTL refreshed on every read."""

    def __init__(
        self, guard: RedisGuard, ttl_seconds: int, prefix: str = "genesis:session:"
    ) -> None:
        self._guard = guard
        self._ttl = ttl_seconds
        self._prefix = prefix

    def key(self, session_id: str) -> str:
        return self._prefix + session_id

    def entry(self, session_id: str) -> RedisEntry:
        return RedisEntry(self.key(session_id), self._ttl)

    async def get(self, session_id: str) -> Snapshot | None:
        raw = await self._guard.call(
            self._guard.redis.getex(self.key(session_id), ex=self._ttl), None, "cache get"
        )
        return RedisEntry.decode(raw)

    async def set(self, session_id: str, snapshot: Snapshot) -> None:
        payload = RedisEntry.encode(snapshot)
        await self._guard.call(
            self._guard.redis.set(self.key(session_id), payload, ex=self._ttl), None, "cache set"
        )

    async def delete(self, session_id: str) -> None:
        await self._guard.call(self._guard.redis.delete(self.key(session_id)), 0, "cache delete")
