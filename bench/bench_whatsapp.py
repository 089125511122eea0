"""WhatsApp benchmark: the webhook under 50 concurrent senders, and the messages a
full coaching run costs.

Starts a local fake of the Graph API (in this process, on 127.0.0.1) and
`genesis serve` (one worker, PostgreSQL + Redis, in-process jobs, the offline
coach) with the WhatsApp channel pointed at it. Then:

1. Full runs, paced: N senders (one phone number each) each go through a whole
   coaching run by WhatsApp, as a person would (first message, consent, six
   answers, confirm the synthesis), pausing ~``--think`` s between messages.
   Reports the webhook POST latency and, once every brief has arrived as a PDF
   document, the outbound messages per coaching step (target: at most 12).
2. Closed loop: the same N senders post messages back to back for ``--seconds``
   (each from a new number: a welcome and a consent question to send each time).
   Reports the webhook POST latency under that load (target: p99 < 50 ms).

The requests per second of ``/healthz`` on the same server, measured first, say
how much of the machine the run had. The CPU time of the server, of the worker
(``--jobs taskiq``) and of the database's PostgreSQL backends during each phase,
divided by the POSTs of that phase, is the figure that holds when the machine is
shared (with ``--jobs taskiq`` the server's share is the webhook's alone).
``--profile FILE`` runs py-spy on the server during the closed loop.

    .venv/bin/python bench/bench_whatsapp.py --senders 50 --seconds 20

Nothing leaves 127.0.0.1; every loop is bounded in time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))
from http_client import Connection  # noqa: E402
from load import Meter, percentile, profile, trivial_load  # noqa: E402

from answers import RUNS  # noqa: E402
from bench.fake_graph import ACCESS_TOKEN, PHONE_NUMBER_ID, FakeGraph  # noqa: E402
from genesis.whatsapp.webhook import SIGNATURE_HEADER, signature  # noqa: E402
from servers import (  # noqa: E402
    DEFAULT_PG,
    DEFAULT_REDIS,
    create_database,
    drop_database,
    free_port,
    peak_rss_mb,
    pg_dsn,
    wait_ready,
)

APP_SECRET = "bench-app-secret"  # noqa: S105 - the benchmark's own
# A coaching run's steps: six answers and the synthesis.
STEPS_PER_RUN = 7


class Sender:
    def __init__(self, port: int) -> None:
        self.conn = Connection("127.0.0.1", port)
        self.latencies: list[float] = []
        self.errors = 0
        self._n = 0

    async def post(self, wa_id: str, message: dict[str, Any]) -> None:
        self._n += 1
        body = webhook_body(wa_id, f"wamid.bench.{wa_id}.{self._n}", message)
        # The client sends json.dumps(body): the signature is over those bytes.
        raw = json.dumps(body).encode()
        headers = {SIGNATURE_HEADER: signature(APP_SECRET, raw)}
        started = time.perf_counter()
        response = await self.conn.request("POST", "/whatsapp/webhook", body, headers)
        self.latencies.append(time.perf_counter() - started)
        if not response.ok:
            self.errors += 1


def webhook_body(wa_id: str, message_id: str, message: dict[str, Any]) -> dict[str, Any]:
    """A webhook POST's body as WhatsApp sends it, with one message from ``wa_id``."""
    return {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "bench",
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {
                                "display_phone_number": "15550000000",
                                "phone_number_id": PHONE_NUMBER_ID,
                            },
                            "contacts": [{"profile": {"name": "Bench"}, "wa_id": wa_id}],
                            "messages": [
                                {
                                    "from": wa_id,
                                    "id": message_id,
                                    "timestamp": str(int(time.time())),
                                    **message,
                                }
                            ],
                        },
                    }
                ],
            }
        ],
    }


def text(body: str) -> dict[str, Any]:
    return {"type": "text", "text": {"body": body}}


def tap(reply_id: str, title: str) -> dict[str, Any]:
    return {
        "type": "interactive",
        "interactive": {"type": "button_reply", "button_reply": {"id": reply_id, "title": title}},
    }


