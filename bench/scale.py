"""Scale benchmark: the same requests with 1,000 and with 1,000,000 sessions.

Seeds a throwaway PostgreSQL database with filler accounts and sessions (COPY,
ten sessions an account, ``--steps`` step rows a session), then, at each size,
starts `genesis serve` (one worker, Redis) and times, one request at a time:
a step (full coaching runs of a new account), the account's sessions list, GET
of one session, and, for sessions with 10 and with ``--long`` (500) answers
behind them, GET session, resuming it (cold cache) and one more step. It
prints the query plans (EXPLAIN ANALYZE) of the service's queries at each size.

    .venv/bin/python bench/scale.py --sizes 1000,1000000

Bounded: it refuses to seed past ``--max-disk-gb`` (estimated from the first
size) and stops seeding after ``--max-seed-seconds`` (the figures then say how
many sessions there really were). The database is dropped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import statistics
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
from sqlalchemy import event

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from http_client import Connection  # noqa: E402

from answers import RUNS  # noqa: E402
from genesis.core.steps import DEFAULT_PLAN, SessionStatusEnum  # noqa: E402
from genesis.store import queries  # noqa: E402
from genesis.store.db import create_engine, create_sessionmaker  # noqa: E402
from servers import (  # noqa: E402
    DEFAULT_PG,
    DEFAULT_REDIS,
    cpu_seconds,
    create_database,
    drop_database,
    free_port,
    migrate,
    pg_dsn,
    server_env,
    start_server,
    stop,
)

SESSIONS_PER_USER = 10
BATCH = 20_000
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
PLAN_JSON = json.dumps([s.value for s in DEFAULT_PLAN])
USER_COLUMNS = (
    "id",
    "email",
    "name",
    "hashed_password",
    "preferred_language",
    "token_generation",
    "created_at",
    "updated_at",
)
SESSION_COLUMNS = (
    "id",
    "user_id",
    "session_id",
    "status",
    "current_step",
    "language",
    "language_fixed",
    "business_name",
    "step_completion",
    "coaching_confidence",
    "retry_count",
    "cultural_context",
    "sector_context",
    "coaching_plan",
    "conversation_history",
    "to_improve",
    "coaching_duration",
    "agents_attempts",
    "last_activity_at",
    "version",
    "created_at",
    "updated_at",
)
STEP_COLUMNS = ("session_pk", *queries.STEP_COLUMNS, "created_at", "updated_at")
# Most filler sessions are finished, as in a service that has run for a while.
STATUSES = [
    (SessionStatusEnum.COMPLETED, 0.55),
    (SessionStatusEnum.BRIEF_READY, 0.15),
    (SessionStatusEnum.IN_PROGRESS, 0.25),
    (SessionStatusEnum.INITIALIZED, 0.05),
]
COACH_TEXT = (
    "Merci. Votre vision est claire et ambitieuse : précisez maintenant pour qui "
    "vous le faites et en quoi votre activité change leur quotidien."
)


# --------------------------------------------------------------------------- seeding


def _history(answers: list[tuple[str, str]], at: datetime) -> str:
    entries: list[dict[str, Any]] = [
        {
            "role": "coach",
            "message": COACH_TEXT,
            "step": DEFAULT_PLAN[0].value,
            "at": at.isoformat(),
        }
    ]
    for step, text in answers:
        entries.append({"role": "user", "message": text, "step": step, "at": at.isoformat()})
        entries.append({"role": "coach", "message": COACH_TEXT, "step": step, "at": at.isoformat()})
    return json.dumps(entries)


def _filler(
    first_session: int, first_user: int, count: int, steps: int, rng: random.Random
) -> Iterator[tuple[tuple[Any, ...], list[tuple[Any, ...]]]]:
    """(session row, its step rows) for ``count`` sessions from the id ``first_session``,
    ten an account from the account id ``first_user``."""
    _, answers = RUNS[0]
    texts = list(answers.items())
    statuses = [s for s, _ in STATUSES]
    weights = [w for _, w in STATUSES]
    histories = {n: _history(texts[:n], EPOCH) for n in range(steps + 1)}
    for k in range(count):
        pk = first_session + k
        at = EPOCH + timedelta(seconds=pk)
        status = rng.choices(statuses, weights)[0]
        done = steps if status is not SessionStatusEnum.INITIALIZED else 0
        completion = {s.value: i < done for i, s in enumerate(DEFAULT_PLAN)}
        session = _session_row(
            pk,
            first_user + k // SESSIONS_PER_USER,
            str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            status.value,
            DEFAULT_PLAN[min(done, len(DEFAULT_PLAN) - 1)].value,
            completion,
            histories[done],
            done + 1,
            at,
        )
        rows = [_step_row(pk, texts[i][0], texts[i][1], True, at) for i in range(done)]
        yield session, rows


def _session_row(
    pk: int,
    user_id: int,
    session_id: str,
    status: str,
    step: str,
    completion: dict[str, bool],
    history: str,
    version: int,
    at: datetime,
) -> tuple[Any, ...]:
    """A coaching_sessions row in SESSION_COLUMNS order."""
    return (
        *(pk, user_id, session_id, status, step, "fr", True, None, json.dumps(completion), 0.8),
        *(0, '{"country_code": "SN"}', '{"sector": "restaurant"}', PLAN_JSON, history, "[]"),
        *(60, 0, at, version, at, at),
    )


def _step_row(pk: int, step: str, text: str, accepted: bool, at: datetime) -> tuple[Any, ...]:
    """A coaching_steps row in STEP_COLUMNS order."""
    order = [s.value for s in DEFAULT_PLAN].index(step) + 1
    return (
        *(pk, step, order, text, COACH_TEXT, '["Un exemple"]', '{"met": [], "missing": []}'),
        *(accepted, 0.8 if accepted else 0.3, 30, at, at),
    )


async def _set_sequences(conn: asyncpg.Connection, *tables: str) -> None:
    for table in tables:
        await conn.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"  # noqa: S608 - our table names
            f" (SELECT coalesce(max(id), 1) FROM {table}))"
        )


async def seed(
    conn: asyncpg.Connection, count: int, steps: int, deadline: float, bound_mb: float
) -> int:
    """Add ``count`` filler sessions (and their accounts, ten sessions each); returns
    how many were added before the deadline. Refuses at once when the first batch
    shows that the whole would pass ``bound_mb``."""
    base_session = await conn.fetchval("SELECT coalesce(max(id), 0) FROM coaching_sessions")
    rng = random.Random(base_session)  # a new stream of session ids each time
    base_user = await conn.fetchval("SELECT coalesce(max(id), 0) FROM users")
    added = 0
    while added < count and time.monotonic() < deadline:
        n = min(BATCH, count - added)  # BATCH is a multiple of SESSIONS_PER_USER
        first_user = base_user + 1 + added // SESSIONS_PER_USER
        sessions, step_rows = [], []
        for session, rows in _filler(base_session + 1 + added, first_user, n, steps, rng):
            sessions.append(session)
            step_rows.extend(rows)
        users = [
            (uid, f"filler-{uid}@example.com", f"Filler {uid}", "x", "fr", 0, EPOCH, EPOCH)
            for uid in range(first_user, base_user + 1 + (added + n - 1) // SESSIONS_PER_USER + 1)
        ]
        before = await database_mb(conn) if not added else 0.0
        await conn.copy_records_to_table("users", records=users, columns=USER_COLUMNS)
        await conn.copy_records_to_table(
            "coaching_sessions", records=sessions, columns=SESSION_COLUMNS
        )
        await conn.copy_records_to_table("coaching_steps", records=step_rows, columns=STEP_COLUMNS)
        added += n
        size = await database_mb(conn)
        if added == n and count > n:
            projected = size + (size - before) / n * (count - n) * 1.3  # + the indexes' growth
            if projected > bound_mb:
                raise SystemExit(f"{count} sessions would take about {projected:.0f} MB: too much")
    await _set_sequences(conn, "users", "coaching_sessions", "coaching_steps")
    await conn.execute("ANALYZE")
    return added


async def long_sessions(
    conn: asyncpg.Connection, user_id: int, answers: int, copies: int
) -> list[str]:
    """``copies`` in-progress sessions of ``user_id`` with ``answers`` answers behind
    them: the first four steps accepted at the end, every earlier answer refused
    or revised (as a long, hesitant coaching would leave them)."""
    plan = [s.value for s in DEFAULT_PLAN]
    _, texts = RUNS[0]
    now = datetime.now(UTC)
    base = await conn.fetchval("SELECT coalesce(max(id), 0) FROM coaching_sessions")
    sessions, step_rows, ids = [], [], []
    for c in range(copies):
        pk = base + c + 1
        sid = str(uuid.uuid4())
        ids.append(sid)
        history: list[dict[str, Any]] = [
            {"role": "coach", "message": COACH_TEXT, "step": plan[0], "at": now.isoformat()}
        ]
        for i in range(answers):
            step = plan[i % 4] if i < answers - 4 else plan[i - (answers - 4)]
            accepted = i >= answers - 4
            history.append(
                {"role": "user", "message": texts[step], "step": step, "at": now.isoformat()}
            )
            history.append(
                {"role": "coach", "message": COACH_TEXT, "step": step, "at": now.isoformat()}
            )
            step_rows.append(_step_row(pk, step, texts[step], accepted, now))
        completion = {s: s in plan[:4] for s in plan}
        sessions.append(
            _session_row(
                pk,
                *(user_id, sid, "in_progress", plan[4], completion, json.dumps(history)),
                *(answers + 1, now),
            )
        )
    await conn.copy_records_to_table("coaching_sessions", records=sessions, columns=SESSION_COLUMNS)
    await conn.copy_records_to_table("coaching_steps", records=step_rows, columns=STEP_COLUMNS)
    await _set_sequences(conn, "coaching_sessions", "coaching_steps")
    return ids


async def database_mb(conn: asyncpg.Connection) -> float:
    size = await conn.fetchval("SELECT pg_database_size(current_database())")
    return float(size) / 2**20


# ------------------------------------------------------------------------- measuring


def summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "n": len(ordered),
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p90_ms": round(ordered[int(0.9 * (len(ordered) - 1))] * 1000, 2),
        "mean_ms": round(statistics.fmean(ordered) * 1000, 2),
    }


class Client:
    """One account's keep-alive connection; every request timed and checked, and
    the server's CPU time per request counted by name (robust on a busy machine)."""

    def __init__(self, port: int, server_pid: int) -> None:
        self.conn = Connection("127.0.0.1", port)
        self.headers: dict[str, str] = {}
        self.pid = server_pid
        self.cpu: dict[str, list[float]] = {}

    async def call(
        self, method: str, path: str, payload: object = None, name: str = ""
    ) -> tuple[Any, float]:
        cpu = cpu_seconds(self.pid)
        started = time.perf_counter()
        r = await self.conn.request(method, path, payload, self.headers)
        elapsed = time.perf_counter() - started
        if name:
            self.cpu.setdefault(name, []).append(cpu_seconds(self.pid) - cpu)
        if not r.ok:
            raise RuntimeError(f"{method} {path}: HTTP {r.status} {r.body[:200]!r}")
        return (r.json() if r.body else None), elapsed

    def cpu_ms(self, name: str) -> float:
        spent = self.cpu.get(name, [])
        return round(sum(spent) / len(spent) * 1000, 2) if spent else float("nan")

    async def sign_up(self) -> int:
        account = {
            "email": f"scale-{uuid.uuid4().hex[:10]}@example.com",
            "password": "scale-bench-password",
        }
        await self.call("POST", "/api/v1/auth/register", {**account, "name": "Scale"})
        token, _ = await self.call("POST", "/api/v1/auth/login", account)
        self.headers = {"Authorization": f"Bearer {token['access_token']}"}
        me, _ = await self.call("GET", "/api/v1/auth/me")
        return int(me["id"])


