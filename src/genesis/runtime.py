"""Everything a use-case needs from outside, built once (app lifespan, CLI, worker)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Protocol

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from genesis.config import Settings
from genesis.core.coach.types import Coach
from genesis.store.cache import MemorySessionCache, RedisSessionCache, SessionCache
from genesis.store.db import create_engine, create_sessionmaker
from genesis.store.locks import SessionLocks
from genesis.store.redis_guard import RedisGuard
from genesis.store.throttle import LoginThrottle, MemoryThrottle, RedisThrottle

log = logging.getLogger(__name__)


class JobQueue(Protocol):
    """Where use-cases send work that must not hold up a response."""

    async def enqueue_agents(self, session_id: str) -> None: ...

    async def aclose(self) -> None: ...


@dataclass
class Runtime:
    settings: Settings
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    coach: Coach
    throttle: LoginThrottle
    cache: SessionCache
    locks: SessionLocks
    redis: Redis | None = None
    jobs: JobQueue | None = None
    _closers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)

    async def aclose(self) -> None:
        if self.jobs is not None:
            await self.jobs.aclose()
        for close in reversed(self._closers):
            await close()
        if self.redis is not None:
            await self.redis.aclose()
        await self.engine.dispose()


def default_coach(settings: Settings) -> Coach:
    from genesis.core.coach.simple import SimpleCoach

    return SimpleCoach()


def build_runtime(settings: Settings, *, coach: Coach | None = None) -> Runtime:
    engine = create_engine(settings.resolved_database_url)
    redis = (
        Redis.from_url(
            settings.redis_url,
            # A dead Redis must cost milliseconds, not seconds: the database answers instead.
            socket_timeout=settings.redis_timeout_seconds,
            socket_connect_timeout=settings.redis_timeout_seconds,
        )
        if settings.redis_url
        else None
    )
    guard = RedisGuard(redis) if redis is not None else None
    throttle: LoginThrottle
    cache: SessionCache
    if guard is not None:
        throttle = RedisThrottle(guard, settings.login_window_seconds)
        cache = RedisSessionCache(guard, settings.cache_ttl_seconds)
    else:
        throttle = MemoryThrottle(settings.login_window_seconds)
        cache = MemorySessionCache(settings.cache_ttl_seconds)
    runtime = Runtime(
        settings=settings,
        engine=engine,
        sessionmaker=create_sessionmaker(engine),
        coach=coach or default_coach(settings),
        throttle=throttle,
        cache=cache,
        locks=SessionLocks(guard),
        redis=redis,
    )
    from genesis.jobs import create_job_queue

    runtime.jobs = create_job_queue(runtime)
    return runtime
