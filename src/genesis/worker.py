"""The distributed job queue: a taskiq broker on a Redis stream.

``genesis worker`` runs ``taskiq worker genesis.worker:broker``. Messages are
acknowledged once the job has run, and a message whose worker died (SIGKILL)
is claimed again by another worker after ``IDLE_MS``; the session's lease and
the periodic recovery are the second line of defence.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from taskiq import Context, TaskiqDepends, TaskiqEvents, TaskiqState
from taskiq_redis import RedisStreamBroker

from genesis.config import get_settings

log = logging.getLogger(__name__)
IDLE_MS = 30_000
QUEUE = "genesis:jobs"
RUN_AGENTS = "genesis.run_agents"
RUN_WHATSAPP = "genesis.whatsapp"


def make_broker(redis_url: str) -> RedisStreamBroker:
    """The queue, for workers and for the API processes that send to it."""
    return RedisStreamBroker(
        url=redis_url,
        queue_name=QUEUE,
        consumer_group_name="genesis-workers",
        idle_timeout=IDLE_MS,
    )


# A worker process is configured by its environment (GENESIS_REDIS_URL).
_settings = get_settings()
broker = make_broker(_settings.redis_url or "redis://127.0.0.1:6379/0")


@broker.on_event(TaskiqEvents.WORKER_STARTUP)
async def _startup(state: TaskiqState) -> None:
    from genesis.jobs import recovery_loop
    from genesis.runtime import build_runtime

    logging.basicConfig(level=_settings.log_level)
    runtime = build_runtime(_settings)
    state.runtime = runtime
    state.recovery = asyncio.create_task(recovery_loop(runtime), name="genesis-recovery")


@broker.on_event(TaskiqEvents.WORKER_SHUTDOWN)
async def _shutdown(state: TaskiqState) -> None:
    state.recovery.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await state.recovery
    await state.runtime.aclose()


@broker.task(task_name=RUN_AGENTS)
async def run_agents_task(
    session_id: str,
    context: Context = TaskiqDepends(),  # noqa: B008 - taskiq's dependency injection
) -> None:
    from genesis.jobs import run_agents_job

    await run_agents_job(context.state.runtime, session_id)


@broker.task(task_name=RUN_WHATSAPP)
async def run_whatsapp_task(
    wa_id: str,
    context: Context = TaskiqDepends(),  # noqa: B008 - taskiq's dependency injection
) -> None:
    from genesis.jobs import run_whatsapp_job

    await run_whatsapp_job(context.state.runtime, wa_id)
