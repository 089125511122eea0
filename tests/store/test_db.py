"""SQLite transactions: reads never hold the write lock, writes take it at BEGIN."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from genesis import migrate
from genesis.store.db import create_engine, create_sessionmaker, create_write_sessionmaker
from genesis.store.models import User


@pytest.fixture
async def sqlite_file(tmp_path: Path) -> Path:
    path = tmp_path / "genesis.db"
    await asyncio.to_thread(migrate.upgrade, f"sqlite+aiosqlite:///{path}")
    return path


@pytest.fixture
async def engine(sqlite_file: Path) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(f"sqlite+aiosqlite:///{sqlite_file}")
    yield engine
    await engine.dispose()


def write_now(path: Path) -> None:
    """Another process's impatient writer: it gives up after 0.2 s of waiting."""
    conn = sqlite3.connect(path, timeout=0.2, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "INSERT INTO users (email, name, hashed_password, preferred_language, "
            "created_at, updated_at) "
            "VALUES ('w@example.com', 'W', 'x', 'fr', '2026-01-01', '2026-01-01')"
        )
        conn.execute("COMMIT")
    finally:
        conn.close()


async def test_a_read_does_not_hold_the_write_lock(engine: AsyncEngine, sqlite_file: Path) -> None:
    async with create_sessionmaker(engine)() as db:
        await db.execute(select(func.count()).select_from(User))  # the read is under way
        await asyncio.to_thread(write_now, sqlite_file)  # raised "database is locked" before
        # The read's snapshot is its own; the next read sees the new row.
    async with create_sessionmaker(engine)() as db:
        assert await db.scalar(select(func.count()).select_from(User)) == 1


async def test_a_write_transaction_takes_the_lock_at_begin(
    engine: AsyncEngine, sqlite_file: Path
) -> None:
    async with create_write_sessionmaker(engine)() as db, db.begin():
        await db.execute(select(func.count()).select_from(User))  # nothing written yet
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            await asyncio.to_thread(write_now, sqlite_file)


async def test_timestamps_are_read_back_in_utc_with_their_zone(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        eastern = timezone(timedelta(hours=3))  # Nairobi
        async with create_write_sessionmaker(engine)() as db, db.begin():
            db.add(
                User(
                    email="a@example.com",
                    name="A",
                    hashed_password="h",
                    created_at=datetime(2026, 12, 1, 12, 0, tzinfo=eastern),
                )
            )
        async with create_sessionmaker(engine)() as db:
            user = (await db.execute(select(User))).scalar_one()
    finally:
        await engine.dispose()
    assert user.created_at == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    assert user.created_at.utcoffset() == timedelta(0)
    assert user.updated_at.tzinfo is not None
