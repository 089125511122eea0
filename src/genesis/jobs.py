"""The job runner: in-process background tasks by default, a taskiq queue on
Redis at scale (``GENESIS_JOBS=taskiq``, run by ``genesis worker``).

Jobs carry the session id only and are idempotent (see service.run_agents), so
a job run twice, or re-enqueued by recovery, does no harm.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

from genesis.runtime import JobQueue, Runtime

if TYPE_CHECKING:
    from taskiq.kicker import AsyncKicker

log = logging.getLogger(__name__)
WHATSAPP_JOBS_AT_ONCE = 4


class InProcessJobs:
    """Runs jobs as tasks of this process; shutdown waits for them (bounded)."""

    def __init__(self, runtime: Runtime, shutdown_timeout: float = 30.0) -> None:
        self._runtime = runtime
        self._tasks: set[asyncio.Task[None]] = set()
        self._shutdown_timeout = shutdown_timeout
        # WhatsApp messages handled at once: a burst must not starve the requests
        # (the webhook's own among them) of the event loop and the connection pool.
        self._whatsapp_slots = asyncio.Semaphore(WHATSAPP_JOBS_AT_ONCE)

    async def enqueue_agents(self, session_id: str) -> None:
        task = asyncio.create_task(self._run_agents(session_id), name=f"agents:{session_id}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run_agents(self, session_id: str) -> None:
        await run_agents_job(self._runtime, session_id)

    async def enqueue_whatsapp(self, wa_id: str) -> None:
        task = asyncio.create_task(self._run_whatsapp(wa_id), name="whatsapp")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run_whatsapp(self, wa_id: str) -> None:
        async with self._whatsapp_slots:
            await run_whatsapp_job(self._runtime, wa_id)

    async def drain(self) -> None:
        """Wait for the jobs under way (tests, shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def aclose(self) -> None:
        if self._tasks:
            try:
                async with asyncio.timeout(self._shutdown_timeout):
                    await self.drain()
            except TimeoutError:
                for task in self._tasks:
                    task.cancel()


class TaskiqJobs:
    """Sends jobs to the Redis stream that `genesis worker` processes consume."""

    def __init__(self, runtime: Runtime) -> None:
        # Imported here: taskiq costs memory an API process on in-process jobs never needs.
        from taskiq.kicker import AsyncKicker

        from genesis.worker import RUN_AGENTS, RUN_WHATSAPP, make_broker

        assert runtime.settings.redis_url, "checked by Settings"
        self._broker = make_broker(runtime.settings.redis_url)
        self._kicker: AsyncKicker[Any, Any] = AsyncKicker(RUN_AGENTS, self._broker, labels={})
        self._whatsapp: AsyncKicker[Any, Any] = AsyncKicker(RUN_WHATSAPP, self._broker, labels={})
        self._started = False
        self._lock = asyncio.Lock()

    async def enqueue_agents(self, session_id: str) -> None:
        await self._start()
        await self._kicker.kiq(session_id)

    async def enqueue_whatsapp(self, wa_id: str) -> None:
        await self._start()
        await self._whatsapp.kiq(wa_id)

    async def _start(self) -> None:
        async with self._lock:
            if not self._started:
                await self._broker.startup()
                self._started = True

    async def aclose(self) -> None:
        if self._started:
            await self._broker.shutdown()


async def run_agents_job(runtime: Runtime, session_id: str) -> None:
    from genesis import service

    try:
        await service.run_agents(runtime, session_id)
    except Exception:
        # The lease expires and recovery enqueues the session again.
        log.exception("sub-agents job failed for session %s", session_id)
    if runtime.settings.whatsapp_enabled:
        await run_whatsapp_job(runtime, session_id, after_agents=True)


async def run_whatsapp_job(runtime: Runtime, key: str, *, after_agents: bool = False) -> None:
    """A number's messages (handled in order, then sent), or a session's brief once
    its agents are done. Never raises: what is left is found by recovery."""
    from genesis.service import whatsapp

    try:
        if after_agents:
            await whatsapp.after_agents(runtime, key)
        else:
            await whatsapp.process_number(runtime, key)
    except Exception:
        log.exception("whatsapp job failed (%s)", "brief" if after_agents else "messages")


def create_job_queue(runtime: Runtime) -> JobQueue:
    if runtime.settings.jobs == "taskiq":
        return TaskiqJobs(runtime)
    return InProcessJobs(runtime)


async def recovery_loop(runtime: Runtime) -> None:
    """On start, then periodically: re-enqueue the runs whose job died."""
    from genesis import service

    while True:
        try:
            await service.recover_stalled(runtime)
        except Exception:
            log.exception("recovery of stalled sub-agent runs failed; will try again")
        try:
            from genesis.service import whatsapp

            await whatsapp.recover(runtime)
        except Exception:
            log.exception("recovery of WhatsApp messages failed; will try again")
        await asyncio.sleep(runtime.settings.recovery_interval_seconds)


@contextlib.asynccontextmanager
async def running_recovery(runtime: Runtime) -> AsyncIterator[asyncio.Task[None]]:
    task = asyncio.create_task(recovery_loop(runtime), name="genesis-recovery")
    try:
        yield task
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
