"""Double taps and retries never record an answer twice (no Redis: in-process locks)."""

from __future__ import annotations

import asyncio
import uuid

import httpx
from fastapi import FastAPI

from tests.answers import FULL_RUN_FR
from tests.web.api.test_coaching import drain_jobs, start


async def steps_of(client: httpx.AsyncClient, auth: dict[str, str], sid: str) -> list[str]:
    detail = (await client.get(f"/api/v1/coaching/session/{sid}", headers=auth)).json()
    return [s["step_name"] for s in detail["steps"]]


async def test_same_key_replays_the_first_response(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    sid = (await start(client, auth))["session_id"]
    headers = {**auth, "Idempotency-Key": "tap-1"}
    payload = {"session_id": sid, "user_response": FULL_RUN_FR["vision"]}
    first = await client.post("/api/v1/coaching/step", json=payload, headers=headers)
    again = await client.post("/api/v1/coaching/step", json=payload, headers=headers)
    assert first.status_code == again.status_code == 200
    assert again.json() == first.json()
    assert await steps_of(client, auth, sid) == ["vision"]


async def test_key_reused_for_another_request_is_422(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    sid = (await start(client, auth))["session_id"]
    headers = {**auth, "Idempotency-Key": "tap-2"}
    await client.post(
        "/api/v1/coaching/step",
        json={"session_id": sid, "user_response": FULL_RUN_FR["vision"]},
        headers=headers,
    )
    r = await client.post(
        "/api/v1/coaching/step",
        json={"session_id": sid, "user_response": FULL_RUN_FR["mission"]},
        headers=headers,
    )
    assert r.status_code == 422
    assert r.json()["error"] == "IdempotencyKeyReusedError"
    assert await steps_of(client, auth, sid) == ["vision"]


async def test_fifty_concurrent_identical_submissions(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    for key in (str(uuid.uuid4()), None):
        sid = (await start(client, auth))["session_id"]
        headers = {**auth, **({"Idempotency-Key": key} if key else {})}
        payload = {"session_id": sid, "user_response": FULL_RUN_FR["vision"]}
        responses = await asyncio.gather(
            *(
                client.post("/api/v1/coaching/step", json=payload, headers=headers)
                for _ in range(50)
            )
        )
        assert [r.status_code for r in responses] == [200] * 50
        assert {r.json()["current_step"] for r in responses} == {"mission"}
        assert await steps_of(client, auth, sid) == ["vision"], key


async def test_a_double_tap_after_the_last_step_is_not_an_error(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    sid = (await start(client, auth, coaching_plan=["vision", "synthesis"]))["session_id"]
    for step in ("vision", "synthesis", "synthesis"):
        r = await client.post(
            "/api/v1/coaching/step",
            json={"session_id": sid, "user_response": FULL_RUN_FR[step]},
            headers=auth,
        )
        assert r.status_code == 200
        assert r.json()["status"] in ("in_progress", "coaching_complete")
    assert await steps_of(client, auth, sid) == ["vision", "synthesis"]


async def test_complete_with_key_replays_202(
    client: httpx.AsyncClient, auth: dict[str, str], app: FastAPI
) -> None:
    sid = (await start(client, auth, coaching_plan=["vision", "synthesis"]))["session_id"]
    for step in ("vision", "synthesis"):
        await client.post(
            "/api/v1/coaching/step",
            json={"session_id": sid, "user_response": FULL_RUN_FR[step]},
            headers=auth,
        )
    headers = {**auth, "Idempotency-Key": "complete-1"}
    first = await client.post(
        "/api/v1/coaching/complete", json={"session_id": sid}, headers=headers
    )
    await drain_jobs(app)
    again = await client.post(
        "/api/v1/coaching/complete", json={"session_id": sid}, headers=headers
    )
    assert first.status_code == again.status_code == 202
    assert again.json() == first.json()
    without_key = await client.post(
        "/api/v1/coaching/complete", json={"session_id": sid}, headers=auth
    )
    assert without_key.status_code == 409


async def test_a_double_tap_naming_its_step_replays_instead_of_409(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    sid = (await start(client, auth, language="fr"))["session_id"]
    body = {"session_id": sid, "user_response": FULL_RUN_FR["vision"], "step": "vision"}
    first = await client.post("/api/v1/coaching/step", json=body, headers=auth)
    again = await client.post("/api/v1/coaching/step", json=body, headers=auth)
    assert first.status_code == again.status_code == 200
    assert again.json()["current_step"] == "mission"
    assert again.json()["version"] == first.json()["version"]  # nothing recorded
    # The same words sent as the answer to the next step are a new answer.
    other = await client.post(
        "/api/v1/coaching/step", json={**body, "step": "mission"}, headers=auth
    )
    assert other.json()["version"] > first.json()["version"]
