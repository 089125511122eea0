"""Every line of taskiq: the distributed job queue on a Redis stream.

``genesis worker`` runs ``taskiq worker genesis.worker:worker_broker``: taskiq
calls :func:`worker_broker` when each worker process starts, which builds the
broker from that process's settings (its environment), never at import.
Messages are acknowledged once the job has run, and a message whose worker died
(SIGKILL) is claimed again by another worker after ``IDLE_MS``; the session's
lease and the periodic recovery are the second line of defence.

API processes with ``GENESIS_JOBS=taskiq`` send jobs through
:class:`TaskiqJobs`, built from the settings the app was given.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from redis.asyncio import Redis
from taskiq import Context, TaskiqDepends, TaskiqEvents, TaskiqMessage, TaskiqState
from taskiq_redis import RedisStreamBroker

from genesis.config import Settings, get_settings
from genesis.jobs import run_agents_job, run_whatsapp_job, running_recovery
from genesis.runtime import build_runtime

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


class TaskiqJobs:
    """Sends jobs to the Redis stream that `genesis worker` processes consume.

    A job is one XADD on a Redis client kept for the life of the sender, of the
    message taskiq's own kicker makes (``TaskiqMessage`` in the broker's
    format): the kicker would build a Redis client and run the middleware hooks
    (none here) for every job, a third of the webhook's CPU (bench/webhook_spans.py).
    """

    def __init__(self, settings: Settings) -> None:
        assert settings.redis_url, "checked by Settings"
        self._broker = make_broker(settings.redis_url)
        # _kick sends what taskiq's kicker would, minus the middleware hooks: a
        # middleware added to the broker must not be skipped silently.
        assert not self._broker.middlewares, "TaskiqJobs._kick runs no middleware"
        self._redis = Redis(connection_pool=self._broker.connection_pool)
        self._started = False
        self._lock = asyncio.Lock()

    async def enqueue_agents(self, session_id: str) -> None:
        await self._kick(RUN_AGENTS, session_id)

    async def enqueue_whatsapp(self, wa_id: str) -> None:
        await self._kick(RUN_WHATSAPP, wa_id)

    async def _kick(self, task_name: str, arg: str) -> None:
        if not self._started:
            await self._start()
        message = TaskiqMessage(
            task_id=self._broker.id_generator(),
            task_name=task_name,
            labels={},
            labels_types={},
            args=[arg],
            kwargs={},
        )
        await self._redis.xadd(
            self._broker.queue_name,
            {b"data": self._broker.formatter.dumps(message).message},
            maxlen=self._broker.maxlen,
            approximate=self._broker.approximate,
        )

    async def _start(self) -> None:
        async with self._lock:
            if not self._started:
                await self._broker.startup()  # the stream and its consumer group
                self._started = True

    async def aclose(self) -> None:
        await self._redis.aclose()
        if self._started:
            await self._broker.shutdown()


def worker_broker(settings: Settings | None = None) -> RedisStreamBroker:
    """A worker process's broker, with its task and its start and stop: the
    runtime (whose recovery re-enqueues on this same queue) and the recovery loop."""
    settings = settings or get_settings()
    broker = make_broker(settings.redis_url or "redis://127.0.0.1:6379/0")

    @broker.on_event(TaskiqEvents.WORKER_STARTUP)
    async def _startup(state: TaskiqState) -> None:
        logging.basicConfig(level=settings.log_level)
        runtime = build_runtime(settings)
        sender = TaskiqJobs(settings)
        runtime.enqueue_agents = sender.enqueue_agents
        runtime.enqueue_whatsapp = sender.enqueue_whatsapp
        stack = contextlib.AsyncExitStack()
        stack.push_async_callback(runtime.aclose)
        stack.push_async_callback(sender.aclose)
        await stack.enter_async_context(running_recovery(runtime))
        state.runtime, state.stack = runtime, stack

    @broker.on_event(TaskiqEvents.WORKER_SHUTDOWN)
    async def _shutdown(state: TaskiqState) -> None:
        await state.stack.aclose()

    @broker.task(task_name=RUN_AGENTS)
    async def _run_agents(
        session_id: str,
        context: Context = TaskiqDepends(),  # noqa: B008 - taskiq's dependency injection
    ) -> None:
        await run_agents_job(context.state.runtime, session_id)

    @broker.task(task_name=RUN_WHATSAPP)
    async def _run_whatsapp(
        wa_id: str,
        context: Context = TaskiqDepends(),  # noqa: B008 - taskiq's dependency injection
    ) -> None:
        await run_whatsapp_job(context.state.runtime, wa_id)

    return broker
