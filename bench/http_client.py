"""A small keep-alive HTTP/1.1 client for the load generator.

httpx costs more CPU per request than our server does on a trivial endpoint, so
on a 2-core machine it would measure itself. This client does only what the
benchmark needs (JSON bodies, Content-Length responses) and little else.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from typing import Any

# uvicorn closes a keep-alive connection idle for 5 s: one idle for longer than this
# is replaced before it is used, so that a request never meets a closing socket.
IDLE_SECONDS = 4.0


class Response:
    __slots__ = ("body", "status")

    def __init__(self, status: int, body: bytes) -> None:
        self.status = status
        self.body = body

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def json(self) -> Any:
        return json.loads(self.body)


class Connection:
    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._used = 0.0
        self.retries = 0

    async def _connect(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        if self._writer is not None and time.monotonic() - self._used > IDLE_SECONDS:
            await self.close()
        if self._reader is None or self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        return self._reader, self._writer

    async def request(
        self,
        method: str,
        path: str,
        payload: Any = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        """One request. A reused connection that the server closed before answering
        is replaced and the request sent once more (counted in ``retries``): the
        server's double-submit guard keeps a resent answer from being recorded twice."""
        reused = self._writer is not None
        try:
            return await self._request(method, path, payload, headers)
        except (asyncio.IncompleteReadError, ConnectionError) as exc:
            await self.close()
            if not reused or getattr(exc, "partial", b""):
                raise
            self.retries += 1
            return await self._request(method, path, payload, headers)

    async def _request(
        self, method: str, path: str, payload: Any, headers: dict[str, str] | None
    ) -> Response:
        reader, writer = await self._connect()
        body = b"" if payload is None else json.dumps(payload).encode()
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        if payload is not None:
            lines.append("Content-Type: application/json")
        lines.append(f"Content-Length: {len(body)}")
        lines.extend(f"{k}: {v}" for k, v in (headers or {}).items())
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        head = await reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length = 0
        close = False
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            lowered = name.strip().lower()
            if lowered == b"content-length":
                length = int(value)
            elif lowered == b"connection" and value.strip().lower() == b"close":
                close = True
        data = await reader.readexactly(length) if length else b""
        self._used = time.monotonic()
        if close:
            await self.close()
        return Response(status, data)

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            with contextlib.suppress(OSError):
                await self._writer.wait_closed()
        self._reader = self._writer = None
