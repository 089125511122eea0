"""The WhatsApp tests' fixtures: the fake Graph API over real HTTP, and the app
configured to use it (the webhook is posted in process, signed as WhatsApp does)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from bench.fake_graph import ACCESS_TOKEN, PHONE_NUMBER_ID, FakeGraph
from fastapi import FastAPI
from sqlalchemy import func, select

from genesis.config import Settings
from genesis.core.coach.types import Coach
from genesis.jobs import InProcessJobs
from genesis.runtime import Runtime
from genesis.store.whatsapp import WhatsAppInbound, WhatsAppOutbox
from tests.conftest import asgi_client, running_app
from tests.whatsapp import payloads

PUBLIC_URL = "https://coach.example.org"


@pytest.fixture
def fake_graph() -> Iterator[FakeGraph]:
    server = FakeGraph()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def whatsapp_settings(settings: Settings, graph: FakeGraph, **extra: Any) -> Settings:
    return settings.model_copy(
        update={
            "whatsapp_phone_number_id": PHONE_NUMBER_ID,
            "whatsapp_access_token": ACCESS_TOKEN,
            "whatsapp_app_secret": payloads.APP_SECRET,
            "whatsapp_verify_token": payloads.VERIFY_TOKEN,
            "whatsapp_api_url": graph.api_url,
            "whatsapp_public_url": PUBLIC_URL,
            "whatsapp_template_name": "invite_back",
            "whatsapp_template_language": "fr",
            "whatsapp_retry_seconds": 0.01,
            **extra,
        }
    )


@dataclass
class Channel:
    """The app with WhatsApp on, its client, and the fake Graph API it sends to."""

    app: FastAPI
    client: httpx.AsyncClient
    graph: FakeGraph

    @property
    def rt(self) -> Runtime:
        runtime: Runtime = self.app.state.runtime
        return runtime

    async def post(self, body: dict[str, Any], *, wait: bool = True) -> httpx.Response:
        raw, headers = payloads.signed(body)
        response = await self.client.post("/whatsapp/webhook", content=raw, headers=headers)
        if wait:
            await self.drain()
        return response

    async def drain(self) -> None:
        jobs = self.app.state.jobs
        assert isinstance(jobs, InProcessJobs)
        await jobs.drain()

    async def say(self, wa_id: str, text: str) -> list[dict[str, Any]]:
        """Send ``text`` from ``wa_id``; the messages that came back."""
        return await self.exchange(wa_id, payloads.text(wa_id, text))

    async def tap(self, wa_id: str, reply_id: str, title: str = "x") -> list[dict[str, Any]]:
        return await self.exchange(wa_id, payloads.button(wa_id, reply_id, title))

    async def pick(self, wa_id: str, reply_id: str, title: str = "x") -> list[dict[str, Any]]:
        return await self.exchange(wa_id, payloads.list_reply(wa_id, reply_id, title))

    async def exchange(self, wa_id: str, body: dict[str, Any]) -> list[dict[str, Any]]:
        before = len(self.graph.to(wa_id))
        response = await self.post(body)
        assert response.status_code == 200, response.text
        return self.graph.to(wa_id)[before:]

    async def count_inbound(self) -> int:
        return await self._count(WhatsAppInbound)

    async def outbox(self, status: str) -> list[WhatsAppOutbox]:
        async with self.rt.reading() as db:
            stmt = select(WhatsAppOutbox).where(WhatsAppOutbox.status == status)
            return list((await db.execute(stmt.order_by(WhatsAppOutbox.id))).scalars())

    async def _count(self, table: type[WhatsAppInbound] | type[WhatsAppOutbox]) -> int:
        async with self.rt.reading() as db:
            return int((await db.execute(select(func.count()).select_from(table))).scalar_one())


@pytest.fixture
async def channel(
    settings: Settings, coach: Coach, fake_graph: FakeGraph
) -> AsyncIterator[Channel]:
    app_settings = whatsapp_settings(settings, fake_graph)
    async with running_app(app_settings, coach) as app, asgi_client(app) as client:
        yield Channel(app, client, fake_graph)


def bodies(messages: list[dict[str, Any]]) -> str:
    """Every text a person reads in ``messages``, joined (for assertions)."""
    parts = []
    for m in messages:
        if m["type"] == "text":
            parts.append(m["text"]["body"])
        elif m["type"] == "interactive":
            parts.append(m["interactive"]["body"]["text"])
        elif m["type"] == "document":
            parts.append(m["document"].get("caption", ""))
    return "\n".join(parts)


def button_ids(messages: list[dict[str, Any]]) -> list[str]:
    return [
        b["reply"]["id"]
        for m in messages
        if m["type"] == "interactive" and m["interactive"]["type"] == "button"
        for b in m["interactive"]["action"]["buttons"]
    ]


def row_ids(messages: list[dict[str, Any]]) -> list[str]:
    return [
        r["id"]
        for m in messages
        if m["type"] == "interactive" and m["interactive"]["type"] == "list"
        for s in m["interactive"]["action"]["sections"]
        for r in s["rows"]
    ]
