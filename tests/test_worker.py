"""worker.py holds every line of taskiq and reads no settings at import: the
worker's broker is built when its process starts, an API process sends jobs with
the settings its app was given."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from genesis.config import Settings
from genesis.jobs import InProcessJobs
from genesis.worker import RUN_AGENTS, TaskiqJobs, worker_broker
from tests.conftest import running_app


def test_importing_the_worker_reads_no_settings() -> None:
    # Settings that cannot load: an import that read them would fail.
    env = {**os.environ, "GENESIS_JOBS": "not-a-queue", "GENESIS_LOG_LEVEL": "LOUD"}
    code = "import genesis.worker, genesis.jobs, genesis.runtime, genesis.web.app"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    loads = subprocess.run(
        [sys.executable, "-c", "from genesis.config import get_settings; get_settings()"],
        env=env,
        capture_output=True,
        timeout=60,
    )
    assert loads.returncode != 0  # the environment above is indeed unusable


def test_a_worker_broker_is_built_from_the_settings_given(settings: Settings) -> None:
    broker = worker_broker(settings.model_copy(update={"redis_url": "redis://127.0.0.1:1/3"}))
    assert RUN_AGENTS in broker.get_all_tasks()
    assert broker.connection_pool.connection_kwargs["port"] == 1
    assert broker.connection_pool.connection_kwargs["db"] == 3


@pytest.mark.parametrize("queue", ["inprocess", "taskiq"])
async def test_the_app_gives_the_runtime_its_queue(settings: Settings, queue: str) -> None:
    update = {"jobs": queue, "redis_url": "redis://127.0.0.1:1/0" if queue == "taskiq" else ""}
    async with running_app(settings.model_copy(update=update)) as app:
        jobs = app.state.jobs
        assert isinstance(jobs, TaskiqJobs if queue == "taskiq" else InProcessJobs)
        assert app.state.runtime.enqueue_agents == jobs.enqueue_agents
