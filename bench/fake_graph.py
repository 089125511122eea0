"""A local fake of the WhatsApp Graph API for tests, over real HTTP on 127.0.0.1.

``POST /{version}/{phone_number_id}/messages`` is recorded in ``sent`` (with the
bearer token it came with) and answered as the Graph API does. ``failures``
is a queue of refusals to answer instead, in order: "window_closed" (400, code
131047), "rate_limited" (429, code 130429), "server_error" (500), "bad_number"
(400, code 131026). Each failed request is recorded in ``refused``.
"""

from __future__ import annotations

import itertools
import threading
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bench.servers import InThreadServer

VERSION = "v21.0"
PHONE_NUMBER_ID = "105550001"
ACCESS_TOKEN = "test-access-token"  # noqa: S105 - the fake server's own token

_FAILURES: dict[str, tuple[int, dict[str, Any], dict[str, str]]] = {
    "window_closed": (
        400,
        {
            "message": "(#131047) Re-engagement message",
            "type": "OAuthException",
            "code": 131047,
            "error_data": {
                "messaging_product": "whatsapp",
                "details": "Message failed to send because more than 24 hours have passed "
                "since the customer last replied to this number.",
            },
        },
        {},
    ),
    "rate_limited": (
        429,
        {"message": "(#130429) Rate limit hit", "type": "OAuthException", "code": 130429},
        {"Retry-After": "0"},
    ),
    "server_error": (
        500,
        {"message": "An unknown error has occurred.", "type": "OAuthException", "code": 1},
        {},
    ),
    "bad_number": (
        400,
        {"message": "(#131026) Message Undeliverable", "type": "OAuthException", "code": 131026},
        {},
    ),
}


class FakeGraph(InThreadServer):
    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []
        self.refused: list[tuple[str, dict[str, Any]]] = []
        self.tokens: list[str] = []
        self.failures: list[str] = []
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        super().__init__(
            Starlette(
                routes=[Route("/{version}/{phone}/messages", self._messages, methods=["POST"])]
            )
        )

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/{VERSION}"

    def to(self, wa_id: str) -> list[dict[str, Any]]:
        """The messages sent to ``wa_id``, in order."""
        return [m for m in self.sent if m.get("to") == wa_id]

    async def _messages(self, request: Request) -> Response:
        if request.path_params["phone"] != PHONE_NUMBER_ID:
            return JSONResponse({"error": {"message": "Unknown phone number", "code": 100}}, 400)
        body = await request.json()
        self.tokens.append(request.headers.get("authorization", ""))
        with self._lock:
            failure = self.failures.pop(0) if self.failures else None
        if failure is not None:
            status, error, headers = _FAILURES[failure]
            self.refused.append((failure, body))
            return JSONResponse({"error": {**error, "fbtrace_id": "AbCdEf"}}, status, headers)
        self.sent.append(body)
        return JSONResponse(
            {
                "messaging_product": "whatsapp",
                "contacts": [{"input": body.get("to"), "wa_id": body.get("to")}],
                "messages": [{"id": f"wamid.fake{next(self._ids):06d}"}],
            }
        )
