"""The SearxNG search client over real HTTP, against a local fake instance."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from bench.servers import InThreadServer
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from genesis.search import SearxSearch


class FakeSearx(InThreadServer):
    def __init__(self) -> None:
        self.status = 200
        self.results: list[dict[str, Any]] = []
        self.queries: list[dict[str, str]] = []
        super().__init__(Starlette(routes=[Route("/search", self._search)]))

    async def _search(self, request: Request) -> JSONResponse:
        self.queries.append(dict(request.query_params))
        return JSONResponse({"results": self.results}, status_code=self.status)


@pytest.fixture
def searx() -> Iterator[FakeSearx]:
    server = FakeSearx()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
async def search(searx: FakeSearx) -> AsyncIterator[SearxSearch]:
    client = SearxSearch(f"http://127.0.0.1:{searx.port}", timeout_s=2)
    yield client
    await client.aclose()


async def test_hits_are_parsed_and_bounded(search: SearxSearch, searx: FakeSearx) -> None:
    searx.results = [
        {
            "title": "Marché de la restauration à Dakar",
            "url": "https://example.org/a",
            "content": "x",
        },
        {"title": "no scheme", "url": "javascript:alert(1)", "content": "dropped"},
        *({"title": f"r{i}", "url": f"https://example.org/{i}", "content": ""} for i in range(9)),
    ]
    hits = await search.search("restaurant Dakar", language="fr", limit=3)
    assert [h.url for h in hits] == ["https://example.org/a", "https://example.org/0"]
    assert searx.queries == [{"q": "restaurant Dakar", "format": "json", "language": "fr"}]


async def test_an_http_error_raises(search: SearxSearch, searx: FakeSearx) -> None:
    searx.status = 503
    with pytest.raises(httpx.HTTPStatusError):
        await search.search("anything", language="en")