async def measure(
    port: int, server_pid: int, db_url: str, args: argparse.Namespace
) -> dict[str, Any]:
    client = Client(port, server_pid)
    user_id = await client.sign_up()
    timings: dict[str, list[float]] = {"step": [], "list": [], "get": []}
    finished = ""
    for run in range(-1, args.runs):  # run -1 warms the server up, untimed
        language, answers = RUNS[run % len(RUNS)]
        state, _ = await client.call(
            "POST", "/api/v1/coaching/start", {"language": language, "new": True}
        )
        sid = state["session_id"]
        for step, text in answers.items():
            payload = {"session_id": sid, "user_response": text, "step": step}
            _, took = await client.call(
                "POST", "/api/v1/coaching/step", payload, "step" if run >= 0 else ""
            )
            if run >= 0:
                timings["step"].append(took)
        finished = sid
    for _ in range(args.repeat):
        timings["list"].append(
            (await client.call("GET", "/api/v1/coaching/sessions", name="list"))[1]
        )
        timings["get"].append(
            (await client.call("GET", f"/api/v1/coaching/session/{finished}", name="get"))[1]
        )

    history: dict[str, dict[str, dict[str, float]]] = {}
    conn = await asyncpg.connect(pg_dsn(db_url))
    try:
        for answers_behind in (args.short, args.long):
            ids = await long_sessions(conn, user_id, answers_behind, args.copies)
            got, resumed, stepped = [], [], []
            for sid in ids:
                n = str(answers_behind)
                path = f"/api/v1/coaching/session/{sid}"
                got.append((await client.call("GET", path, name=f"get{n}"))[1])
                payload: dict[str, str] = {"session_id": sid}
                start = "/api/v1/coaching/start"
                resumed.append((await client.call("POST", start, payload, f"resume{n}"))[1])
                payload["user_response"] = RUNS[0][1]["offre"]
                step = "/api/v1/coaching/step"
                stepped.append((await client.call("POST", step, payload, f"step{n}"))[1])
            history[n] = {
                "get_session": summary(got) | {"server_cpu_ms": client.cpu_ms(f"get{n}")},
                "resume_cold": summary(resumed) | {"server_cpu_ms": client.cpu_ms(f"resume{n}")},
                "step": summary(stepped) | {"server_cpu_ms": client.cpu_ms(f"step{n}")},
            }
    finally:
        await conn.close()
    await client.conn.close()
    plans = await explain(db_url, user_id, finished)
    return {
        "step": summary(timings["step"]) | {"server_cpu_ms": client.cpu_ms("step")},
        "sessions_list": summary(timings["list"]) | {"server_cpu_ms": client.cpu_ms("list")},
        "get_session": summary(timings["get"]) | {"server_cpu_ms": client.cpu_ms("get")},
        "answers_behind": history,
        "plans": plans,
    }


