"""Everything a use-case needs from outside, built once (app lifespan, CLI, worker)."""

from __future__ import annotations

import asyncio
import functools
import logging
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from genesis.config import Settings
from genesis.core.agents.brief import Brief
from genesis.core.coach.types import Coach
from genesis.core.contact import SiteContact
from genesis.core.ports import LLMPort, SearchPort
from genesis.llm import OpenAICompatibleLLM
from genesis.search import SearxSearch
from genesis.store.cache import MemorySessionCache, RedisSessionCache, SessionCache
from genesis.store.db import create_engine, create_sessionmaker, create_write_sessionmaker
from genesis.store.locks import SessionLocks
from genesis.store.redis_guard import RedisGuard
from genesis.store.throttle import (
    LoginThrottle,
    MemoryThrottleStore,
    RedisThrottleStore,
    ThrottleRules,
    ThrottleStore,
)
from genesis.whatsapp.client import GraphClient

if TYPE_CHECKING:
    from genesis.exports import Download, ExportFormat

log = logging.getLogger(__name__)
T = TypeVar("T")


# Sends a job without waiting for it: a session's sub-agents (by session id), or a
# WhatsApp number's messages (by its wa_id).
Enqueue = Callable[[str], Awaitable[None]]


@dataclass
class Runtime:
    settings: Settings
    engine: AsyncEngine
    # Reads; ``transaction()`` for writes (on SQLite they lock differently, see store.db).
    sessionmaker: async_sessionmaker[AsyncSession]
    write_sessionmaker: async_sessionmaker[AsyncSession]
    coach: Coach
    throttle: LoginThrottle
    cache: SessionCache
    locks: SessionLocks
    redis: Redis | None = None
    # Given by the entry point that runs jobs (web app, worker); None elsewhere:
    # the run stays requested and the recovery of a process that runs jobs sends it.
    enqueue_agents: Enqueue | None = None
    enqueue_whatsapp: Enqueue | None = None
    llm: LLMPort | None = None
    search: SearchPort | None = None
    # The WhatsApp Graph API client, when the channel is configured (one connection pool).
    whatsapp: GraphClient | None = None
    # CPU-heavy blocking work (password hashing, PDF rendering): one thread fewer
    # than the cores, so the event loop keeps a core and a burst of Argon2 hashes
    # (19 MiB each) cannot grow memory with the number of threads.
    cpu_pool: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(
            max_workers=max(1, (os.cpu_count() or 2) - 1), thread_name_prefix="genesis-cpu"
        )
    )
    # PDF renders run in child processes (genesis.exports.bounded), as many at once
    # as cpu_pool has threads: logins (Argon2 in cpu_pool) never queue behind one.
    pdf_slots: asyncio.Semaphore = field(
        default_factory=lambda: asyncio.Semaphore(max(1, (os.cpu_count() or 2) - 1))
    )
    # What else to close with the runtime (the LLM and search clients), given once.
    closers: tuple[Callable[[], Awaitable[None]], ...] = ()

    async def aclose(self) -> None:
        for close in reversed(self.closers):
            await close()
        if self.redis is not None:
            await self.redis.aclose()
        await self.engine.dispose()
        self.cpu_pool.shutdown(wait=False, cancel_futures=True)

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncSession]:
        """A read-only session (its transaction is rolled back at the end)."""
        async with self.sessionmaker() as db:
            yield db

    @asynccontextmanager
    async def glance(self) -> AsyncIterator[AsyncConnection]:
        """A connection outside any transaction: on PostgreSQL (autocommit) each
        statement is its own transaction and round trip, no BEGIN, COMMIT or
        ROLLBACK. For a small read, or a write that is whole in one statement."""
        async with self.engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                await conn.execution_options(isolation_level="AUTOCOMMIT")
            yield conn

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A write transaction, committed when the block ends without an error."""
        async with self.write_sessionmaker() as db, db.begin():
            yield db

    async def export(
        self, brief: Brief, fmt: ExportFormat, contact: SiteContact | None = None
    ) -> Download:
        """The brief as a file, made off the event loop: in the CPU pool, and a PDF
        in a child process (at most one per spare core) stopped with
        RenderTimeoutError past GENESIS_PDF_TIMEOUT_SECONDS (a costly logo must not
        burn a core)."""
        from genesis import exports

        make = functools.partial(
            exports.render,
            brief,
            fmt,
            pdf_timeout_seconds=self.settings.pdf_timeout_seconds,
            contact=contact,
        )
        if fmt != "pdf":
            return await self.run_cpu(make)
        async with self.pdf_slots:
            return await asyncio.to_thread(make)

    async def run_cpu(self, fn: Callable[..., T], *args: Any) -> T:
        """Run blocking, CPU-bound ``fn`` off the event loop, in the CPU pool."""
        return await asyncio.get_running_loop().run_in_executor(self.cpu_pool, fn, *args)


def default_coach(settings: Settings, llm: LLMPort | None = None) -> Coach:
    """The offline coach; with an LLM configured, the LLM coach that falls back to it."""
    from genesis.core.coach.offline import OfflineCoach

    offline = OfflineCoach()
    if llm is None:
        return offline
    from genesis.core.coach.llm_coach import LLMCoach

    return LLMCoach(offline, llm, timeout_s=settings.llm_timeout_seconds)


def build_runtime(settings: Settings, *, coach: Coach | None = None) -> Runtime:
    engine = create_engine(settings.resolved_database_url, pool_size=settings.database_pool_size)
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
    throttle_store: ThrottleStore
    cache: SessionCache
    if guard is not None:
        throttle_store = RedisThrottleStore(guard)
        cache = RedisSessionCache(guard, settings.cache_ttl_seconds)
    else:
        throttle_store = MemoryThrottleStore()
        cache = MemorySessionCache(settings.cache_ttl_seconds)
    rules = ThrottleRules(
        free_failures=settings.login_max_failures,
        max_backoff_seconds=settings.login_max_backoff_seconds,
        window_seconds=settings.login_window_seconds,
        failures_per_address=settings.login_max_failures_per_address,
        registrations_per_hour=settings.registrations_per_hour,
    )
    llm = _build_llm(settings)
    search = SearxSearch(settings.search_url) if settings.search_url else None
    whatsapp = (
        GraphClient(
            settings.whatsapp_api_url,
            settings.whatsapp_phone_number_id,
            settings.whatsapp_access_token,
        )
        if settings.whatsapp_enabled
        else None
    )
    return Runtime(
        settings=settings,
        engine=engine,
        sessionmaker=create_sessionmaker(engine),
        write_sessionmaker=create_write_sessionmaker(engine),
        coach=coach or default_coach(settings, llm),
        llm=llm,
        throttle=LoginThrottle(throttle_store, rules),
        cache=cache,
        locks=SessionLocks(guard),
        redis=redis,
        search=search,
        whatsapp=whatsapp,
        closers=tuple(client.aclose for client in (llm, search, whatsapp) if client is not None),
    )


def _build_llm(settings: Settings) -> OpenAICompatibleLLM | None:
    if not settings.llm_base_url:
        return None
    return OpenAICompatibleLLM(
        settings.llm_base_url,
        settings.llm_model,
        api_key=settings.llm_api_key,
        timeout_s=settings.llm_timeout_seconds,
        max_retries=settings.llm_max_retries,
    )
