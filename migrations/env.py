"""Alembic environment: async engine, the models' metadata, batch mode for SQLite."""

from __future__ import annotations

import asyncio
from logging.config import fileConfig

from alembic import context
from sqlalchemy.engine import Connection

from genesis.config import get_settings
from genesis.store.db import create_engine, writing
from genesis.store.models import Base

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logging", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = Base.metadata


def _url() -> str:
    return config.get_main_option("sqlalchemy.url") or get_settings().resolved_database_url


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite can only ALTER tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _check_foreign_keys(connection: Connection) -> None:
    # Foreign keys are off while SQLite tables are rebuilt; nothing may dangle after.
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise RuntimeError(f"the migration left rows whose foreign keys point nowhere: {broken}")


async def _run_online() -> None:
    # On SQLite, with foreign keys off: rebuilding a table drops it, and the drop
    # would otherwise cascade to every row that points at it.
    engine = create_engine(_url(), sqlite_foreign_keys=False)
    async with writing(engine).connect() as connection:
        await connection.run_sync(_configure)
        if connection.dialect.name == "sqlite":
            await connection.run_sync(_check_foreign_keys)
    await engine.dispose()


if context.is_offline_mode():
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(_run_online())
