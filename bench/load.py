"""Load benchmark: N virtual users coached end to end against one server process.

Starts `genesis serve` (one worker) on PostgreSQL + Redis on loopback, then, from
this separate process, drives N concurrent virtual users through full coaching
runs (register, login, start, every step) for a bounded time. It reports per
endpoint p50/p95/p99 latency, steps per second, the server's peak RSS, and, in
the same run against the same server, the requests per second of a trivial
endpoint (/healthz) as a baseline.

    .venv/bin/python bench/load.py --users 50 --seconds 30

Needs PostgreSQL and Redis (URLs below, or --postgres/--redis). Nothing leaves
127.0.0.1; every loop is bounded in time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
import httpx
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from http_client import Connection, Response  # noqa: E402

from answers import RUNS  # noqa: E402

DEFAULT_PG = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
DEFAULT_REDIS = "redis://127.0.0.1:6379/14"


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    steps_done: int = 0

    def add(self, name: str, seconds: float, ok: bool) -> None:
        self.latencies[name].append(seconds)
        if not ok:
            self.errors[name] += 1


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


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


async def sign_up(port: int, stats: Stats, index: int) -> dict[str, str]:
    email = f"bench-{uuid.uuid4().hex[:10]}@example.com"
    conn = Connection("127.0.0.1", port)
    account = {"email": email, "password": "bench-password"}
    await timed(
        stats,
        "register",
        conn,
        "POST",
        "/api/v1/auth/register",
        {**account, "name": f"User {index}"},
    )
    r = await timed(stats, "login", conn, "POST", "/api/v1/auth/login", account)
    await conn.close()
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


async def virtual_user(
    port: int, stats: Stats, deadline: float, index: int, headers: dict[str, str], think: float
) -> None:
    conn = Connection("127.0.0.1", port)
    pacing = random.Random(index)
    run = 0
    if think:  # people don't all start typing at the same instant
        await asyncio.sleep(pacing.uniform(0, think))
    try:
        while time.monotonic() < deadline:
            language, answers = RUNS[(index + run) % len(RUNS)]
            run += 1
            r = await timed(
                stats,
                "start",
                conn,
                "POST",
                "/api/v1/coaching/start",
                {"language": language, "new": True},
                headers,
            )
            sid = r.json()["session_id"]
            for step, text in answers.items():
                if time.monotonic() >= deadline:
                    return
                r = await timed(
                    stats,
                    "step",
                    conn,
                    "POST",
                    "/api/v1/coaching/step",
                    {"session_id": sid, "user_response": text, "step": step},
                    headers,
                )
                if r.ok:
                    stats.steps_done += 1
                if think:
                    await asyncio.sleep(pacing.uniform(0.5 * think, 1.5 * think))
    finally:
        await conn.close()


async def trivial_load(port: int, users: int, seconds: float) -> tuple[int, list[float]]:
    deadline = time.monotonic() + seconds
    latencies: list[float] = []

    async def worker() -> None:
        conn = Connection("127.0.0.1", port)
        try:
            while time.monotonic() < deadline:
                started = time.perf_counter()
                r = await conn.request("GET", "/healthz")
                if r.ok:
                    latencies.append(time.perf_counter() - started)
        finally:
            await conn.close()

    await asyncio.gather(*(worker() for _ in range(users)))
    return len(latencies), latencies


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def create_database(url: str) -> str:
    name = f"genesis_bench_{uuid.uuid4().hex[:8]}"
    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    conn = await asyncpg.connect(dsn)
    await conn.execute(f'CREATE DATABASE "{name}"')
    await conn.close()
    return make_url(url).set(database=name).render_as_string(hide_password=False)


async def drop_database(admin_url: str, url: str) -> None:
    dsn = make_url(admin_url).set(drivername="postgresql").render_as_string(hide_password=False)
    conn = await asyncpg.connect(dsn)
    await conn.execute(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')
    await conn.close()


def wait_ready(base: str, proc: subprocess.Popen[bytes]) -> None:
    for _ in range(200):
        if proc.poll() is not None:
            raise RuntimeError("the server exited at start")
        try:
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError("the server did not start")


async def measure(port: int, args: argparse.Namespace) -> tuple[float, list[float], Stats, float]:
    # Warm up (imports, pools, caches), then the baseline, then the coaching load.
    await trivial_load(port, 10, 2)
    baseline_seconds = min(args.seconds, 15)
    count, trivial_latencies = await trivial_load(port, args.users, baseline_seconds)
    # Accounts first (Argon2 is slow on purpose), so they don't blur the step figures.
    stats = Stats()
    tokens = await asyncio.gather(*(sign_up(port, stats, i) for i in range(args.users)))
    started = time.monotonic()
    deadline = started + args.seconds
    await asyncio.gather(
        *(virtual_user(port, stats, deadline, i, tokens[i], args.think) for i in range(args.users))
    )
    return count / baseline_seconds, trivial_latencies, stats, time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument(
        "--postgres", default=os.environ.get("GENESIS_BENCH_POSTGRES_URL", DEFAULT_PG)
    )
    parser.add_argument("--redis", default=os.environ.get("GENESIS_BENCH_REDIS_URL", DEFAULT_REDIS))
    parser.add_argument("--port", type=int, default=0, help="0: any free port")
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="mean seconds a user takes between answers, +-50%% (0: no pause at all)",
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()

    db_url = asyncio.run(create_database(args.postgres))
    env = {
        **os.environ,
        "GENESIS_DATABASE_URL": db_url,
        "GENESIS_REDIS_URL": args.redis,
        "GENESIS_SECRET_KEY": "bench-" + "s" * 40,
        "GENESIS_LOG_LEVEL": "WARNING",
        # The bench users share one client address: don't throttle their logins
        # or sign-ups.
        "GENESIS_LOGIN_MAX_FAILURES": "1000000",
        "GENESIS_REGISTRATIONS_PER_HOUR": "1000000",
    }
    genesis = str(Path(sys.executable).parent / "genesis")
    subprocess.run([genesis, "db", "upgrade"], env=env, check=True, capture_output=True)
    port = args.port or free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [genesis, "serve", "--host", "127.0.0.1", "--port", str(port), "--no-migrate"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_ready(base, server)
        trivial_rps, trivial_latencies, stats, elapsed = asyncio.run(measure(port, args))
        rss = peak_rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
        asyncio.run(drop_database(args.postgres, db_url))

    steps_per_s = stats.steps_done / elapsed
    results = {
        "machine": {
            "platform": platform.platform(),
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
        },
        "users": args.users,
        "seconds": args.seconds,
        "think_seconds": args.think,
        "trivial_rps": round(trivial_rps, 1),
        "trivial_p99_ms": round(percentile(trivial_latencies, 99) * 1000, 2),
        "steps_per_s": round(steps_per_s, 1),
        "steps_done": stats.steps_done,
        "ratio_steps_to_trivial": round(steps_per_s / trivial_rps, 3),
        "server_peak_rss_mb": round(rss, 1),
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
    print(json.dumps(results, indent=2))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2))
    return 0 if not stats.errors else 1


if __name__ == "__main__":
    raise SystemExit(main())
