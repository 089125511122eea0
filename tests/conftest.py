"""Shared fixtures: a migrated database (SQLite always, PostgreSQL when configured),
the app with its lifespan, and an HTTP client.

The migrations run once per test run, into a template database of each kind;
each test gets a copy of it (SQLite: the file copied; PostgreSQL: ``CREATE
DATABASE ... TEMPLATE``), so a test never sees another's rows and never waits
for the migrations again. The migration tests start from an empty database.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

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

T = TypeVar("T")
# Every database test runs on both (PostgreSQL only with GENESIS_TEST_POSTGRES_URL).
DATABASE_KINDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
POSTGRES_URL = os.environ.get("GENESIS_TEST_POSTGRES_URL", "")
REDIS_URL = os.environ.get("GENESIS_TEST_REDIS_URL", "")


def _pg_dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def create_pg_database(template: str | None = None) -> str:
    """A new database (a copy of ``template``, a database's name, when given)."""
    name = f"genesis_test_{uuid.uuid4().hex[:12]}"
    copy_of = f' TEMPLATE "{template}"' if template else ""
    conn = await asyncpg.connect(_pg_dsn(POSTGRES_URL))
    try:
        await conn.execute(f'CREATE DATABASE "{name}"{copy_of}')
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


@pytest.fixture(params=DATABASE_KINDS)
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


SQLITE_FILE = "genesis.db"


def off_loop(fn: Callable[[], T]) -> T:
    """``fn()`` in a thread of its own: a session fixture may first be asked for from
    inside a test's event loop, where the migrations' asyncio.run() cannot run."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn).result()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated once for the whole run (no test writes to it)."""
    path = tmp_path_factory.mktemp("template") / SQLITE_FILE
    off_loop(lambda: migrate.upgrade(f"sqlite+aiosqlite:///{path}"))
    return path


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """The name of a PostgreSQL database migrated once for the whole run."""
    if not POSTGRES_URL:
        pytest.skip("GENESIS_TEST_POSTGRES_URL is not set")
    url = off_loop(lambda: asyncio.run(create_pg_database()))
    off_loop(lambda: migrate.upgrade(url))  # its engine is disposed: nobody stays connected
    try:
        yield str(make_url(url).database)
    finally:
        off_loop(lambda: asyncio.run(drop_pg_database(url)))


def copy_sqlite(template: Path, folder: Path) -> str:
    """The template's file (and its write-ahead log, if one is left) in ``folder``."""
    for suffix in ("", "-wal"):
        source = template.with_name(template.name + suffix)
        if source.exists():
            shutil.copyfile(source, folder / (SQLITE_FILE + suffix))
    return f"sqlite+aiosqlite:///{folder / SQLITE_FILE}"


@pytest.fixture(params=DATABASE_KINDS)
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A fresh database with the schema built by the migrations: a copy of the template."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        yield await asyncio.to_thread(copy_sqlite, template, tmp_path)
        return
    url = await create_pg_database(template=request.getfixturevalue("pg_template"))
    try:
        yield url
    finally:
        await drop_pg_database(url)


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
async def pg_url(pg_template: str) -> AsyncIterator[str]:
    url = await create_pg_database(template=pg_template)
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
