"""Coaching through the API with an LLM configured (the LLM coach over real HTTP
against a local fake server): the LLM's verdicts are used; when it fails the
offline decision stands; and while it thinks no database connection is held."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from genesis.config import Settings
from genesis.runtime import Runtime
from tests.answers import FULL_RUN_FR
from tests.conftest import asgi_client, running_app, signup
from tests.fake_llm import FakeLLM

ACCEPT = {
    "accepted": True,
    "confidence": 0.85,
    "missing": [],
    "follow_up": "",
    "reformulation": "Votre vision : devenir le traiteur de référence à Dakar d'ici 2030.",
}


@pytest.fixture
async def llm_app(settings: Settings, fake_llm: FakeLLM) -> AsyncIterator[FastAPI]:
    configured = settings.model_copy(
        update={
            "llm_base_url": fake_llm.base_url,
            "llm_timeout_seconds": 1.0,
            "llm_max_retries": 0,
        }
    )
    async with running_app(configured) as application:  # default coach: LLM, then offline
        yield application


@pytest.fixture
async def llm_client(llm_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with asgi_client(llm_app) as c:
        yield c


async def _start(client: httpx.AsyncClient, auth: dict[str, str]) -> str:
    r = await client.post("/api/v1/coaching/start", json={"language": "fr"}, headers=auth)
    return str(r.json()["session_id"])


async def _vision(client: httpx.AsyncClient, auth: dict[str, str], sid: str) -> httpx.Response:
    return await client.post(
        "/api/v1/coaching/step",
        json={"session_id": sid, "user_response": FULL_RUN_FR["vision"], "step": "vision"},
        headers=auth,
    )


async def test_the_llm_judges_and_reformulates(
    llm_client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    auth = await signup(llm_client)
    sid = await _start(llm_client, auth)
    fake_llm.replies = [ACCEPT]
    out = (await _vision(llm_client, auth, sid)).json()
    assert out["coach_mode"] == "llm"
    assert out["is_step_complete"] is True
    assert out["coach_message"].startswith(ACCEPT["reformulation"])
    assert out["confidence_score"] == 0.85


async def test_a_slow_llm_leaves_the_offline_decision_and_holds_no_connection(
    llm_client: httpx.AsyncClient, llm_app: FastAPI, fake_llm: FakeLLM
) -> None:
    auth = await signup(llm_client)
    sid = await _start(llm_client, auth)
    fake_llm.replies = [("sleep", 3, ACCEPT)]
    answering = asyncio.create_task(_vision(llm_client, auth, sid))
    assert await asyncio.to_thread(fake_llm.received.wait, 5), "the LLM was not asked"
    runtime: Runtime = llm_app.state.runtime
    assert runtime.engine.pool.checkedout() == 0  # type: ignore[attr-defined]
    out = (await answering).json()
    assert out["coach_mode"] == "offline"
    assert out["is_step_complete"] is True  # a good answer, judged offline
    detail = await llm_client.get(f"/api/v1/coaching/session/{sid}", headers=auth)
    assert [s["step_name"] for s in detail.json()["steps"]] == ["vision"]
