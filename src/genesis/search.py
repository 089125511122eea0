"""Web search for the market-research agent, through a SearxNG instance's JSON API.

SearxNG is a self-hostable meta search engine; point GENESIS_SEARCH_URL at one.
Failures raise, and the research agent falls back to its offline data pack.
"""

from __future__ import annotations

import httpx

from genesis.core.ports import SearchHit


class SearxSearch:
    def __init__(
        self,
        base_url: str,
        *,
        timeout_s: float = 10.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._client = httpx.AsyncClient(
            base_url=base_url.rstrip("/") + "/", timeout=timeout_s, transport=transport
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def search(self, query: str, *, language: str, limit: int = 5) -> list[SearchHit]:
        response = await self._client.get(
            "search", params={"q": query, "format": "json", "language": language}
        )
        response.raise_for_status()
        hits = []
        for item in response.json().get("results", [])[:limit]:
            url = str(item.get("url", ""))
            if url.startswith(("http://", "https://")):
                hits.append(
                    SearchHit(
                        title=str(item.get("title", ""))[:200],
                        url=url,
                        snippet=str(item.get("content", ""))[:500],
                    )
                )
        return hits
