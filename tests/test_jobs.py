"""The distributed job queue with real processes: `genesis serve` sends the
sub-agents' job to a Redis stream, `genesis worker` runs it. The worker is
SIGKILLed while one agent waits on a slow LLM; once restarted it finishes the
brief, and the agents that had finished are not run again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.fake_llm import FakeLLM
from tests.remote import answer, api, env, signup, start
from tests.servers import RedisServer, WorkerProcess, running, wait_until

pytestmark = pytest.mark.postgres

STEPS = ["vision", "mission", "clientele", "differentiation", "offre", "finances", "synthesis"]


def progress(base: str, auth: dict[str, str], sid: str) -> dict[str, Any]:
    r = httpx.get(f"{base}/api/v1/coaching/session/{sid}/progress", headers=auth, timeout=10)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def coach_to_completion(base: str) -> tuple[dict[str, str], str]:
    auth = signup(base)
    sid = start(base, auth)
    for step in STEPS:
        answer(base, auth, sid, step)
    r = httpx.post(
        base + "/api/v1/coaching/complete", json={"session_id": sid}, headers=auth, timeout=10
    )
    assert r.status_code == 202, r.text
    assert r.json()["status"] == "sub_agents_running"
    return auth, sid


def test_worker_killed_mid_run_then_restarted(
    pg_url: str, private_redis: RedisServer, fake_llm: FakeLLM, tmp_path: Path
) -> None:
    # Agents that ask the LLM wait 4 s for a reply that breaks their schema (they
    # fall back offline); the others finish at once. The API has no LLM.
    fake_llm.default = ("sleep", 4, {"unexpected": True})
    server = api(pg_url, private_redis.url, tmp_path, GENESIS_JOBS="taskiq")
    worker_env = env(
        pg_url,
        private_redis.url,
        GENESIS_JOBS="taskiq",
        GENESIS_LLM_BASE_URL=fake_llm.base_url,
        GENESIS_LLM_MAX_RETRIES="0",
        GENESIS_LLM_TIMEOUT_SECONDS="10",
        GENESIS_AGENTS_LEASE_SECONDS="2",
        GENESIS_RECOVERY_INTERVAL_SECONDS="0.5",
    )
    worker = WorkerProcess(worker_env, tmp_path)
    with running(server, worker):
        auth, sid = coach_to_completion(server.url)

        def some_but_not_all_done() -> bool:
            p = progress(server.url, auth, sid)
            return 0 < p["finished"] < p["total"]

        wait_until(some_but_not_all_done, timeout=30, what=f"a partial run ({worker.log})")
        before = progress(server.url, auth, sid)
        worker.kill()
        assert progress(server.url, auth, sid)["status"] == "sub_agents_running"
        done_before = {
            name: agent["finished_at"]
            for name, agent in before["agents"].items()
            if agent["status"] in ("ok", "fallback")
        }
        assert done_before

        worker.start()
        wait_until(
            lambda: progress(server.url, auth, sid)["status"] == "completed",
            timeout=60,
            what=f"the brief after the restart ({worker.log})",
        )
        after = progress(server.url, auth, sid)
        assert after["finished"] == after["total"]
        for name, finished_at in done_before.items():
            assert after["agents"][name]["finished_at"] == finished_at, f"{name} ran again"

        brief = httpx.get(
            f"{server.url}/api/v1/coaching/session/{sid}/brief", headers=auth, timeout=10
        ).json()
        assert brief["status"] == "completed"
        statuses = {brief[name]["status"] for name in after["agents"]}
        assert statuses <= {"ok", "fallback"}
        # The LLM failed for the agents that asked it, so the brief says so.
        assert "fallback" in statuses
        assert brief["overall_confidence"] < 1.0


def test_a_full_run_on_the_queue(pg_url: str, private_redis: RedisServer, tmp_path: Path) -> None:
    server = api(pg_url, private_redis.url, tmp_path, GENESIS_JOBS="taskiq")
    worker = WorkerProcess(env(pg_url, private_redis.url, GENESIS_JOBS="taskiq"), tmp_path)
    with running(server, worker):
        auth, sid = coach_to_completion(server.url)
        wait_until(
            lambda: progress(server.url, auth, sid)["status"] == "completed",
            timeout=30,
            what=f"the brief ({worker.log})",
        )
        brief = httpx.get(
            f"{server.url}/api/v1/coaching/session/{sid}/brief", headers=auth, timeout=10
        ).json()
        assert {brief[name]["status"] for name in progress(server.url, auth, sid)["agents"]} == {
            "ok"
        }
        assert brief["market_research"]["data"]["figures"]
