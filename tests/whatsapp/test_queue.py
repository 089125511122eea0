"""WhatsApp on the distributed queue, with real processes: `genesis serve` records
the signed webhook POSTs and sends each number's job to Redis, `genesis worker`
coaches and sends through the fake Graph API; the PDF link is served by the API
process, fetched over HTTP as the Graph API would."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from bench.fake_graph import ACCESS_TOKEN, PHONE_NUMBER_ID, FakeGraph

from tests.answers import FULL_RUN_FR
from tests.conftest import RedisServer
from tests.remote import api, env
from tests.servers import WorkerProcess, running, wait_until
from tests.whatsapp import payloads

pytestmark = pytest.mark.postgres

WA = "221771234567"


def post(base: str, body: dict[str, Any]) -> None:
    raw, headers = payloads.signed(body)
    r = httpx.post(f"{base}/whatsapp/webhook", content=raw, headers=headers, timeout=10)
    assert r.status_code == 200, r.text
    assert json.loads(r.text)["received"] == 1


def test_a_full_whatsapp_run_on_the_queue(
    pg_url: str, private_redis: RedisServer, fake_graph: FakeGraph, tmp_path: Path
) -> None:
    channel = {
        "GENESIS_JOBS": "taskiq",
        "GENESIS_WHATSAPP_PHONE_NUMBER_ID": PHONE_NUMBER_ID,
        "GENESIS_WHATSAPP_ACCESS_TOKEN": ACCESS_TOKEN,
        "GENESIS_WHATSAPP_APP_SECRET": payloads.APP_SECRET,
        "GENESIS_WHATSAPP_VERIFY_TOKEN": payloads.VERIFY_TOKEN,
        "GENESIS_WHATSAPP_API_URL": fake_graph.api_url,
    }
    server = api(pg_url, private_redis.url, tmp_path, **channel)
    server.env["GENESIS_WHATSAPP_PUBLIC_URL"] = server.url
    worker_env = env(pg_url, private_redis.url, **channel, GENESIS_WHATSAPP_PUBLIC_URL=server.url)
    worker = WorkerProcess(worker_env, tmp_path)
    with running(server, worker):
        post(server.url, payloads.text(WA, "Bonjour"))
        wait_until(
            lambda: len(fake_graph.to(WA)) == 2, timeout=30, what=f"the welcome ({worker.log})"
        )
        post(server.url, payloads.button(WA, "consent:yes", "Oui"))
        for step in ["vision", "mission", "clientele", "differentiation", "offre", "finances"]:
            post(server.url, payloads.text(WA, FULL_RUN_FR[step]))
        post(server.url, payloads.button(WA, "confirm", "Je confirme"))
        wait_until(
            lambda: any(m["type"] == "document" for m in fake_graph.to(WA)),
            timeout=60,
            what=f"the brief's PDF ({worker.log})",
        )
        document = next(m for m in fake_graph.to(WA) if m["type"] == "document")["document"]
        r = httpx.get(document["link"], timeout=30)
        assert r.status_code == 200
        assert r.content.startswith(b"%PDF")
        texts = [
            m
            for m in fake_graph.to(WA)
            if "Je prépare votre dossier" in json.dumps(m, ensure_ascii=False)
        ]
        assert len(texts) == 1
