"""Load benchmark: N virtual users coached end to end against 1, 2 or 4 API processes.

Starts P `genesis serve` processes (each with ``--workers``) on different ports,
sharing one PostgreSQL database, a private redis-server and a `genesis worker`
(taskiq) that makes the briefs while the load runs. From this separate process,
N concurrent virtual users go through full coaching runs (register, login,
start, every step, then hand the session to the sub-agents), sending each
request to the next process in turn (round robin), for a bounded time.

It reports per endpoint p50/p95/p99 latency, steps per second, the CPU time each
part used during the run (API processes, the PostgreSQL backends of its
database, Redis, the job worker, this load client) and per step, the API
processes' peak RSS, the requests per second of a trivial endpoint (/healthz)
in the same run, and it counts the rows after the run: every answer the
clients were told was recorded is in the database once, none twice.

    .venv/bin/python bench/load.py --users 50 --seconds 30 --processes 1,2,4

Needs PostgreSQL (URL below, or --postgres) and redis-server on the PATH.
Nothing leaves 127.0.0.1; every loop is bounded in time.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from http_client import Connection, Response  # noqa: E402

from answers import RUNS  # noqa: E402
from servers import (  # noqa: E402
    DEFAULT_PG,
    children,
    cpu_seconds,
    create_database,
    drop_database,
    free_port,
    migrate,
    peak_rss_mb,
    pg_dsn,
    server_env,
    start_redis,
    start_server,
    start_worker,
    stop,
)

PARTS = ("api", "postgres", "redis", "worker", "load_client")


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    steps_done: int = 0
    # Answers each session was told were recorded (2xx), to count the rows against.
    recorded: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    handed_over: int = 0
    # Requests sent again on a new connection (the server had closed the old one).
    retries: int = 0

    def add(self, name: str, seconds: float, ok: bool) -> None:
        self.latencies[name].append(seconds)
        if not ok:
            self.errors[name] += 1


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


class RoundRobin:
    """One keep-alive connection per API process; each request goes to the next."""

    def __init__(self, ports: list[int], start: int, stats: Stats | None = None) -> None:
        self.conns = [Connection("127.0.0.1", p) for p in ports]
        self.turn = start
        self.stats = stats

    def next(self) -> Connection:
        conn = self.conns[self.turn % len(self.conns)]
        self.turn += 1
        return conn

    async def close(self) -> None:
        for conn in self.conns:
            if self.stats is not None:
                self.stats.retries += conn.retries
            await conn.close()


async def timed(
    stats: Stats,
    name: str,
    conn: Connection,
    method: str,
    path: str,
    payload: object = None,
    headers: dict[str, str] | None = None,
) -> Response:
    started = time.perf_counter()
    response = await conn.request(method, path, payload, headers)
    stats.add(name, time.perf_counter() - started, response.ok)
    return response


async def sign_up(ports: list[int], stats: Stats, index: int) -> dict[str, str]:
    email = f"bench-{uuid.uuid4().hex[:10]}@example.com"
    rr = RoundRobin(ports, index)
    account = {"email": email, "password": "bench-password"}
    register = "/api/v1/auth/register"
    await timed(stats, "register", rr.next(), "POST", register, {**account, "name": f"U{index}"})
    r = await timed(stats, "login", rr.next(), "POST", "/api/v1/auth/login", account)
    await rr.close()
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


async def virtual_user(
    ports: list[int],
    stats: Stats,
    deadline: float,
    index: int,
    headers: dict[str, str],
    think: float,
) -> None:
    rr = RoundRobin(ports, index, stats)
    pacing = random.Random(index)
    run = 0
    if think:  # people don't all start typing at the same instant
        await asyncio.sleep(pacing.uniform(0, think))
    try:
        while time.monotonic() < deadline:
            language, answers = RUNS[(index + run) % len(RUNS)]
            run += 1
            start = {"language": language, "new": True}
            r = await timed(
                stats, "start", rr.next(), "POST", "/api/v1/coaching/start", start, headers
            )
            if not r.ok:  # counted as an error; the user tries again a moment later
                await asyncio.sleep(0.1)
                continue
            sid = r.json()["session_id"]
            state: dict[str, Any] = {}
            for step, text in answers.items():
                if time.monotonic() >= deadline:
                    return
                answer = {"session_id": sid, "user_response": text, "step": step}
                path = "/api/v1/coaching/step"
                r = await timed(stats, "step", rr.next(), "POST", path, answer, headers)
                if r.ok:
                    stats.steps_done += 1
                    stats.recorded[sid] += 1
                    state = r.json()
                if think:
                    await asyncio.sleep(pacing.uniform(0.5 * think, 1.5 * think))
            if state.get("status") == "coaching_complete":
                ref = {"session_id": sid}
                path = "/api/v1/coaching/complete"
                r = await timed(stats, "complete", rr.next(), "POST", path, ref, headers)
                stats.handed_over += r.ok
    finally:
        await rr.close()


async def trivial_load(ports: list[int], users: int, seconds: float) -> tuple[int, list[float]]:
    deadline = time.monotonic() + seconds
    latencies: list[float] = []

    async def worker(index: int) -> None:
        rr = RoundRobin(ports, index)
        try:
            while time.monotonic() < deadline:
                started = time.perf_counter()
                r = await rr.next().request("GET", "/healthz")
                if r.ok:
                    latencies.append(time.perf_counter() - started)
        finally:
            await rr.close()

    await asyncio.gather(*(worker(i) for i in range(users)))
    return len(latencies), latencies


class Meter:
    """CPU seconds of each part between start() and stop(). PostgreSQL backends
    come and go with the pools, so the ones serving this database are sampled."""

    def __init__(self, dsn: str, database: str, api: list[int], worker: int, redis: int) -> None:
        self.dsn, self.database = dsn, database
        self.pids = {"api": api, "worker": [worker], "redis": [redis]}
        self.begin: dict[str, float] = {}
        self.backends: dict[int, tuple[float, float]] = {}
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def _tree(self, part: str) -> float:
        return sum(cpu_seconds(p) for root in self.pids[part] for p in children(root))

    def _now(self) -> dict[str, float]:
        found = {part: self._tree(part) for part in ("api", "worker", "redis")}
        found["load_client"] = cpu_seconds(os.getpid())
        return found

    async def _sample(self) -> None:
        conn = await asyncpg.connect(self.dsn)
        try:
            while True:
                rows = await conn.fetch(
                    "SELECT pid FROM pg_stat_activity WHERE datname = $1"
                    " AND pid <> pg_backend_pid()",
                    self.database,
                )
                for row in rows:
                    used = cpu_seconds(row["pid"])
                    first, _ = self.backends.get(row["pid"], (used, used))
                    self.backends[row["pid"]] = (first, used)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stop.wait(), 0.2)
                if self._stop.is_set():
                    return
        finally:
            await conn.close()

    def start(self) -> None:
        self.begin = self._now()
        self._task = asyncio.create_task(self._sample())

    async def stop(self) -> dict[str, float]:
        end = self._now()
        self._stop.set()
        if self._task is not None:
            await self._task
        used = {part: end[part] - self.begin[part] for part in end}
        used["postgres"] = sum(last - first for first, last in self.backends.values())
        return used


async def measure(
    ports: list[int], meter_args: tuple[Any, ...], args: argparse.Namespace
) -> tuple[float, list[float], Stats, float, dict[str, float]]:
    # Warm up (imports, pools, caches), then the baseline, then the coaching load.
    await trivial_load(ports, 10, 2)
    baseline_seconds = min(args.seconds, 15)
    count, trivial_latencies = await trivial_load(ports, args.users, baseline_seconds)
    # Accounts first (Argon2 is slow on purpose), so they don't blur the step figures.
    stats = Stats()
    tokens = await asyncio.gather(*(sign_up(ports, stats, i) for i in range(args.users)))
    meter = Meter(*meter_args)
    meter.start()
    profiler = profile(meter_args[2][0], args) if args.profile else None
    started = time.monotonic()
    deadline = started + args.seconds
    await asyncio.gather(
        *(virtual_user(ports, stats, deadline, i, tokens[i], args.think) for i in range(args.users))
    )
    elapsed = time.monotonic() - started
    used = await meter.stop()
    if profiler is not None:
        await asyncio.to_thread(profiler.wait, 60)
    return count / baseline_seconds, trivial_latencies, stats, elapsed, used


def profile(pid: int, args: argparse.Namespace) -> subprocess.Popen[bytes]:
    """py-spy on the first API process for the coaching load only (collapsed stacks)."""
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    seconds = str(max(1, int(args.seconds) - 1))
    how = ["-d", seconds, "-r", "250", "--format", "raw", "--nonblocking"]
    with args.profile.with_suffix(".log").open("wb") as log:
        return subprocess.Popen(
            [spy, "record", "-p", str(pid), *how, "-o", str(args.profile)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )


async def count_rows(db_url: str, stats: Stats, drain_seconds: float) -> dict[str, Any]:
    """What the database holds against what the clients were told, once the job
    worker has had ``drain_seconds`` to finish the briefs it was given."""
    conn = await asyncpg.connect(pg_dsn(db_url))
    try:
        deadline = time.monotonic() + drain_seconds
        while time.monotonic() < deadline:
            waiting = await conn.fetchval(
                "SELECT count(*) FROM coaching_sessions"
                " WHERE status IN ('coaching_complete', 'sub_agents_running')"
            )
            if not waiting:
                break
            await asyncio.sleep(0.5)
        # The steps' key to their session: session_pk (session_id before migration 0007).
        key = await conn.fetchval(
            "SELECT column_name FROM information_schema.columns WHERE table_name ="
            " 'coaching_steps' AND column_name IN ('session_pk', 'session_id')"
        )
        count = f"SELECT count(*) FROM coaching_steps st WHERE st.{key} = s.id"  # noqa: S608 - a column name from the schema
        said = "jsonb_array_length(s.conversation_history)"
        rows = await conn.fetch(
            f"SELECT s.session_id, {said} AS said, ({count}) AS steps FROM coaching_sessions s"  # noqa: S608 - no value in it
        )
        statuses = await conn.fetch(
            "SELECT status, count(*) AS n FROM coaching_sessions GROUP BY status"
        )
        briefs = await conn.fetchval("SELECT count(*) FROM business_briefs")
    finally:
        await conn.close()
    held = {r["session_id"]: (int(r["steps"]), int(r["said"])) for r in rows}
    lost = sum(max(0, n - held.get(sid, (0, 0))[0]) for sid, n in stats.recorded.items())
    extra = sum(max(0, steps - stats.recorded.get(sid, 0)) for sid, (steps, _) in held.items())
    # Each answer adds the person's message and the coach's to the history.
    history_mismatch = sum(1 for steps, said in held.values() if said != 1 + 2 * steps)
    return {
        "answers_acknowledged": sum(stats.recorded.values()),
        "step_rows": sum(steps for steps, _ in held.values()),
        "lost": lost,
        "duplicated": extra,
        "history_mismatch": history_mismatch,
        "sessions_handed_over": stats.handed_over,
        "briefs": briefs,
        "statuses": {r["status"]: r["n"] for r in statuses},
    }


def run_once(processes: int, args: argparse.Namespace) -> dict[str, Any]:
    db_url = asyncio.run(create_database(args.postgres))
    workdir = Path(tempfile.mkdtemp(prefix="genesis-load-"))
    redis, redis_url = start_redis(workdir)
    # About 10 connections in all, however many processes share them (PostgreSQL's
    # default limit is 100, and the machine's other users need some).
    pool = str(max(5, 10 // (processes * args.workers)))
    env = server_env(db_url, redis_url, GENESIS_JOBS="taskiq", GENESIS_DATABASE_POOL_SIZE=pool)
    servers: list[subprocess.Popen[bytes]] = []
    worker: subprocess.Popen[bytes] | None = None
    try:
        migrate(env)
        ports = [free_port() for _ in range(processes)]
        servers = [start_server(env, port, args.workers) for port in ports]
        worker = start_worker(env)
        meter_args = (
            pg_dsn(args.postgres),
            db_url.rsplit("/", 1)[1],
            [s.pid for s in servers],
            worker.pid,
            redis.pid,
        )
        trivial_rps, trivial_latencies, stats, elapsed, used = asyncio.run(
            measure(ports, meter_args, args)
        )
        rss = max(peak_rss_mb(p) for s in servers for p in children(s.pid))
        rows = asyncio.run(count_rows(db_url, stats, args.drain_seconds))
    finally:
        for proc in [*servers, *([worker] if worker else []), redis]:
            stop(proc)
        asyncio.run(drop_database(args.postgres, db_url))
        shutil.rmtree(workdir, ignore_errors=True)

    steps_per_s = stats.steps_done / elapsed
    steps = max(1, stats.steps_done)
    return {
        "processes": processes,
        "workers_per_process": args.workers,
        "users": args.users,
        "seconds": args.seconds,
        "think_seconds": args.think,
        "trivial_rps": round(trivial_rps, 1),
        "trivial_p99_ms": round(percentile(trivial_latencies, 99) * 1000, 2),
        "steps_per_s": round(steps_per_s, 1),
        "steps_done": stats.steps_done,
        "requests_sent_again": stats.retries,
        "ratio_steps_to_trivial": round(steps_per_s / trivial_rps, 3),
        "server_peak_rss_mb": round(rss, 1),
        "cpu_seconds": {part: round(used[part], 2) for part in PARTS},
        "cpu_ms_per_step": {part: round(used[part] / steps * 1000, 3) for part in PARTS},
        "rows": rows,
        "endpoints": {
            name: {
                "count": len(values),
                "errors": stats.errors.get(name, 0),
                "p50_ms": round(percentile(values, 50) * 1000, 2),
                "p95_ms": round(percentile(values, 95) * 1000, 2),
                "p99_ms": round(percentile(values, 99) * 1000, 2),
                "mean_ms": round(statistics.fmean(values) * 1000, 2),
            }
            for name, values in stats.latencies.items()
        },
    }


def table(runs: list[dict[str, Any]]) -> str:
    head = "| processes | steps/s | " + " | ".join(f"{p} ms/step" for p in PARTS)
    lines = [head + " | step p99 | lost / duplicated |", "|" + "---|" * (len(PARTS) + 4)]
    for run in runs:
        cpu = " | ".join(f"{run['cpu_ms_per_step'][p]:.2f}" for p in PARTS)
        rows = run["rows"]
        lines.append(
            f"| {run['processes']} x {run['workers_per_process']} | {run['steps_per_s']:.0f} | "
            f"{cpu} | {run['endpoints']['step']['p99_ms']:.0f} ms | "
            f"{rows['lost']} / {rows['duplicated']} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument(
        "--postgres", default=os.environ.get("GENESIS_BENCH_POSTGRES_URL", DEFAULT_PG)
    )
    parser.add_argument(
        "--processes", default="1", help="API processes, e.g. 1,2,4: one run per count"
    )
    parser.add_argument("--workers", type=int, default=1, help="uvicorn workers per process")
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="mean seconds a user takes between answers, +-50%% (0: no pause at all)",
    )
    parser.add_argument(
        "--drain-seconds", type=float, default=60.0, help="time the worker gets to finish briefs"
    )
    parser.add_argument(
        "--profile", type=Path, help="py-spy the first API process into this file (raw stacks)"
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()

    machine = {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average_at_start": os.getloadavg(),
    }
    runs = [run_once(int(n), args) for n in args.processes.split(",")]
    results: dict[str, Any] = (
        {"machine": machine, **runs[0]} if len(runs) == 1 else {"machine": machine, "runs": runs}
    )
    print(json.dumps(results, indent=2))
    print(table(runs))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2))
    failed = any(run["rows"]["lost"] or run["rows"]["duplicated"] for run in runs)
    errors = any(e["errors"] for run in runs for e in run["endpoints"].values())
    return 1 if failed or errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
