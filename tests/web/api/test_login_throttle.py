"""Login throttling through the API: an attacker slows down, the real person
(elsewhere, or behind the same shared address) is not locked out; timing does
not tell who has an account; sign-ups are rate-limited per address."""

from __future__ import annotations

import statistics
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from genesis import security
from tests.conftest import signup

ATTACKER = "203.0.113.66"
HOME = "198.51.100.7"
CYBERCAFE = "192.0.2.10"

Browser = Callable[[str], AbstractAsyncContextManager[httpx.AsyncClient]]


@pytest.fixture
def empty_database_url(tmp_path: Path) -> str:
    """SQLite only: the rules live in the throttle's store, not in the database
    (tests/store/test_throttle.py runs them on Redis too)."""
    return f"sqlite+aiosqlite:///{tmp_path / 'genesis.db'}"


@pytest.fixture
def from_address(app: FastAPI) -> Browser:
    @asynccontextmanager
    async def client_at(address: str) -> AsyncIterator[httpx.AsyncClient]:
        transport = httpx.ASGITransport(app=app, client=(address, 40000))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            yield c

    return client_at


async def _login(client: httpx.AsyncClient, email: str, password: str) -> httpx.Response:
    return await client.post("/api/v1/auth/login", json={"email": email, "password": password})


async def test_an_attacker_elsewhere_cannot_lock_the_person_out(
    client: httpx.AsyncClient, from_address: Browser
) -> None:
    await signup(client, "awa@example.com", "s3cret-pass")
    async with from_address(ATTACKER) as attacker:
        codes = [(await _login(attacker, "awa@example.com", "guess-123")).status_code]
        codes += [
            (await _login(attacker, "awa@example.com", "guess-123")).status_code for _ in range(11)
        ]
    assert codes[:5] == [401] * 5
    assert set(codes[5:]) == {429}  # slowed down after five failures
    async with from_address(HOME) as home:
        r = await _login(home, "awa@example.com", "s3cret-pass")
    assert r.status_code == 200, r.text


async def test_one_person_failing_at_a_cybercafe_does_not_lock_the_others(
    client: httpx.AsyncClient, from_address: Browser
) -> None:
    await signup(client, "awa@example.com", "s3cret-pass")
    await signup(client, "kofi@example.com", "kofi-secret-9")
    async with from_address(CYBERCAFE) as cafe:
        for _ in range(12):
            await _login(cafe, "awa@example.com", "guess-123")
        r = await _login(cafe, "kofi@example.com", "kofi-secret-9")
    assert r.status_code == 200, r.text


async def test_a_success_clears_the_failures(
    client: httpx.AsyncClient, from_address: Browser
) -> None:
    await signup(client, "awa@example.com", "s3cret-pass")
    async with from_address(HOME) as home:
        for _ in range(3):
            for _ in range(4):
                assert (await _login(home, "awa@example.com", "typo-pass")).status_code == 401
            assert (await _login(home, "awa@example.com", "s3cret-pass")).status_code == 200


async def test_the_wait_doubles_and_says_so(
    client: httpx.AsyncClient, from_address: Browser
) -> None:
    await signup(client, "awa@example.com", "s3cret-pass")
    async with from_address(ATTACKER) as attacker:
        for _ in range(5):
            await _login(attacker, "awa@example.com", "guess-123")
        r = await _login(attacker, "awa@example.com", "s3cret-pass")
        assert r.status_code == 429
        assert r.headers["retry-after"] == "1"
        assert r.json()["error"] == "TooManyAttemptsError"
        assert "Try again in 1 seconds" in r.json()["detail"]
        time.sleep(1.05)  # noqa: ASYNC251 - the backoff is wall-clock time
        assert (await _login(attacker, "awa@example.com", "guess-123")).status_code == 401
        r = await _login(attacker, "awa@example.com", "s3cret-pass")
        assert r.status_code == 429
        assert r.headers["retry-after"] == "2"


async def test_an_unknown_email_costs_a_password_check(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str | None] = []
    verify = security.verify_password

    def counting(hashed: str | None, password: str) -> bool:
        checked.append(hashed)
        return verify(hashed, password)

    monkeypatch.setattr(security, "verify_password", counting)
    r = await _login(client, "nobody@example.com", "some-password")
    assert r.status_code == 401
    assert checked == [None]  # verified against the dummy hash


async def test_login_time_does_not_tell_who_has_an_account(
    client: httpx.AsyncClient, from_address: Browser
) -> None:
    await signup(client, "awa@example.com", "s3cret-pass")

    async def timed(email: str, address: str) -> float:
        async with from_address(address) as c:
            started = time.perf_counter()
            r = await _login(c, email, "wrong-password")
            assert r.status_code == 401
            return time.perf_counter() - started

    known, unknown = [], []
    for i in range(5):  # interleaved; one address each, so no backoff
        known.append(await timed("awa@example.com", f"192.0.2.{100 + i}"))
        unknown.append(await timed(f"nobody{i}@example.com", f"192.0.2.{200 + i}"))
    ratio = statistics.median(unknown) / statistics.median(known)
    print(
        f"login: known {statistics.median(known) * 1000:.1f} ms, unknown "
        f"{statistics.median(unknown) * 1000:.1f} ms (ratio {ratio:.2f})"
    )
    assert 0.6 < ratio < 1.6


async def test_sign_ups_are_limited_per_address(
    app: FastAPI, from_address: Browser, monkeypatch: pytest.MonkeyPatch
) -> None:
    throttle = app.state.runtime.throttle
    monkeypatch.setattr(throttle, "rules", replace(throttle.rules, registrations_per_hour=2))

    async def register(c: httpx.AsyncClient, email: str) -> httpx.Response:
        body: dict[str, Any] = {"email": email, "password": "s3cret-pass", "name": "A"}
        return await c.post("/api/v1/auth/register", json=body)

    async with from_address(CYBERCAFE) as cafe:
        assert (await register(cafe, "a@example.com")).status_code == 201
        assert (await register(cafe, "a@example.com")).status_code == 409  # counts too
        r = await register(cafe, "c@example.com")
        assert r.status_code == 429
        assert int(r.headers["retry-after"]) > 0
        assert "sign-ups" in r.json()["detail"]
    async with from_address(HOME) as home:
        assert (await register(home, "c@example.com")).status_code == 201
