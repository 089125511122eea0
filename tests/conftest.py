"""Shared fixtures: a migrated database (SQLite always, PostgreSQL when configured),
the app with its lifespan, and an HTTP client."""

from __future__ import annotations

import asyncio
import contextlib
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.engine import make_url

from genesis import migrate
from genesis.config import Settings
from genesis.core.coach.offline import OfflineCoach
from genesis.core.coach.types import Coach
from genesis.web.app import create_app
from tests.servers import RedisServer

pytest_plugins = ["tests.fake_llm"]

POSTGRES_URL = os.environ.get("GENESIS_TEST_POSTGRES_URL", "")
REDIS_URL = os.environ.get("GENESIS_TEST_REDIS_URL", "")


def _pg_dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def create_pg_database() -> str:
    name = f"genesis_test_{uuid.uuid4().hex[:12]}"
    conn = await asyncpg.connect(_pg_dsn(POSTGRES_URL))
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)


async def drop_pg_database(url: str) -> None:
    name = make_url(url).database
    conn = await asyncpg.connect(_pg_dsn(POSTGRES_URL))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param("postgres", marks=pytest.mark.postgres),
    ]
)
async def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A fresh, empty database of each kind (PostgreSQL only with GENESIS_TEST_POSTGRES_URL)."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'genesis.db'}"
        return
    if not POSTGRES_URL:
        pytest.skip("GENESIS_TEST_POSTGRES_URL is not set")
    url = await create_pg_database()
    try:
        yield url
    finally:
        await drop_pg_database(url)


@pytest.fixture
async def database_url(empty_database_url: str) -> str:
    """A fresh database with the schema built by the migrations."""
    await asyncio.to_thread(migrate.upgrade, empty_database_url)
    return empty_database_url


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(
        database_url=database_url,
        data_dir=tmp_path,
        secret_key="test-secret-" + "x" * 40,
        redis_url="",
        _env_file=None,  # type: ignore[call-arg]
    )


@pytest.fixture
def coach() -> Coach:
    """The coach the app runs with: the offline coach, as a person gets it by default."""
    return OfflineCoach()


@contextlib.asynccontextmanager
async def running_app(settings: Settings, coach: Coach | None = None) -> AsyncIterator[FastAPI]:
    """The app with its lifespan (engine, cache, jobs) started, in this event loop."""
    application = create_app(settings, coach=coach)
    async with application.router.lifespan_context(application):
        yield application


@contextlib.asynccontextmanager
async def asgi_client(app: FastAPI, **options: Any) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client that talks to ``app`` in process (it keeps cookies)."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", **options
    ) as client:
        yield client


@pytest.fixture
async def app(settings: Settings, coach: Coach) -> AsyncIterator[FastAPI]:
    async with running_app(settings, coach) as application:
        yield application


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with asgi_client(app) as c:
        yield c


async def signup(
    client: httpx.AsyncClient, email: str = "awa@example.com", password: str = "s3cret-pass"
) -> dict[str, str]:
    """Register and log in; returns the Authorization header."""
    r = await client.post(
        "/api/v1/auth/register", json={"email": email, "password": password, "name": "Awa Diop"}
    )
    assert r.status_code == 201, r.text
    r = await client.post("/api/v1/auth/login", json={"email": email, "password": password})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


@pytest.fixture
async def auth(client: httpx.AsyncClient) -> dict[str, str]:
    return await signup(client)


# Real processes (tests of recovery and of the job queue).


@pytest.fixture
async def pg_url() -> AsyncIterator[str]:
    if not POSTGRES_URL:
        pytest.skip("GENESIS_TEST_POSTGRES_URL is not set")
    url = await create_pg_database()
    await asyncio.to_thread(migrate.upgrade, url)
    try:
        yield url
    finally:
        await drop_pg_database(url)


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()