async def full_run(sender: Sender, index: int, think: float) -> str:
    wa_id = f"22177{index:07d}"
    language, answers = RUNS[index % len(RUNS)]
    pacing = random.Random(index)
    greeting = "Bonjour" if language == "fr" else "Hello, I want to start a business"
    script = [text(greeting), tap("consent:yes", "Oui")]
    script += [text(a) for step, a in answers.items() if step != "synthesis"]
    script.append(tap("confirm", "Je confirme"))
    await asyncio.sleep(pacing.uniform(0, think))
    for message in script:
        await sender.post(wa_id, message)
        await asyncio.sleep(pacing.uniform(0.5 * think, 1.5 * think))
    return wa_id


async def closed_loop(sender: Sender, index: int, deadline: float) -> None:
    n = 0
    while time.monotonic() < deadline:
        n += 1
        await sender.post(f"23480{index:03d}{n:05d}", text("Hello, I want to start a business"))


def summary(latencies: list[float]) -> dict[str, float]:
    return {
        "count": len(latencies),
        "p50_ms": round(percentile(latencies, 50) * 1000, 2),
        "p95_ms": round(percentile(latencies, 95) * 1000, 2),
        "p99_ms": round(percentile(latencies, 99) * 1000, 2),
        "mean_ms": round(statistics.fmean(latencies) * 1000, 2),
    }


def cpu_per_post(used: dict[str, float], posts: int) -> dict[str, float]:
    """CPU milliseconds per webhook POST of each part: the server ("api"), the worker,
    the PostgreSQL backends and this process (the senders and the fake Graph API)."""
    return {
        part: round(seconds / max(posts, 1) * 1000, 2)
        for part, seconds in used.items()
        if part != "redis"
    }


