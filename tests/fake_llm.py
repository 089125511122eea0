"""A local OpenAI-compatible server for tests, over real HTTP on 127.0.0.1.

The test sets ``FakeLLM.replies`` (a queue of behaviours) and reads
``FakeLLM.requests``. Behaviours: a dict (answered as JSON content), a string
(raw content), ("status", 500), ("sleep", seconds, content).
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from bench.servers import InThreadServer
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route


class FakeLLM(InThreadServer):
    def __init__(self) -> None:
        self.replies: list[Any] = []
        self.default: Any = {"ok": True}
        self.requests: list[dict[str, Any]] = []
        self.received = threading.Event()  # set on the first request (the server's thread)
        super().__init__(
            Starlette(routes=[Route("/v1/chat/completions", self._chat, methods=["POST"])])
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    async def _chat(self, request: Request) -> Response:
        self.requests.append(await request.json())
        self.received.set()
        behaviour = self.replies.pop(0) if self.replies else self.default
        if isinstance(behaviour, tuple) and behaviour[0] == "status":
            return JSONResponse({"error": {"message": "boom"}}, status_code=behaviour[1])
        if isinstance(behaviour, tuple) and behaviour[0] == "sleep":
            await asyncio.sleep(behaviour[1])
            behaviour = behaviour[2]
        content = behaviour if isinstance(behaviour, str) else json.dumps(behaviour)
        return JSONResponse(
            {
                "id": "chatcmpl-test",
                "object": "chat.completion",
                "choices": [{"index": 0, "message": {"role": "assistant", "content": content}}],
            }
        )


@pytest.fixture
def fake_llm() -> Iterator[FakeLLM]:
    server = FakeLLM()
    server.start()
    try:
        yield server
    finally:
        server.stop()
