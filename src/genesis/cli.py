"""The ``genesis`` command: serve, worker, db, create-user, sessions, export.

A wrong setting or an unreachable database is one or two lines naming the
variable, its value and the fix (exit code 2), never a traceback.
"""

from __future__ import annotations

import asyncio
import getpass
import json
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, TypeVar, cast

import typer
from sqlalchemy.exc import SQLAlchemyError

from genesis import service
from genesis.config import DATABASE_URL_FIX, Settings, SettingsError, get_settings, shown
from genesis.core.errors import GenesisError
from genesis.core.steps import SessionStatusEnum
from genesis.runtime import Runtime, build_runtime
from genesis.store.db import DatabaseUnavailableError, database_problem, ping

if TYPE_CHECKING:
    from genesis.exports import ExportFormat

app = typer.Typer(help="Genesis Coach: business coaching for African entrepreneurs.")
db_app = typer.Typer(help="Database schema (Alembic migrations).")
app.add_typer(db_app, name="db")

T = TypeVar("T")


def main() -> None:
    """The console script: the commands, with operator errors said in a line or two."""
    try:
        app()
    except SettingsError as exc:
        typer.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    except DatabaseUnavailableError as exc:
        typer.echo(f"Error: {exc}", err=True)
        sys.exit(2)


def _database_setting(settings: Settings) -> str:
    if settings.database_url:
        return f"GENESIS_DATABASE_URL={shown('database_url', settings.database_url)}"
    return f"GENESIS_DATA_DIR={shown('data_dir', settings.data_dir)} (SQLite)"


def _unusable(settings: Settings, problem: str, fix: str = "") -> DatabaseUnavailableError:
    fix = fix or (
        "make sure the server runs and the database exists, or correct the URL "
        f"({DATABASE_URL_FIX})"
        if settings.database_url
        else "point GENESIS_DATA_DIR at a folder this user can write"
    )
    return DatabaseUnavailableError(f"{_database_setting(settings)}: {problem}.\nFix: {fix}.")


def _check_database(settings: Settings) -> None:
    """DatabaseUnavailableError (two lines) unless the database answers."""
    try:
        asyncio.run(ping(settings.resolved_database_url))
    except DatabaseUnavailableError as exc:
        raise _unusable(settings, str(exc)) from None


def _with_runtime(use_case: Callable[[Runtime], Awaitable[T]]) -> T:
    """Run one use-case against the configured database; a domain error is a
    one-line message and exit code 1, not a traceback."""
    settings = get_settings()
    _check_database(settings)

    async def run() -> T:
        rt = build_runtime(settings)
        try:
            return await use_case(rt)
        finally:
            await rt.aclose()

    try:
        return asyncio.run(run())
    except GenesisError as exc:
        typer.echo(f"Error: {exc.detail}", err=True)
        raise typer.Exit(1) from None
    except SQLAlchemyError as exc:  # reachable, but not as the code expects
        problem = f"a query failed ({database_problem(exc)})"
        fix = "if the schema is missing or older than this version, run 'genesis db upgrade'"
        raise _unusable(settings, problem, fix) from None


def _upgrade(settings: Settings, revision: str = "head") -> None:
    _check_database(settings)
    # Imported here: Alembic and Mako (~7 MB) stay out of a `serve --no-migrate`
    # process and of every command that does not touch the schema.
    from genesis import migrate

    migrate.upgrade(settings.resolved_database_url, revision)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
    migrate_first: Annotated[
        bool, typer.Option("--migrate/--no-migrate", help="Upgrade the schema first.")
    ] = True,
) -> None:
    """Serve the API (and the web pages) with uvicorn."""
    import uvicorn

    settings = get_settings()
    if migrate_first:
        _upgrade(settings)
    else:
        _check_database(settings)
    uvicorn.run(
        "genesis.web.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=settings.log_level.lower(),
        proxy_headers=True,
    )


@app.command()
def worker(
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
) -> None:
    """Run sub-agent jobs from the Redis queue (needs GENESIS_REDIS_URL; the API
    processes send jobs there when GENESIS_JOBS=taskiq)."""
    from taskiq.cli.worker.args import WorkerArgs
    from taskiq.cli.worker.run import run_worker

    settings = get_settings()
    if not settings.redis_url:
        typer.echo("Error: GENESIS_REDIS_URL must name the Redis server of the queue.", err=True)
        raise typer.Exit(2)
    _check_database(settings)
    args = WorkerArgs.from_cli(
        ["genesis.worker:worker_broker", "--workers", str(workers), "--ack-type", "when_saved"]
    )
    raise typer.Exit(run_worker(args) or 0)


