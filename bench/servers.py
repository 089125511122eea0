"""What the benchmarks (and the tests, which import them) share: a throwaway
PostgreSQL database, `genesis serve` processes on loopback, a Starlette app
served in a thread (the fake LLM and Graph APIs), and reading a process's CPU
and memory from /proc."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import asyncpg
import httpx
import uvicorn
from sqlalchemy.engine import make_url
from starlette.applications import Starlette

DEFAULT_PG = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
DEFAULT_REDIS = "redis://127.0.0.1:6379/14"
GENESIS = str(Path(sys.executable).parent / "genesis")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def pg_dsn(url: str) -> str:
    """The asyncpg DSN of a SQLAlchemy URL."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def create_database(url: str, prefix: str = "genesis_bench") -> str:
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    conn = await asyncpg.connect(pg_dsn(url))
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return make_url(url).set(database=name).render_as_string(hide_password=False)


async def drop_database(admin_url: str, url: str) -> None:
    conn = await asyncpg.connect(pg_dsn(admin_url))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')
    finally:
        await conn.close()


def server_env(db_url: str, redis_url: str, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "GENESIS_DATABASE_URL": db_url,
        "GENESIS_REDIS_URL": redis_url,
        "GENESIS_SECRET_KEY": "bench-" + "s" * 40,
        "GENESIS_LOG_LEVEL": "WARNING",
        # The bench users share one client address: don't throttle their logins
        # or sign-ups.
        "GENESIS_LOGIN_MAX_FAILURES": "1000000",
        "GENESIS_REGISTRATIONS_PER_HOUR": "1000000",
        **extra,
    }


def migrate(env: dict[str, str]) -> None:
    subprocess.run([GENESIS, "db", "upgrade"], env=env, check=True, capture_output=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(env: dict[str, str], port: int, workers: int = 1) -> subprocess.Popen[bytes]:
    """`genesis serve` on 127.0.0.1:port, ready to answer; stop it with stop()."""
    command = [GENESIS, "serve", "--host", "127.0.0.1", "--port", str(port), "--no-migrate"]
    proc = subprocess.Popen(
        [*command, "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_ready(f"http://127.0.0.1:{port}", proc)
    except BaseException:
        stop(proc)
        raise
    return proc


def start_worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    """`genesis worker` (the taskiq job worker) in its own process group."""
    return subprocess.Popen(
        [GENESIS, "worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def start_redis(workdir: Path) -> tuple[subprocess.Popen[bytes], str]:
    """A private redis-server without persistence (its CPU is one run's alone)."""
    exe = shutil.which("redis-server")
    if exe is None:
        raise SystemExit("redis-server is not installed")
    port = free_port()
    options = ["--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"]
    proc = subprocess.Popen(
        [exe, *options, "--dir", str(workdir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(200):
        with (
            contextlib.suppress(OSError),
            socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock,
        ):
            sock.sendall(b"PING\r\n")
            if sock.recv(16).startswith(b"+PONG"):
                return proc, f"redis://127.0.0.1:{port}/0"
        time.sleep(0.05)
    stop(proc)
    raise SystemExit("redis-server did not start")


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def wait_ready(base: str, proc: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        if proc.poll() is not None:
            raise RuntimeError("the server exited at start")
        try:
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError("the server did not start")


def children(pid: int) -> list[int]:
    """The process and all its descendants (uvicorn --workers forks them)."""
    found = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids = (task / "children").read_text().split()
        except OSError:
            continue
        for kid in kids:
            found.extend(children(int(kid)))
    return found


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process, from /proc/<pid>/stat (0 once it is gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def peak_rss_mb(pid: int) -> float:
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return float("nan")
    for line in lines:
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def pids_named(name: str) -> list[int]:
    """Processes whose command name is ``name`` (PostgreSQL backends, redis-server):
    read to measure their CPU, never to signal them."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/comm"):
        try:
            if stat.read_text().strip() == name:
                found.append(int(stat.parent.name))
        except OSError:
            continue
    return found


class InThreadServer:
    """A Starlette app served by uvicorn in a thread of this process, on 127.0.0.1."""

    def __init__(self, app: Starlette) -> None:
        self.port = free_port()
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="error")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def start(self) -> None:
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline:
                raise TimeoutError("the local test server did not start")
            time.sleep(0.01)

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