async def explain(db_url: str, user_id: int, session_id: str) -> dict[str, str]:
    """EXPLAIN ANALYZE of the statements the service's queries really send."""
    engine = create_engine(db_url)
    sent: list[tuple[str, Any]] = []

    def grab(_c: Any, _cur: Any, statement: str, parameters: Any, _ctx: Any, _many: bool) -> None:
        if not statement.startswith("EXPLAIN"):
            sent.append((statement, parameters))

    event.listen(engine.sync_engine, "before_cursor_execute", grab)
    plans: dict[str, str] = {}
    try:
        async with create_sessionmaker(engine)() as db:
            s = await queries.session_of_user(db, user_id, session_id, for_update=True)
            assert s is not None
            named = {
                "session_of_user": lambda: queries.session_of_user(db, user_id, session_id),
                "session_version": lambda: queries.session_version(db, user_id, session_id),
                "sessions_of_user": lambda: queries.sessions_of_user(db, user_id),
                "active_session_of_user": lambda: queries.active_session_of_user(
                    db, user_id, [SessionStatusEnum.INITIALIZED, SessionStatusEnum.IN_PROGRESS]
                ),
                "steps_of_session": lambda: queries.steps_of_session(db, s.id),
                "session_page (GET of a session)": lambda: queries.session_page(
                    db, user_id, session_id, limit=50, before=None
                ),
                "accepted_answers": lambda: queries.accepted_answers(db, s.id),
                "last_examples": lambda: queries.last_examples(db, s.id),
                "brief_exists": lambda: queries.brief_exists(db, s.id),
                "sessions_by_status (recovery)": lambda: queries.sessions_by_status(
                    db, [SessionStatusEnum.SUB_AGENTS_RUNNING]
                ),
            }
            for name, run in named.items():
                sent.clear()
                await run()
                for i, (statement, parameters) in enumerate(sent):
                    result = await db.connection()
                    rows = await result.exec_driver_sql(
                        "EXPLAIN (ANALYZE, COSTS OFF, TIMING ON) " + statement, parameters
                    )
                    plans[name if len(sent) == 1 else f"{name}, {i + 1}"] = "\n".join(
                        r[0] for r in rows
                    )
            await db.rollback()
    finally:
        await engine.dispose()
    return plans


