"""A person driving a real `genesis serve` process over HTTP (recovery and job tests)."""

from __future__ import annotations

import uuid
from pathlib import Path

import httpx

from tests.answers import FULL_RUN_FR
from tests.servers import ApiServer


def env(pg_url: str, redis_url: str, **extra: str) -> dict[str, str]:
    return {
        "GENESIS_DATABASE_URL": pg_url,
        "GENESIS_REDIS_URL": redis_url,
        "GENESIS_SECRET_KEY": "recovery-test-" + "k" * 40,
        "GENESIS_LOG_LEVEL": "WARNING",
        **extra,
    }


def api(pg_url: str, redis_url: str, tmp_path: Path, **extra: str) -> ApiServer:
    return ApiServer(env(pg_url, redis_url, **extra), tmp_path)


def signup(base: str) -> dict[str, str]:
    email = f"{uuid.uuid4().hex[:8]}@example.com"
    r = httpx.post(
        base + "/api/v1/auth/register",
        json={"email": email, "password": "a-long-password", "name": "Awa"},
    )
    assert r.status_code == 201, r.text
    r = httpx.post(
        base + "/api/v1/auth/login", json={"email": email, "password": "a-long-password"}
    )
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def start(base: str, auth: dict[str, str]) -> str:
    r = httpx.post(base + "/api/v1/coaching/start", json={"language": "fr"}, headers=auth)
    assert r.status_code == 201, r.text
    return str(r.json()["session_id"])


def answer(base: str, auth: dict[str, str], sid: str, step: str) -> dict[str, object]:
    r = httpx.post(
        base + "/api/v1/coaching/step",
        json={"session_id": sid, "user_response": FULL_RUN_FR[step], "step": step},
        headers=auth,
        timeout=10,
    )
    assert r.status_code == 200, r.text
    body: dict[str, object] = r.json()
    assert body["is_step_complete"] is True, body
    return body


def session(base: str, auth: dict[str, str], sid: str) -> dict[str, object]:
    r = httpx.get(base + f"/api/v1/coaching/session/{sid}", headers=auth, timeout=10)
    assert r.status_code == 200, r.text
    body: dict[str, object] = r.json()
    return body
