"""The job runner: in-process background tasks by default."""

from __future__ import annotations

import asyncio
import logging

from genesis.runtime import JobQueue, Runtime

log = logging.getLogger(__name__)


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
        from genesis import service

        try:
            await service.run_agents(self._runtime, session_id)
        except Exception:
            log.exception("sub-agents job failed for session %s", session_id)

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


def create_job_queue(runtime: Runtime) -> JobQueue:
    return InProcessJobs(runtime)
