"""An OpenAI-compatible chat-completions client: OpenAI, Mistral, DeepSeek,
Ollama, vLLM and llama.cpp servers all speak this API.

Replies are JSON objects checked against a schema; any failure (timeout,
transport, HTTP status, bad JSON, schema) raises :class:`LLMError` so that the
caller falls back to the offline path.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Mapping, Sequence
from typing import Any

import httpx

from genesis.core.ports import LLMError
from genesis.core.schema_check import schema_errors

log = logging.getLogger(__name__)
_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$", re.IGNORECASE)
RETRY_STATUSES = frozenset({408, 409, 425, 429, 500, 502, 503, 504})


class OpenAICompatibleLLM:
    def __init__(
        self,
        base_url: str,
        model: str,
        *,
        api_key: str = "",
        timeout_s: float = 20.0,
        max_retries: int = 1,
        temperature: float = 0.2,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.model = model
        self._timeout = timeout_s
        self._retries = max_retries
        self._temperature = temperature
        self._client = httpx.AsyncClient(
            base_url=base_url.rstrip("/") + "/",
            headers=headers,
            timeout=httpx.Timeout(timeout_s),
            transport=transport,
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def chat_json(
        self,
        messages: Sequence[Mapping[str, str]],
        *,
        schema: Mapping[str, Any],
        timeout_s: float | None = None,
    ) -> dict[str, Any]:
        payload = {
            "model": self.model,
            "messages": [dict(m) for m in messages],
            "temperature": self._temperature,
            "response_format": {"type": "json_object"},
        }
        content = await self._complete(payload, timeout_s or self._timeout)
        try:
            value = json.loads(_FENCE.sub("", content.strip()))
        except ValueError:
            raise LLMError("The LLM reply is not valid JSON.") from None
        if not isinstance(value, dict):
            raise LLMError("The LLM reply is not a JSON object.")
        problems = schema_errors(value, schema)
        if problems:
            raise LLMError("The LLM reply does not match the schema: " + "; ".join(problems[:5]))
        return value

    async def _complete(self, payload: dict[str, Any], timeout_s: float) -> str:
        attempt = 0
        while True:
            try:
                async with asyncio.timeout(timeout_s):
                    response = await self._client.post("chat/completions", json=payload)
                if response.status_code in RETRY_STATUSES and attempt < self._retries:
                    raise _Retryable(f"HTTP {response.status_code}")
                if response.status_code != 200:
                    raise LLMError(f"The LLM server answered HTTP {response.status_code}.")
                return _content(response)
            except (TimeoutError, httpx.TimeoutException):
                if attempt >= self._retries:
                    raise LLMError(f"The LLM did not answer within {timeout_s:g} s.") from None
            except httpx.TransportError as exc:
                if attempt >= self._retries:
                    raise LLMError(
                        f"The LLM server is unreachable ({type(exc).__name__})."
                    ) from None
            except _Retryable:
                pass
            attempt += 1
            await asyncio.sleep(0.2 * attempt)


class _Retryable(Exception):
    pass


def _content(response: httpx.Response) -> str:
    try:
        body = response.json()
        content = body["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError):
        raise LLMError("The LLM server's answer is not a chat completion.") from None
    if not isinstance(content, str):
        raise LLMError("The LLM server's answer has no text content.")
    return content
