"""Run the sub-agents concurrently, each on its own clock.

Each agent is its own asyncio task with its own timeout, so one slow or broken
agent never holds up or cancels the others: its failure becomes a "failed"
result with a readable reason and the rest carry on. ``on_result`` is awaited
as each agent finishes (the service commits each result there, so a crash
re-runs only the agents that had not finished); a failing callback is logged
and does not disturb the other agents.

Agents receive ``provider_timeout_s``, a share of the agent's own timeout, so a
slow LLM or search gives up early enough for the offline path to stand in
("fallback") before the agent's timeout would turn the result into "failed".
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Protocol

from genesis.core.agents import finance, logo, research, seo, template, website_copy
from genesis.core.agents.provider import describe
from genesis.core.agents.types import AGENT_NAMES, AgentInput, AgentResult
from genesis.core.coach.places import load_places, places_loaded
from genesis.core.ports import LLMPort, SearchPort

log = logging.getLogger(__name__)


class AgentFunction(Protocol):
    """The signature of every agent module's ``run``."""

    def __call__(
        self,
        inp: AgentInput,
        *,
        llm: LLMPort | None,
        search: SearchPort | None,
        provider_timeout_s: float,
    ) -> Awaitable[AgentResult]: ...


OnResult = Callable[[str, AgentResult], Awaitable[None]]

AGENTS: Mapping[str, AgentFunction] = {
    "market_research": research.run,
    "content_generation": website_copy.run,
    "logo_creation": logo.run,
    "seo_optimization": seo.run,
    "template_selection": template.run,
    "financial_plan": finance.run,
}
# The provider gets this share of the agent's time; the rest is for the offline path.
PROVIDER_SHARE = 0.8


async def run_agents(
    inp: AgentInput,
    names: Sequence[str],
    *,
    llm: LLMPort | None,
    search: SearchPort | None,
    timeout_s: float,
    on_result: OnResult | None = None,
    agents: Mapping[str, AgentFunction] | None = None,
) -> dict[str, AgentResult]:
    """Run ``names`` concurrently; every name gets a result, whatever happens.

    ``agents`` replaces the agent table (tests use it to inject failures).
    """
    table = AGENTS if agents is None else agents
    unique = list(dict.fromkeys(names))
    # The agents quote the answers with the places spelt (coach.tidy), which reads
    # the gazetteer: a second of parsing the first time in a process, done in a
    # thread so it neither blocks the event loop nor counts against an agent.
    if not places_loaded():
        await asyncio.to_thread(load_places)

    async def one(name: str) -> tuple[str, AgentResult]:
        result = await _run_one(name, table.get(name), inp, llm, search, timeout_s)
        if on_result is not None:
            try:
                await on_result(name, result)
            except Exception:  # a lost save is recovered by a later run
                log.exception("on_result failed for agent %s", name)
        return name, result

    # gather: one task per agent; if this run is cancelled, so are they.
    finished = await asyncio.gather(*(one(name) for name in unique))
    return dict(finished)


async def _run_one(
    name: str,
    agent: AgentFunction | None,
    inp: AgentInput,
    llm: LLMPort | None,
    search: SearchPort | None,
    timeout_s: float,
) -> AgentResult:
    started = time.perf_counter()
    if agent is None:
        known = ", ".join(AGENT_NAMES)
        return AgentResult(status="failed", error=f"Unknown agent '{name}' (known: {known}).")
    try:
        async with asyncio.timeout(timeout_s):
            result = await agent(
                inp, llm=llm, search=search, provider_timeout_s=timeout_s * PROVIDER_SHARE
            )
    except TimeoutError:
        result = AgentResult(status="failed", error=f"The agent took longer than {timeout_s:g} s.")
    except Exception as exc:  # one agent's bug must not take the others down
        log.exception("agent %s failed", name)
        result = AgentResult(status="failed", error=f"The agent failed: {describe(exc)}.")
    elapsed = round((time.perf_counter() - started) * 1000)
    return result.model_copy(update={"duration_ms": elapsed})
