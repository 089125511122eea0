"""A session survives anything: Redis flushed or stopped, a SIGKILLed server, two
API processes. Real PostgreSQL, real Redis servers, real `genesis serve` processes."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import httpx
import pytest
import redis

from tests.answers import FULL_RUN_FR
from tests.remote import answer, api, session, signup, start
from tests.servers import RedisServer, wait_until

pytestmark = pytest.mark.postgres

STEPS = list(FULL_RUN_FR)


def assert_every_answer_recorded(detail: dict[str, object]) -> None:
    steps = detail["steps"]
    assert isinstance(steps, list)
    recorded = {s["step_name"]: s["user_response"] for s in steps if s["is_complete"]}
    assert recorded == FULL_RUN_FR
    assert len(steps) == len(FULL_RUN_FR)
    assert detail["status"] == "coaching_complete"


def test_redis_flushed_then_stopped_mid_run(
    pg_url: str, private_redis: RedisServer, tmp_path: Path
) -> None:
    server = api(pg_url, private_redis.url, tmp_path)
    server.start()
    try:
        auth = signup(server.url)
        sid = start(server.url, auth)
        cache = redis.Redis.from_url(private_redis.url)
        answer(server.url, auth, sid, "vision")
        assert cache.exists(f"genesis:session:{sid}")

        answer(server.url, auth, sid, "mission")
        cache.flushall()
        answer(server.url, auth, sid, "clientele")

        private_redis.stop()  # Redis gone: every request still succeeds from the database
        answer(server.url, auth, sid, "differentiation")
        resumed = httpx.post(
            server.url + "/api/v1/coaching/start", json={"session_id": sid}, headers=auth
        ).json()
        assert resumed["current_step"] == "offre"
        answer(server.url, auth, sid, "offre")

        private_redis.start()  # back, empty: the cache refills by itself
        answer(server.url, auth, sid, "finances")
        answer(server.url, auth, sid, "synthesis")
        assert_every_answer_recorded(session(server.url, auth, sid))
        # The server retries Redis after a short pause; then any read refills the cache.
        fresh = redis.Redis.from_url(private_redis.url)

        def refilled() -> bool:
            httpx.post(
                server.url + "/api/v1/coaching/start", json={"session_id": sid}, headers=auth
            )
            return bool(fresh.exists(f"genesis:session:{sid}"))

        wait_until(refilled, timeout=15, what="the cache to refill")
    finally:
        server.stop()


def test_sigkill_between_steps_then_resume(
    pg_url: str, private_redis: RedisServer, tmp_path: Path
) -> None:
    server = api(pg_url, private_redis.url, tmp_path)
    server.start()
    try:
        auth = signup(server.url)
        sid = start(server.url, auth)
        answer(server.url, auth, sid, "vision")
        answer(server.url, auth, sid, "mission")
        server.kill()
        redis.Redis.from_url(private_redis.url).flushall()  # and the cache with it

        server.start()
        r = httpx.post(
            server.url + "/api/v1/coaching/start", json={"session_id": sid}, headers=auth
        )
        assert r.status_code == 200
        assert r.json()["current_step"] == "clientele"
        assert r.json()["progress"]["vision"]
        assert r.json()["progress"]["mission"]
        for step in STEPS[2:]:
            answer(server.url, auth, sid, step)
        assert_every_answer_recorded(session(server.url, auth, sid))
    finally:
        server.stop()


def test_two_api_processes_alternating(
    pg_url: str, private_redis: RedisServer, tmp_path: Path
) -> None:
    first, second = (
        api(pg_url, private_redis.url, tmp_path),
        api(pg_url, private_redis.url, tmp_path),
    )
    first.start()
    second.start()
    try:
        auth = signup(first.url)
        sid = start(second.url, auth)
        for i, step in enumerate(STEPS):
            base = (first, second)[i % 2].url
            out = answer(base, auth, sid, step)
            other = (first, second)[(i + 1) % 2].url
            seen = session(other, auth, sid)
            assert seen["version"] == out["version"]
            assert seen["current_step"] == out["current_step"]
        assert_every_answer_recorded(session(first.url, auth, sid))
        assert session(first.url, auth, sid) == session(second.url, auth, sid)
    finally:
        first.stop()
        second.stop()


async def _burst(
    bases: list[str], auth: dict[str, str], sid: str, text: str, key: str | None
) -> list[int]:
    headers = {**auth, **({"Idempotency-Key": key} if key else {})}
    async with httpx.AsyncClient(timeout=30) as client:
        calls = [
            client.post(
                bases[i % len(bases)] + "/api/v1/coaching/step",
                json={"session_id": sid, "user_response": text},
                headers=headers,
            )
            for i in range(50)
        ]
        return [r.status_code for r in await asyncio.gather(*calls)]


@pytest.mark.parametrize("with_key", [True, False], ids=["with-key", "without-key"])
def test_fifty_concurrent_identical_answers_across_two_processes(
    pg_url: str, private_redis: RedisServer, tmp_path: Path, with_key: bool
) -> None:
    first, second = (
        api(pg_url, private_redis.url, tmp_path),
        api(pg_url, private_redis.url, tmp_path),
    )
    first.start()
    second.start()
    try:
        auth = signup(first.url)
        sid = start(first.url, auth)
        key = str(uuid.uuid4()) if with_key else None
        codes = asyncio.run(_burst([first.url, second.url], auth, sid, FULL_RUN_FR["vision"], key))
        assert codes == [200] * 50
        detail = session(first.url, auth, sid)
        steps = detail["steps"]
        assert isinstance(steps, list)
        assert [s["step_name"] for s in steps] == ["vision"]  # exactly one row
        assert detail["current_step"] == "mission"  # advanced once
        assert detail["step_completion"] == {
            "vision": True,
            "mission": False,
            "clientele": False,
            "differentiation": False,
            "offre": False,
            "finances": False,
            "synthesis": False,
        }
    finally:
        first.stop()
        second.stop()