@app.command()
def export(
    session_id: Annotated[str, typer.Argument(help="The session's id.")],
    format: Annotated[
        str,
        typer.Option("--format", "-f", help="json, md, pdf, xlsx (the plan) or site (a zip)."),
    ] = "json",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write; default: stdout.")
    ] = None,
) -> None:
    """Export a session's business brief (as an administrator: any session)."""
    if format not in ("json", "md", "pdf", "xlsx", "site"):
        raise typer.BadParameter("format must be json, md, pdf, xlsx or site")

    async def render(rt: Runtime) -> bytes:
        brief = await service.get_brief_for_export(rt, session_id)
        if format == "json":
            return json.dumps(brief.model_dump(mode="json"), ensure_ascii=False, indent=2).encode()
        return (await rt.export(brief, cast("ExportFormat", format))).body

    data = _with_runtime(render)
    if output is None:
        if format in ("pdf", "xlsx", "site"):
            typer.echo("Error: binary formats need --output FILE.", err=True)
            raise typer.Exit(2)
        sys.stdout.buffer.write(data)
        return
    output.write_bytes(data)
    typer.echo(f"Wrote {output} ({len(data)} bytes).", err=True)


@db_app.command("upgrade")
def db_upgrade(revision: str = "head") -> None:
    """Upgrade the schema to REVISION (default: the latest)."""
    _upgrade(get_settings(), revision)
    typer.echo(f"Database upgraded to {revision}.")


@db_app.command("downgrade")
def db_downgrade(revision: str = typer.Argument(..., help="Target revision, or 'base'.")) -> None:
    """Downgrade the schema to REVISION."""
    settings = get_settings()
    _check_database(settings)
    from genesis import migrate

    migrate.downgrade(settings.resolved_database_url, revision)
    typer.echo(f"Database downgraded to {revision}.")


@db_app.command("check")
def db_check() -> None:
    """Fail if the models have drifted from the migrations."""
    settings = get_settings()
    _check_database(settings)
    from genesis import migrate

    migrate.check(settings.resolved_database_url)
    typer.echo("The models match the migrations.")


@app.command("create-user")
def create_user(
    email: Annotated[str, typer.Option(prompt=True)],
    name: Annotated[str, typer.Option(prompt=True)],
    language: Annotated[str, typer.Option(help="fr or en")] = "fr",
    password: Annotated[
        str | None, typer.Option(help="Omit to be asked without echo.", envvar="GENESIS_PASSWORD")
    ] = None,
) -> None:
    """Create an account (the email and password rules are the API's)."""
    if language not in ("fr", "en"):
        raise typer.BadParameter("language must be 'fr' or 'en'")
    try:
        email = service.normalized_email(email)  # before asking for a password
    except GenesisError as exc:
        typer.echo(f"Error: {exc.detail}", err=True)
        raise typer.Exit(1) from None
    secret = password or getpass.getpass("Password (8 characters or more): ")
    lang: Literal["fr", "en"] = "en" if language == "en" else "fr"

    async def register(rt: Runtime) -> int:
        user = await service.register_user(
            rt, email=email, password=secret, name=name, language=lang
        )
        return user.id

    user_id = _with_runtime(register)
    typer.echo(f"Created user {user_id} <{email}>.")


@app.command()
def sessions(
    status: Annotated[
        list[SessionStatusEnum] | None,
        typer.Option("--status", "-s", help="Repeat for several; default: waiting for agents."),
    ] = None,
) -> None:
    """List sessions by status (e.g. the ones waiting for their sub-agents)."""
    wanted = status or [SessionStatusEnum.COACHING_COMPLETE, SessionStatusEnum.SUB_AGENTS_RUNNING]

    async def listed(rt: Runtime) -> list[tuple[str, str, str, int]]:
        rows = await service.sessions_by_status(rt, wanted)
        return [(s.session_id, s.status.value, s.current_step.value, s.user_id) for s in rows]

    rows = _with_runtime(listed)
    for session_id, st, step, user_id in rows:
        typer.echo(f"{session_id}  {st:<20} {step:<16} user={user_id}")
    if not status:
        statuses = " or ".join(s.value for s in wanted)
        typer.echo(
            f"Listed the sessions waiting for their sub-agents (status {statuses}); "
            "--status STATUS lists others.",
            err=True,
        )
    typer.echo(f"{len(rows)} session(s).", err=True)