# ------------------------------------------------------------------------------ main


async def prepare(args: argparse.Namespace) -> str:
    db_url = await create_database(args.postgres, "genesis_scale")
    migrate(server_env(db_url, args.redis))
    return db_url


async def grow(db_url: str, have: int, want: int, args: argparse.Namespace) -> tuple[int, float]:
    conn = await asyncpg.connect(pg_dsn(db_url))
    try:
        started = time.monotonic()
        deadline = started + args.max_seed_seconds
        free_gb = shutil.disk_usage("/").free / 2**30
        bound_mb = min(args.max_disk_gb, free_gb / 2) * 1024
        added = await seed(conn, want - have, args.steps, deadline, bound_mb)
        return have + added, time.monotonic() - started
    finally:
        await conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,1000000", help="filler sessions, ascending")
    parser.add_argument("--steps", type=int, default=3, help="step rows per filler session")
    parser.add_argument("--runs", type=int, default=8, help="full coaching runs timed per size")
    parser.add_argument("--repeat", type=int, default=100, help="GETs timed per size")
    parser.add_argument("--short", type=int, default=10)
    parser.add_argument("--long", type=int, default=500)
    parser.add_argument("--copies", type=int, default=20, help="sessions of each history length")
    parser.add_argument("--max-seed-seconds", type=float, default=900.0)
    parser.add_argument("--max-disk-gb", type=float, default=8.0)
    parser.add_argument(
        "--postgres", default=os.environ.get("GENESIS_BENCH_POSTGRES_URL", DEFAULT_PG)
    )
    parser.add_argument("--redis", default=os.environ.get("GENESIS_BENCH_REDIS_URL", DEFAULT_REDIS))
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    db_url = asyncio.run(prepare(args))
    results: dict[str, Any] = {"sizes": {}, "cpus": os.cpu_count()}
    have = 0
    try:
        for size in sizes:
            have, seconds = asyncio.run(grow(db_url, have, size, args))
            port = free_port()
            server = start_server(server_env(db_url, args.redis), port)
            try:
                figures = asyncio.run(measure(port, server.pid, db_url, args))
            finally:
                stop(server)
            figures["sessions"] = have
            figures["seed_seconds"] = round(seconds, 1)
            figures["database_mb"] = round(asyncio.run(_size(db_url)), 1)
            results["sizes"][str(size)] = figures
            plans = figures.pop("plans")
            print(f"\n=== {have} sessions (seeded in {seconds:.1f} s) ===")
            for name, plan in plans.items():
                print(f"\n-- {name}\n{plan}")
            figures["plans"] = plans
            print(json.dumps({k: v for k, v in figures.items() if k != "plans"}, indent=2))
    finally:
        asyncio.run(drop_database(args.postgres, db_url))
    if len(sizes) > 1:
        results["ratio_largest_to_smallest_p50"] = _ratios(results["sizes"])
    print(json.dumps({k: v for k, v in results.items() if k != "sizes"}, indent=2))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2))
    return 0


async def _size(db_url: str) -> float:
    conn = await asyncpg.connect(pg_dsn(db_url))
    try:
        return await database_mb(conn)
    finally:
        await conn.close()


def _ratios(sizes: dict[str, dict[str, Any]]) -> dict[str, float]:
    first, last = sizes[min(sizes, key=int)], sizes[max(sizes, key=int)]
    return {
        name: round(last[name]["p50_ms"] / first[name]["p50_ms"], 2)
        for name in ("step", "sessions_list", "get_session")
    }


if __name__ == "__main__":
    raise SystemExit(main())
