"""A write transaction on a fresh database of each kind, for the store's tests."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from genesis.store.db import create_engine, create_write_sessionmaker


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[AsyncSession]:
    engine = create_engine(database_url)
    try:
        async with create_write_sessionmaker(engine)() as session, session.begin():
            yield session
    finally:
        await engine.dispose()
