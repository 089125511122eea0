"""How an agent uses an optional provider (LLM, web search) without depending on it.

Every agent computes its offline result first, so a provider can only improve
it: when the provider is missing the offline result is the answer ("ok"); when
it fails, times out or answers something unusable, the offline result stands
in and the agent says so ("fallback" and the reason). A provider never turns a
good offline result into a failure.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from genesis.core.agents.facts import Facts
from genesis.core.agents.types import AgentResult
from genesis.core.ports import LLMError, LLMPort

log = logging.getLogger(__name__)

Improve = Callable[[dict[str, Any]], Awaitable[dict[str, Any]]]


LLMStep = Callable[[dict[str, Any], Facts, LLMPort, float], Awaitable[dict[str, Any]]]


class UnusableReplyError(Exception):
    """The provider answered, but not with something the agent can use."""


async def improved(
    offline: dict[str, Any], improve: Improve | None, *, what: str, timeout_s: float
) -> AgentResult:
    """The offline data, improved by ``improve`` when there is one and it works."""
    if improve is None:
        return AgentResult(status="ok", data=offline)
    try:
        async with asyncio.timeout(timeout_s):
            data = await improve(offline)
    except Exception as exc:  # any provider failure: the offline path stands in
        reason = describe(exc, timeout_s)
        log.warning("%s failed, using the offline result: %s", what, reason)
        return AgentResult(
            status="fallback", data=offline, error=f"{what} failed ({reason}); offline result used."
        )
    return AgentResult(status="ok", data=data)


def with_llm(llm: LLMPort | None, step: LLMStep, facts: Facts, timeout_s: float) -> Improve | None:
    """``step`` bound to this run's facts and LLM, or None when no LLM is configured."""
    if llm is None:
        return None
    model = llm

    async def improve(data: dict[str, Any]) -> dict[str, Any]:
        return await step(data, facts, model, timeout_s)

    return improve


def describe(exc: BaseException, timeout_s: float | None = None) -> str:
    """A short, human-readable reason for a failure."""
    if isinstance(exc, TimeoutError):
        return f"no answer within {timeout_s:g} s" if timeout_s else "timed out"
    if isinstance(exc, LLMError | UnusableReplyError):
        return str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def clean_str(value: Any, *, max_len: int) -> str:
    """A provider's string, trimmed; raises when it is empty or not a string."""
    if not isinstance(value, str) or not value.strip():
        raise UnusableReplyError("empty or missing text in the reply")
    return " ".join(value.split())[:max_len]
