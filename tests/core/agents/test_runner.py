"""The runner: concurrency, isolation of failures, timeouts, callbacks."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from genesis.core.agents.runner import AGENTS, run_agents
from genesis.core.agents.types import AGENT_NAMES, AgentInput, AgentResult
from genesis.core.ports import LLMError
from tests.briefs import FakeLLM, FakeSearch, senegal_restaurant


async def test_offline_run_gives_an_ok_result_per_agent_with_durations() -> None:
    # One agent takes 0.3 s longer than it would: its duration says so, the others' do not.
    async def slow_seo(inp: AgentInput, **kwargs: Any) -> AgentResult:
        await asyncio.sleep(0.3)
        return await AGENTS["seo_optimization"](inp, **kwargs)

    table = {**AGENTS, "seo_optimization": slow_seo}
    results = await run_agents(
        senegal_restaurant(), AGENT_NAMES, llm=None, search=None, timeout_s=5, agents=table
    )
    assert list(results) == list(AGENT_NAMES)
    for result in results.values():
        assert result.status == "ok"
        assert result.error is None
    assert 300 <= results["seo_optimization"].duration_ms < 2000
    others = [r.duration_ms for name, r in results.items() if name != "seo_optimization"]
    assert max(others) < 300, others  # offline agents take milliseconds, not the slow one's time


async def test_slow_providers_run_concurrently() -> None:
    # Every agent waits 0.5 s on its provider: run one after another that is 2.5 s.
    llm = FakeLLM(delay=0.5)
    search = FakeSearch(delay=0.5)
    started = time.perf_counter()
    results = await run_agents(
        senegal_restaurant(), AGENT_NAMES, llm=llm, search=search, timeout_s=5
    )
    elapsed = time.perf_counter() - started
    assert len(llm.calls) == 4  # content, logo, seo, template ask the LLM
    assert len(search.queries) == 1  # research searches
    assert elapsed < 1.5, f"agents ran one after another ({elapsed:.2f} s)"
    # Every agent that asks a provider waited for it; the plan asks none.
    waited = [r for name, r in results.items() if name != "financial_plan"]
    assert all(r.duration_ms >= 450 for r in waited)


async def test_llm_error_gives_fallback_with_offline_data() -> None:
    llm = FakeLLM(error=LLMError("HTTP 500 from the provider"))
    results = await run_agents(senegal_restaurant(), AGENT_NAMES, llm=llm, search=None, timeout_s=5)
    content = results["content_generation"]
    assert content.status == "fallback"
    assert content.error is not None
    assert "HTTP 500" in content.error
    assert content.data["hero_title"]  # the offline copy stood in
    assert results["market_research"].status == "ok"  # research does not use the LLM


async def test_slow_llm_falls_back_before_the_agent_times_out() -> None:
    llm = FakeLLM(delay=5)
    results = await run_agents(
        senegal_restaurant(), ["content_generation"], llm=llm, search=None, timeout_s=0.5
    )
    result = results["content_generation"]
    assert result.status == "fallback"
    assert result.error is not None
    assert "no answer within" in result.error


async def test_search_failure_gives_fallback() -> None:
    search = FakeSearch(error=ConnectionError("searx is down"))
    results = await run_agents(
        senegal_restaurant(), ["market_research"], llm=None, search=search, timeout_s=5
    )
    result = results["market_research"]
    assert result.status == "fallback"
    assert result.error is not None
    assert "searx is down" in result.error
    assert result.data["figures"]


async def _boom(inp: AgentInput, **_: Any) -> AgentResult:
    raise RuntimeError("kaboom")


async def _sleepy(inp: AgentInput, **_: Any) -> AgentResult:
    await asyncio.sleep(10)
    return AgentResult(status="ok")


async def test_one_agent_raising_does_not_cancel_the_others() -> None:
    agents = {**AGENTS, "logo_creation": _boom}
    results = await run_agents(
        senegal_restaurant(), AGENT_NAMES, llm=None, search=None, timeout_s=5, agents=agents
    )
    assert results["logo_creation"].status == "failed"
    assert results["logo_creation"].error == "The agent failed: RuntimeError: kaboom."
    others = [r.status for n, r in results.items() if n != "logo_creation"]
    assert others == ["ok"] * (len(AGENT_NAMES) - 1)


async def test_timeout_gives_failed_and_others_finish() -> None:
    agents = {**AGENTS, "seo_optimization": _sleepy}
    started = time.perf_counter()
    results = await run_agents(
        senegal_restaurant(), AGENT_NAMES, llm=None, search=None, timeout_s=0.3, agents=agents
    )
    assert time.perf_counter() - started < 2
    assert results["seo_optimization"].status == "failed"
    assert "longer than 0.3 s" in (results["seo_optimization"].error or "")
    assert results["template_selection"].status == "ok"


async def test_unknown_agent_name_is_failed() -> None:
    results = await run_agents(senegal_restaurant(), ["nope"], llm=None, search=None, timeout_s=1)
    assert results["nope"].status == "failed"


async def test_on_result_is_awaited_once_per_agent_and_its_failure_is_contained() -> None:
    seen: list[tuple[str, str]] = []

    async def on_result(name: str, result: AgentResult) -> None:
        seen.append((name, result.status))
        if name == "content_generation":
            raise RuntimeError("database down")

    results = await run_agents(
        senegal_restaurant(),
        AGENT_NAMES,
        llm=None,
        search=None,
        timeout_s=5,
        on_result=on_result,
    )
    assert sorted(n for n, _ in seen) == sorted(AGENT_NAMES)
    assert all(r.status == "ok" for r in results.values())


async def test_on_result_comes_as_each_agent_finishes() -> None:
    order: list[str] = []

    async def slow(inp: AgentInput, **_: Any) -> AgentResult:
        await asyncio.sleep(0.2)
        return AgentResult(status="ok")

    async def on_result(name: str, result: AgentResult) -> None:
        order.append(name)

    agents = {**AGENTS, "market_research": slow}
    await run_agents(
        senegal_restaurant(),
        ["market_research", "seo_optimization"],
        llm=None,
        search=None,
        timeout_s=5,
        on_result=on_result,
        agents=agents,
    )
    assert order == ["seo_optimization", "market_research"]


@pytest.mark.parametrize("name", AGENT_NAMES)
async def test_every_agent_name_has_an_agent(name: str) -> None:
    assert name in AGENTS
