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
from collections.abc import AsyncIterator
from typing import Protocol

from genesis import service
from genesis.runtime import Runtime

log = logging.getLogger(__name__)


class JobQueue(Protocol):
    """Where the sub-agents' runs are sent; an entry point gives its
    ``enqueue_agents`` to the Runtime and closes it at the end."""

    async def enqueue_agents(self, session_id: str) -> None: ...

    async def aclose(self) -> None: ...


class InProcessJobs:
    """Runs jobs as tasks of this process; shutdown waits for them (bounded)."""

    def __init__(self, runtime: Runtime, shutdown_timeout: float = 30.0) -> None:
        self._runtime = runtime
        self._tasks: set[asyncio.Task[None]] = set()
        self._shutdown_timeout = shutdown_timeout

    async def enqueue_agents(self, session_id: str) -> None:
        task = asyncio.create_task(self._run_agents(session_id), name=f"agents:{session_id}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run_agents(self, session_id: str) -> None:
        await run_agents_job(self._runtime, session_id)

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


async def recovery_loop(runtime: Runtime) -> None:
    """On start, then periodically: re-enqueue the runs whose job died."""
    while True:
        try:
            await service.recover_stalled(runtime)
        except Exception:
            log.exception("recovery of stalled sub-agent runs failed; will try again")
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
