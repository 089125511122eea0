"""Where one WhatsApp webhook POST's time goes: each part timed alone, one at a time.

In this process, against a throwaway PostgreSQL database and a private
redis-server (no worker: nothing handles the messages, so nothing else runs):
the signature check, the JSON parse, the payload's reading, the record (the
INSERT and its durable commit), the job's enqueue on the taskiq stream, and
the whole POST through the app (ASGI, no HTTP socket: the server's framework
included, the network not). Each span is run ``--posts`` times and reported as
wall p50 / p99 and CPU per call (process time). The commit's wait for the disk
is shown by the same record with ``synchronous_commit`` off (a comparison only:
the webhook never does that).

Then the job that handles those messages (``--runs`` full coaching runs by
WhatsApp, as bench_whatsapp.py sends them: greeting, consent, the answers, the
confirmation), each message recorded by ``receive()`` and handled by
``process_number()`` one at a time, replies sent to a local fake Graph API:
the CPU of the job per message (this thread's time: the fake Graph API's
thread is not counted; the sub-agents are not run).

    .venv/bin/python bench/webhook_spans.py --posts 500 --runs 20

Nothing leaves 127.0.0.1; the database and redis-server are removed at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import uvloop

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))
from bench_whatsapp import tap, text, webhook_body  # noqa: E402

from bench.fake_graph import ACCESS_TOKEN, PHONE_NUMBER_ID  # noqa: E402
from genesis.whatsapp.webhook import SIGNATURE_HEADER, signature  # noqa: E402
from servers import (  # noqa: E402
    DEFAULT_PG,
    create_database,
    drop_database,
    migrate,
    server_env,
    start_redis,
    stop,
)

APP_SECRET = "spans-app-secret"  # noqa: S105 - the benchmark's own


def body(n: int) -> bytes:
    wa_id = f"22177{n % 50:07d}"
    message = text("Hello, I want to start a business")
    return json.dumps(webhook_body(wa_id, f"wamid.spans.{time.time_ns()}.{n}", message)).encode()


async def timed(
    name: str, posts: int, make: Callable[[int], Awaitable[Any]], out: dict[str, Any]
) -> None:
    walls, cpus = [], []
    for n in range(posts):
        cpu, wall = time.process_time(), time.perf_counter()
        await make(n)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    walls.sort()
    out[name] = {
        "wall_p50_ms": round(statistics.median(walls) * 1000, 3),
        "wall_p99_ms": round(walls[int(len(walls) * 0.99) - 1] * 1000, 3),
        "cpu_ms": round(statistics.fmean(cpus) * 1000, 3),
    }
    print(f"{name:32} {json.dumps(out[name])}", flush=True)


async def asgi_post(app: Any, raw: bytes) -> int:
    headers = [
        (b"host", b"127.0.0.1"),
        (b"content-type", b"application/json"),
        (b"content-length", str(len(raw)).encode()),
        (SIGNATURE_HEADER.lower().encode(), signature(APP_SECRET, raw).encode()),
    ]
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/whatsapp/webhook",
        "raw_path": b"/whatsapp/webhook",
        "query_string": b"",
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 8000),
    }
    sent = False
    status = 0

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            await asyncio.sleep(3600)
        sent = True
        return {"type": "http.request", "body": raw, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await app(scope, receive, send)
    return status


async def measure(args: argparse.Namespace, db_url: str, redis_url: str) -> dict[str, Any]:
    from genesis.config import Settings
    from genesis.runtime import build_runtime
    from genesis.service import whatsapp
    from genesis.store import whatsapp as store
    from genesis.web.app import create_app
    from genesis.whatsapp.webhook import parse, valid_signature
    from genesis.worker import TaskiqJobs

    settings = Settings(
        database_url=db_url,
        redis_url=redis_url,
        jobs="taskiq",
        secret_key="spans-" + "s" * 40,
        log_level="WARNING",
        whatsapp_phone_number_id=PHONE_NUMBER_ID,
        whatsapp_access_token=ACCESS_TOKEN,
        whatsapp_app_secret=APP_SECRET,
        whatsapp_verify_token="spans-verify-token",  # noqa: S106
        whatsapp_api_url="http://127.0.0.1:9/v21.0",
        whatsapp_public_url="http://127.0.0.1:8000",
    )
    out: dict[str, Any] = {}
    posts = args.posts
    raws = [body(n) for n in range(posts * 8)]
    header = signature(APP_SECRET, raws[0])
    await timed(
        "signature", posts, lambda n: _done(valid_signature(APP_SECRET, raws[0], header)), out
    )
    await timed("json.loads", posts, lambda n: _done(json.loads(raws[n])), out)
    await timed("parse", posts, lambda n: _done(parse(json.loads(raws[n])) and None), out)

    rt = build_runtime(settings)
    jobs = TaskiqJobs(settings)
    rt.enqueue_whatsapp = jobs.enqueue_whatsapp
    try:
        await timed("record (durable commit)", posts, lambda n: _record(rt, raws[n]), out)

        async def relaxed(n: int) -> None:
            async with rt.engine.connect() as conn:
                driver = (await conn.get_raw_connection()).driver_connection
                assert driver is not None
                rows = _rows(raws[posts + n])
                columns = [[row[name] for row in rows] for name in store.INBOUND_COLUMNS]
                async with driver.transaction():
                    await driver.execute("SET LOCAL synchronous_commit TO OFF")
                    await driver.fetch(store.RECORD_INBOUND_SQL, *columns)

        await timed("record, synchronous_commit off", posts, relaxed, out)
        await timed(
            "enqueue (taskiq kiq)", posts, lambda n: jobs.enqueue_whatsapp("221770000000"), out
        )
        await timed(
            "receive() (service, all of it)",
            posts,
            lambda n: whatsapp.receive(
                rt, raws[2 * posts + n], signature(APP_SECRET, raws[2 * posts + n])
            ),
            out,
        )
    finally:
        await jobs.aclose()
        await rt.aclose()

    await job_cpu(settings, args.runs, out)

    app = create_app(settings)
    async with app.router.lifespan_context(app):
        await timed(
            "POST through the app (ASGI)", posts, lambda n: asgi_post(app, raws[3 * posts + n]), out
        )
    return out


async def job_cpu(settings: Any, runs: int, out: dict[str, Any]) -> None:
    """CPU (this thread) and wall of process_number() per message of full coaching runs."""
    from answers import RUNS
    from bench.fake_graph import FakeGraph
    from genesis.runtime import build_runtime
    from genesis.service import whatsapp

    graph = FakeGraph()
    graph.start()
    rt = build_runtime(settings.model_copy(update={"whatsapp_api_url": graph.api_url}))
    walls, cpus = [], []
    try:
        for index in range(runs + 1):  # the first warms up (the coach's data, imports)
            wa_id = f"22178{index:07d}"
            language, answers = RUNS[index % len(RUNS)]
            greeting = "Bonjour" if language == "fr" else "Hello, I want to start a business"
            script = [text(greeting), tap("consent:yes", "Oui")]
            script += [text(a) for step, a in answers.items() if step != "synthesis"]
            script.append(tap("confirm", "Je confirme"))
            for n, content in enumerate(script):
                raw = json.dumps(webhook_body(wa_id, f"wamid.job.{index}.{n}", content)).encode()
                await whatsapp.receive(rt, raw, signature(APP_SECRET, raw))
                cpu, wall = time.thread_time(), time.perf_counter()
                await whatsapp.process_number(rt, wa_id)
                if index:
                    walls.append(time.perf_counter() - wall)
                    cpus.append(time.thread_time() - cpu)
    finally:
        await rt.aclose()
        graph.stop()
    walls.sort()
    out["job, per message"] = {
        "messages": len(cpus),
        "sent": len(graph.sent) * runs // (runs + 1),
        "wall_p50_ms": round(statistics.median(walls) * 1000, 3),
        "cpu_ms": round(statistics.fmean(cpus) * 1000, 3),
    }
    print(f"{'job, per message':32} {json.dumps(out['job, per message'])}", flush=True)


async def _done(_: object) -> None:
    return None


def _rows(raw: bytes) -> list[dict[str, Any]]:
    from genesis.store.models import utcnow
    from genesis.whatsapp.webhook import parse

    return [
        {
            "message_id": m.message_id,
            "wa_id": m.wa_id,
            "kind": m.kind,
            "text": m.text,
            "reply_id": m.reply_id,
            "profile_name": m.profile_name,
            "sent_at": m.sent_at,
            "received_at": utcnow(),
        }
        for d in parse(json.loads(raw))
        for m in d.messages
    ]


async def _record(rt: Any, raw: bytes) -> None:
    from genesis.store import whatsapp as store

    await store.record_inbound(rt.engine, _rows(raw))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=500)
    parser.add_argument("--runs", type=int, default=20, help="full runs for the job's CPU")
    parser.add_argument(
        "--postgres", default=os.environ.get("GENESIS_BENCH_POSTGRES_URL", DEFAULT_PG)
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        redis, redis_url = start_redis(Path(workdir))
        db_url = asyncio.run(create_database(args.postgres, "genesis_spans"))
        try:
            migrate(server_env(db_url, redis_url))
            # uvloop, as `genesis serve` runs (uvicorn picks it when installed)
            asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
            out = asyncio.run(measure(args, db_url, redis_url))
            asyncio.set_event_loop_policy(None)
        finally:
            asyncio.run(drop_database(args.postgres, db_url))
            stop(redis)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
