"""Live progress streams against a real `genesis serve` on SQLite, with real
clients: a bound per person, and a hundred streams dropped at once leave the
database writable right away."""

from __future__ import annotations

import asyncio
import time
import uuid
from pathlib import Path

import httpx

from genesis import migrate
from tests.servers import ApiServer

USERS = 12
STREAMS = 3  # GENESIS_MAX_STREAMS_PER_USER for this server


async def _person(client: httpx.AsyncClient) -> tuple[dict[str, str], str]:
    email = f"{uuid.uuid4().hex[:10]}@example.com"
    r = await client.post(
        "/api/v1/auth/register", json={"email": email, "password": "a-long-password", "name": "A"}
    )
    assert r.status_code == 201, r.text
    r = await client.post(
        "/api/v1/auth/login", json={"email": email, "password": "a-long-password"}
    )
    auth = {"Authorization": f"Bearer {r.json()['access_token']}"}
    r = await client.post("/api/v1/coaching/start", json={"language": "fr"}, headers=auth)
    return auth, r.json()["session_id"]


async def _open_stream(
    port: int, auth: dict[str, str], sid: str
) -> tuple[int, bytes, asyncio.StreamWriter]:
    """A raw connection asking for the stream: (status, head, the socket to drop)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        f"GET /api/v1/coaching/session/{sid}/progress HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Authorization: {auth['Authorization']}\r\nAccept: text/event-stream\r\n\r\n".encode()
    )
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
    first_chunk = await asyncio.wait_for(reader.read(4096), 10)
    return int(head.split(b" ")[1]), head + first_chunk, writer


async def test_streams_are_bounded_and_dropping_them_keeps_sqlite_writable(
    tmp_path: Path,
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'genesis.db'}"
    await asyncio.to_thread(migrate.upgrade, url)
    server = ApiServer(
        {
            "GENESIS_DATABASE_URL": url,
            "GENESIS_MAX_STREAMS_PER_USER": str(STREAMS),
            "GENESIS_LOG_LEVEL": "WARNING",
        },
        tmp_path,
    )
    await asyncio.to_thread(server.start)
    try:
        async with httpx.AsyncClient(base_url=server.url, timeout=30) as client:
            people = await asyncio.gather(*(_person(client) for _ in range(USERS)))
            opened = await asyncio.gather(
                *(_open_stream(server.port, a, s) for a, s in people for _ in range(STREAMS))
            )
            assert {status for status, _, _ in opened} == {200}
            assert all(b"event: progress" in body for _, body, _ in opened)
            # One more for the first person: refused, and told why.
            auth, sid = people[0]
            status, body, writer = await _open_stream(server.port, auth, sid)
            writer.close()
            assert status == 429, body
            assert b"Retry-After: 5" in body.replace(b"retry-after", b"Retry-After")
            assert f"You already follow {STREAMS} live progress streams".encode() in body

            await asyncio.sleep(1.2)  # every stream polls the database a few times
            for _, _, writer in opened:
                writer.transport.abort()  # the clients vanish at once

            async def answer(auth: dict[str, str], sid: str) -> tuple[int, float]:
                started = time.monotonic()
                r = await client.post(
                    "/api/v1/coaching/step",
                    json={"session_id": sid, "user_response": "Poulet"},
                    headers=auth,
                )
                return r.status_code, time.monotonic() - started

            results = await asyncio.gather(*(answer(a, s) for a, s in people))
            assert [code for code, _ in results] == [200] * USERS
            assert max(seconds for _, seconds in results) < 5
            # The dropped streams gave their slots back.
            reopened = await asyncio.gather(*(_open_stream(server.port, a, s) for a, s in people))
            assert {status for status, _, _ in reopened} == {200}
            for _, _, writer in reopened:
                writer.transport.abort()
    finally:
        await asyncio.to_thread(server.stop)
    log = server.log.read_text()
    for trouble in ("database is locked", "Task was destroyed", "Traceback"):
        assert trouble not in log, log