async def measure(
    port: int, graph: FakeGraph, args: argparse.Namespace, pids: tuple[int, int]
) -> dict[str, Any]:
    server, worker = pids
    database = args.db_url.rsplit("/", 1)[1]
    # (server, worker, no Redis: the shared redis-server's CPU is everyone's)
    meter_args = (pg_dsn(args.postgres), database, [server], worker, 0)
    # The same server's /healthz first: what this machine gives at the time of the run
    # (other work on it shows here as well as in the webhook figures).
    trivial, _ = await trivial_load([port], args.senders, 5)
    senders = [Sender(port) for _ in range(args.senders)]
    meter = Meter(*meter_args)
    meter.start()
    numbers = await asyncio.gather(*(full_run(s, i, args.think) for i, s in enumerate(senders)))
    paced = [x for s in senders for x in s.latencies]
    errors = sum(s.errors for s in senders)
    for s in senders:  # idle while the briefs are made: the server closes idle connections
        await s.conn.close()
    deadline = time.monotonic() + args.wait
    while time.monotonic() < deadline:
        done = [n for n in numbers if any(m["type"] == "document" for m in graph.to(n))]
        if len(done) == len(numbers):
            break
        await asyncio.sleep(0.5)
    per_run = [len(graph.to(n)) for n in numbers]
    briefs = sum(1 for n in numbers if any(m["type"] == "document" for m in graph.to(n)))
    paced_cpu = cpu_per_post(await meter.stop(), len(paced))  # the briefs' work included
    for s in senders:
        s.latencies.clear()
    meter = Meter(*meter_args)
    meter.start()
    profiler = profile(server, args) if args.profile else None
    loop_deadline = time.monotonic() + args.seconds
    await asyncio.gather(*(closed_loop(s, i, loop_deadline) for i, s in enumerate(senders)))
    closed = [x for s in senders for x in s.latencies]
    closed_cpu = cpu_per_post(await meter.stop(), len(closed))
    if profiler is not None:
        await asyncio.to_thread(profiler.wait, 60)
    errors += sum(s.errors for s in senders)
    for s in senders:
        await s.conn.close()
    return {
        "trivial_rps": round(trivial / 5, 1),
        "webhook_paced": summary(paced),
        "webhook_closed_loop": summary(closed),
        "webhook_closed_loop_rps": round(len(closed) / args.seconds, 1),
        # CPU ms per POST until every brief arrived, and during the closed loop (whose
        # messages may still be handled after it: in process, at shutdown).
        "cpu_ms_per_post_paced": paced_cpu,
        "cpu_ms_per_post_closed_loop": closed_cpu,
        "errors": errors,
        "runs": len(numbers),
        "briefs_delivered": briefs,
        "messages_per_run_mean": round(statistics.fmean(per_run), 2),
        "messages_per_step_mean": round(statistics.fmean(per_run) / STEPS_PER_RUN, 2),
        "messages_per_run_max": max(per_run),
        "refused_by_fake": len(graph.refused),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--senders", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0, help="closed-loop duration")
    parser.add_argument("--think", type=float, default=1.0, help="mean pause in a full run")
    parser.add_argument("--wait", type=float, default=180.0, help="max wait for the briefs")
    parser.add_argument(
        "--postgres", default=os.environ.get("GENESIS_BENCH_POSTGRES_URL", DEFAULT_PG)
    )
    parser.add_argument("--redis", default=os.environ.get("GENESIS_BENCH_REDIS_URL", DEFAULT_REDIS))
    parser.add_argument(
        "--jobs",
        choices=["inprocess", "taskiq"],
        default="inprocess",
        help="inprocess: the server handles the messages too; taskiq: a `genesis worker` does",
    )
    parser.add_argument("--log", type=Path, help="the server's and the worker's output")
    parser.add_argument(
        "--worker-nice",
        type=int,
        default=0,
        help="with --jobs taskiq: the worker's niceness (its CPU yields to the webhook's)",
    )
    parser.add_argument(
        "--profile", type=Path, help="py-spy (raw stacks) of the server during the closed loop"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON line at the end")
    args = parser.parse_args()

    graph = FakeGraph()
    graph.start()
    db_url = args.db_url = asyncio.run(create_database(args.postgres))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "GENESIS_DATABASE_URL": db_url,
        "GENESIS_REDIS_URL": args.redis,
        "GENESIS_SECRET_KEY": "bench-" + "s" * 40,
        "GENESIS_LOG_LEVEL": "WARNING",
        "GENESIS_WHATSAPP_PHONE_NUMBER_ID": PHONE_NUMBER_ID,
        "GENESIS_WHATSAPP_ACCESS_TOKEN": ACCESS_TOKEN,
        "GENESIS_WHATSAPP_APP_SECRET": APP_SECRET,
        "GENESIS_WHATSAPP_VERIFY_TOKEN": "bench-verify-token",
        "GENESIS_WHATSAPP_API_URL": graph.api_url,
        "GENESIS_WHATSAPP_PUBLIC_URL": base,
        "GENESIS_JOBS": args.jobs,
    }
    genesis = str(Path(sys.executable).parent / "genesis")
    subprocess.run([genesis, "db", "upgrade"], env=env, check=True, capture_output=True)
    log = args.log.open("ab") if args.log else subprocess.DEVNULL
    server = subprocess.Popen(
        [genesis, "serve", "--host", "127.0.0.1", "--port", str(port), "--no-migrate"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    worker = (
        subprocess.Popen(
            [
                *(["nice", "-n", str(args.worker_nice)] if args.worker_nice else []),
                genesis,
                "worker",
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its taskiq children stop with it
        )
        if args.jobs == "taskiq"
        else None
    )
    try:
        wait_ready(base, server)
        pids = (server.pid, worker.pid if worker is not None else 0)
        results = asyncio.run(measure(port, graph, args, pids))
        results["server_peak_rss_mb"] = round(peak_rss_mb(server.pid), 1)
    finally:
        server.terminate()
        try:  # in-process jobs left from the closed loop are drained for up to 30 s
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        if worker is not None:
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait(timeout=30)
        graph.stop()
        asyncio.run(drop_database(args.postgres, db_url))
    results = {
        "machine": {
            "platform": platform.platform(),
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
        },
        "senders": args.senders,
        "jobs": args.jobs,
        "worker_nice": args.worker_nice,
        "think_seconds": args.think,
        "closed_loop_seconds": args.seconds,
        **results,
    }
    print(json.dumps(results) if args.json else json.dumps(results, indent=2))
    if results["errors"]:  # reported, not fatal: run_all.py still prints its table
        print(f"{results['errors']} webhook POSTs were not answered 2xx", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
