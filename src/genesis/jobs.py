"""Background jobs: the sub-agents of a session, run in this process by default,
or by `genesis worker` processes from a Redis queue (``GENESIS_JOBS=taskiq``,
see worker.py); and the recovery loop of the processes that run them.

Jobs carry the session id only and are idempotent (see service.run_agents), so
a job run twice, or re-enqueued by recovery, does no harm.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Coroutine
from typing import Any, Protocol

from genesis import service
from genesis.runtime import Runtime

log = logging.getLogger(__name__)
# WhatsApp messages handled at once in process: a burst must not starve the
# requests (the webhook's own among them) of the event loop and the connection pool.
WHATSAPP_JOBS_AT_ONCE = 4


class JobQueue(Protocol):
    """Where jobs are sent; an entry point gives its ``enqueue_agents`` and
    ``enqueue_whatsapp`` to the Runtime and closes it at the end."""

    async def enqueue_agents(self, session_id: str) -> None: ...

    async def enqueue_whatsapp(self, wa_id: str) -> None: ...

    async def aclose(self) -> None: ...


class InProcessJobs:
    """Runs jobs as tasks of this process; shutdown waits for them (bounded)."""

    def __init__(self, runtime: Runtime, shutdown_timeout: float = 30.0) -> None:
        self._runtime = runtime
        self._tasks: set[asyncio.Task[None]] = set()
        self._shutdown_timeout = shutdown_timeout
        self._whatsapp_slots = asyncio.Semaphore(WHATSAPP_JOBS_AT_ONCE)

    async def enqueue_agents(self, session_id: str) -> None:
        self._start(run_agents_job(self._runtime, session_id), f"agents:{session_id}")

    async def enqueue_whatsapp(self, wa_id: str) -> None:
        self._start(self._run_whatsapp(wa_id), "whatsapp")

    async def _run_whatsapp(self, wa_id: str) -> None:
        async with self._whatsapp_slots:
            await run_whatsapp_job(self._runtime, wa_id)

    def _start(self, job: Coroutine[Any, Any, None], name: str) -> None:
        task = asyncio.create_task(job, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

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


async def run_agents_job(runtime: Runtime, session_id: str) -> None:
    """One job: the session's sub-agents (wherever the job runs)."""
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


# Old WhatsApp message records are pruned this often (and once at start).
PRUNE_EVERY_SECONDS = 3600.0


async def recovery_loop(runtime: Runtime) -> None:
    """On start, then periodically: re-enqueue the runs whose job died; hourly,
    delete the WhatsApp message records past their retention."""
    next_prune = 0.0
    while True:
        try:
            await service.recover_stalled(runtime)
        except Exception:
            log.exception("recovery of stalled sub-agent runs failed; will try again")
        if runtime.settings.whatsapp_enabled:
            from genesis.service import whatsapp

            try:
                await whatsapp.recover(runtime)
            except Exception:
                log.exception("recovery of WhatsApp messages failed; will try again")
            if time.monotonic() >= next_prune:
                next_prune = time.monotonic() + PRUNE_EVERY_SECONDS
                try:
                    await whatsapp.prune(runtime)
                except Exception:
                    log.exception("pruning old WhatsApp messages failed; will try again")
        await asyncio.sleep(runtime.settings.recovery_interval_seconds)


@contextlib.asynccontextmanager
async def running_recovery(runtime: Runtime) -> AsyncIterator[asyncio.Task[None]]:
    """The recovery loop, for as long as the block runs (every process that runs jobs)."""
    task = asyncio.create_task(recovery_loop(runtime), name="genesis-recovery")
    try:
        yield task
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
