"""What the core needs from outside, as Protocols. ``llm.py`` implements LLMPort."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol


class LLMError(Exception):
    """The LLM call failed: timeout, HTTP error, or output that breaks the schema."""


class LLMPort(Protocol):
    async def chat_json(
        self,
        messages: Sequence[Mapping[str, str]],
        *,
        schema: Mapping[str, Any],
        timeout_s: float | None = None,
    ) -> dict[str, Any]:
        """Chat completion whose reply is a JSON object valid against ``schema``.

        Raises :class:`LLMError` on timeout, transport or HTTP error, and when
        the reply is not JSON or does not match the schema.
        """
        ...


@dataclass(frozen=True, slots=True)
class SearchHit:
    title: str
    url: str
    snippet: str


class SearchPort(Protocol):
    async def search(self, query: str, *, language: str, limit: int = 5) -> list[SearchHit]:
        """Web search; raises any exception on failure (callers fall back)."""
        ...
