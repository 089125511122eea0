"""The engine and the session factories; created in the app's lifespan.

Reads and writes get different sessions. On SQLite a write transaction takes
the write lock at BEGIN (``BEGIN IMMEDIATE``): one that read first and wrote
later would otherwise fail with "database is locked" when another writer went
first. A read starts a plain ``BEGIN``: in WAL mode it sees a snapshot and never
blocks a writer, so polling pages and progress streams cannot starve answers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Final

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy import Enum, TypeDecorator, event, text
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.sql.selectable import ExecutableReturnsRows

# Set on the engine of write sessions; read by the SQLite ``begin`` hook.
WRITE_OPTION: Final = "genesis_write"


def create_engine(
    url: str, *, sqlite_foreign_keys: bool = True, pool_size: int = 10, **kwargs: Any
) -> AsyncEngine:
    """The engine for ``url``. ``sqlite_foreign_keys=False`` is for the migrations
    only: rebuilding a table on SQLite drops it, which would cascade. ``pool_size``:
    the PostgreSQL connections kept open (no more are opened)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, connect_args={"timeout": 30}, **kwargs)
        pragmas = partial(_sqlite_pragmas, foreign_keys=sqlite_foreign_keys)
        event.listen(engine.sync_engine, "connect", pragmas)
        event.listen(engine.sync_engine, "begin", _sqlite_begin)
        return engine
    # No pre-ping: it costs a round trip per request; a connection dropped by a
    # database restart fails one request and the pool replaces it.
    kwargs.setdefault("pool_recycle", 1800)
    # A fixed pool: connections opened for a burst and closed after it cost both
    # sides more than the requests they serve; a request waits for one instead.
    kwargs["pool_size"] = pool_size
    kwargs.setdefault("max_overflow", 0)
    return create_async_engine(url, **kwargs)


def writing(engine: AsyncEngine) -> AsyncEngine:
    """The same engine and pool, for write transactions."""
    return engine.execution_options(**{WRITE_OPTION: True})


def _sqlite_begin(conn: Any) -> None:
    if conn.get_execution_options().get(WRITE_OPTION):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any, *, foreign_keys: bool) -> None:
    # pysqlite's own transaction handling is off so that BEGIN is ours.
    dbapi_connection.isolation_level = None
    # Foreign keys make deletes cascade; WAL lets readers run beside one writer.
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions for reads (a plain BEGIN on SQLite)."""
    return async_sessionmaker(engine, expire_on_commit=False)


def create_write_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions for write transactions (BEGIN IMMEDIATE on SQLite)."""
    return async_sessionmaker(writing(engine), expire_on_commit=False)


class DatabaseUnavailableError(Exception):
    """The configured database cannot be used; the message is for an operator."""


def database_problem(exc: BaseException) -> str:
    """What went wrong reaching a database, in one line (the driver's own words)."""
    original = getattr(exc, "orig", None)
    cause = original if isinstance(original, BaseException) else exc
    return f"{type(cause).__name__}: {str(cause).strip() or 'no details'}"


async def ping(url: str) -> None:
    """Connect to ``url`` and run a trivial query; DatabaseUnavailableError with
    the reason when that fails (an unreachable server, a malformed URL...)."""
    try:
        engine = create_engine(url)
    except (ArgumentError, ValueError) as exc:
        raise DatabaseUnavailableError(f"it is not a usable URL ({exc})") from None
    except OSError as exc:  # SQLite's folder cannot be made
        raise DatabaseUnavailableError(f"it cannot be opened ({database_problem(exc)})") from None
    try:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
    except (OSError, SQLAlchemyError, ValueError) as exc:
        raise DatabaseUnavailableError(
            f"the database cannot be used ({database_problem(exc)})"
        ) from None
    finally:
        await engine.dispose()


# ------------------------------------------------------- statements run on asyncpg itself


def on_driver(db: AsyncSession | AsyncConnection) -> AsyncConnection | None:
    """``db`` when a statement may run straight on its asyncpg connection: a
    PostgreSQL connection outside any transaction (``Runtime.glance``), where
    each statement commits by itself. Inside a transaction SQLAlchemy begins it
    on the driver lazily, so a statement sent past it could run outside it."""
    if not isinstance(db, AsyncConnection) or db.dialect.name != "postgresql":
        return None
    options = db.sync_connection.get_execution_options() if db.sync_connection else {}
    return db if options.get("isolation_level") == "AUTOCOMMIT" else None


Processor = Callable[[Any], Any] | None


@dataclass(frozen=True, slots=True)
class DriverStatement:
    """A Core statement compiled once for PostgreSQL and run by asyncpg itself.

    A step's two statements skip SQLAlchemy's per-execution work (parameters and
    rows through its adapter), while the SQL is still built in one place from the
    same tables. The parameters go through the
    column types' own bind processors (enums to their names, JSON to text for the
    codec SQLAlchemy installs on every connection); of the results, enums and
    decorated types go through theirs (asyncpg's codecs already give every other
    value as SQLAlchemy would)."""

    sql: str
    # Each $n: its bind's name, whether the caller gives it (else the constant), processor.
    params: tuple[tuple[str, bool, Any, Processor], ...]
    results: tuple[Processor, ...]

    @classmethod
    def of(cls, stmt: ExecutableReturnsRows, dialect: Dialect) -> DriverStatement:
        compiled = stmt.compile(dialect=dialect)
        if compiled.positiontup is None:  # pragma: no cover (asyncpg is positional)
            raise ValueError("the dialect does not number its parameters as asyncpg does")
        params = []
        for name in compiled.positiontup:
            bind = compiled.binds[name]
            process = bind.type.dialect_impl(dialect).bind_processor(dialect)
            params.append((name, bind.required, bind.value, process))
        results: list[Processor] = []
        for column in stmt.exported_columns:
            kind = column.type
            needs = isinstance(kind, Enum | TypeDecorator)
            results.append(
                kind.dialect_impl(dialect).result_processor(dialect, None) if needs else None
            )
        return cls(str(compiled), tuple(params), tuple(results))

    async def fetchrow(self, conn: AsyncConnection, values: Mapping[str, Any]) -> list[Any] | None:
        """The first row (processed) of the statement run with ``values``, or None."""
        driver = (await conn.get_raw_connection()).driver_connection
        assert driver is not None, "a pooled connection has its driver connection"
        args = []
        for name, given, constant, process in self.params:
            value = values[name] if given else constant
            args.append(value if process is None else process(value))
        try:
            row = await driver.fetchrow(self.sql, *args)
        except BaseException as exc:
            # Dropped, timed out or cancelled mid-statement (not just refused by the
            # server): SQLAlchemy never saw it, so the connection is closed here
            # rather than pooled again.
            if driver.is_closed() or not isinstance(exc, asyncpg.PostgresError):
                await conn.invalidate()
            raise
        if row is None:
            return None
        return [
            value if process is None else process(value)
            for process, value in zip(self.results, row, strict=False)
        ]
