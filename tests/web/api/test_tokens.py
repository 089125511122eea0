"""Access tokens never outlive their account or change owner, and a password
change signs every device out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import jwt
import pytest
from fastapi import FastAPI

from tests.conftest import signup

pytestmark = pytest.mark.usefixtures("app")


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_a_deleted_accounts_token_never_opens_the_next_account(
    client: httpx.AsyncClient,
) -> None:
    first = await signup(client, "awa@example.com")
    assert (await client.delete("/api/v1/auth/me", headers=first)).status_code == 204
    second = await signup(client, "moussa@example.com")  # got awa's id on SQLite before
    r = await client.post("/api/v1/coaching/start", json={}, headers=second)
    assert r.status_code == 201
    for path in ("/api/v1/auth/me", "/api/v1/coaching/sessions"):
        r = await client.get(path, headers=first)
        assert r.status_code == 401, (path, r.text)
        assert r.json()["error"] == "InvalidCredentialsError"
    assert (await client.get("/api/v1/auth/me", headers=second)).json()["email"] == (
        "moussa@example.com"
    )


async def test_a_password_change_signs_every_device_out(client: httpx.AsyncClient) -> None:
    phone = await signup(client, "awa@example.com", "s3cret-pass")
    r = await client.post(
        "/api/v1/auth/login", json={"email": "awa@example.com", "password": "s3cret-pass"}
    )
    laptop = _bearer(r.json()["access_token"])
    r = await client.post(
        "/api/v1/auth/password",
        json={"current_password": "s3cret-pass", "new_password": "un-nouveau-secret"},
        headers=phone,
    )
    assert r.status_code == 200, r.text
    assert r.headers["cache-control"] == "no-store"
    fresh = _bearer(r.json()["access_token"])
    for old in (phone, laptop):
        r = await client.get("/api/v1/auth/me", headers=old)
        assert r.status_code == 401
        assert "no longer valid" in r.json()["detail"]
    assert (await client.get("/api/v1/auth/me", headers=fresh)).status_code == 200
    old_login = {"email": "awa@example.com", "password": "s3cret-pass"}
    assert (await client.post("/api/v1/auth/login", json=old_login)).status_code == 401
    new_login = {"email": "awa@example.com", "password": "un-nouveau-secret"}
    assert (await client.post("/api/v1/auth/login", json=new_login)).status_code == 200


async def test_a_password_change_needs_the_current_one_and_a_strong_new_one(
    client: httpx.AsyncClient,
) -> None:
    auth = await signup(client, "awa@example.com", "s3cret-pass")
    r = await client.post(
        "/api/v1/auth/password",
        json={"current_password": "wrong-pass", "new_password": "un-nouveau-secret"},
        headers=auth,
    )
    assert r.status_code == 401
    assert r.json()["detail"] == "The current password is wrong."
    r = await client.post(
        "/api/v1/auth/password",
        json={"current_password": "s3cret-pass", "new_password": "password1"},
        headers=auth,
    )
    assert r.status_code == 422
    assert r.json()["error"] == "WeakPasswordError"
    assert (await client.get("/api/v1/auth/me", headers=auth)).status_code == 200  # unchanged


def _forged(app: FastAPI, **claims: object) -> dict[str, str]:
    """A token signed with the real secret, with the claims given."""
    now = datetime.now(UTC)
    body = {"iat": now, "exp": now + timedelta(minutes=5), **claims}
    return _bearer(jwt.encode(body, app.state.runtime.settings.secret_key, algorithm="HS256"))


FORGED_CLAIMS: list[dict[str, object]] = [
    {"sub": "1"},  # a token from before generations: refused, sign in again
    {"sub": "1", "gen": 2**40},
    {"sub": "1", "gen": "0"},
    {"sub": "1", "gen": True},
    {"sub": str(2**63), "gen": 0},  # was a 500 on PostgreSQL
    {"sub": "9" * 40, "gen": 0},
    {"sub": "-1", "gen": 0},
    {"sub": "0", "gen": 0},
    {"sub": "un", "gen": 0},
    {"gen": 0},
]


async def test_a_forged_or_out_of_range_token_is_401(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    await signup(client)
    for claims in FORGED_CLAIMS:
        for path in ("/api/v1/auth/me", "/api/v1/coaching/sessions"):
            r = await client.get(path, headers=_forged(app, **claims))
            assert r.status_code == 401, (claims, path, r.text)
            assert r.json()["error"] == "InvalidCredentialsError"


async def test_token_responses_are_never_cached(client: httpx.AsyncClient) -> None:
    await signup(client, "awa@example.com", "s3cret-pass")
    r = await client.post(
        "/api/v1/auth/login", json={"email": "awa@example.com", "password": "s3cret-pass"}
    )
    r2 = await client.post(
        "/api/v1/auth/token", data={"username": "awa@example.com", "password": "s3cret-pass"}
    )
    for response in (r, r2):
        assert response.status_code == 200
        assert response.headers["cache-control"] == "no-store"
        assert response.headers["pragma"] == "no-cache"


async def test_a_step_with_a_signed_out_token_records_nothing(client: httpx.AsyncClient) -> None:
    """The step checks its token in the statement that reads the session."""
    phone = await signup(client, "awa@example.com", "s3cret-pass")
    sid = (await client.post("/api/v1/coaching/start", json={}, headers=phone)).json()["session_id"]
    r = await client.post(
        "/api/v1/auth/password",
        json={"current_password": "s3cret-pass", "new_password": "un-nouveau-secret"},
        headers=phone,
    )
    fresh = _bearer(r.json()["access_token"])
    answer = {"session_id": sid, "user_response": "Devenir le traiteur de référence à Dakar."}
    for session_id in (sid, "00000000-0000-4000-8000-000000000000"):  # theirs, and none
        r = await client.post(
            "/api/v1/coaching/step", json={**answer, "session_id": session_id}, headers=phone
        )
        assert r.status_code == 401, r.text
        assert "no longer valid" in r.json()["detail"]
    detail = (await client.get(f"/api/v1/coaching/session/{sid}", headers=fresh)).json()
    assert detail["steps"] == []
    r = await client.post(
        "/api/v1/coaching/step",
        json={**answer, "session_id": "00000000-0000-4000-8000-000000000000"},
        headers=fresh,
    )
    assert r.status_code == 404
