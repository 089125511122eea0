"""The financial plan: the sixth agent, offline and exact, from the finances step.

The coached "finances" step leaves the plan's assumptions on the session
(``AgentInput.finances``: :class:`genesis.core.finance.model.Assumptions` as
JSON, changed later with PUT /finances). This agent only computes: the
startup budget and its financing, loan schedules, the 12-month cash flow, the
3-year income statement, depreciation, working capital, balance sheets and
indicators (:func:`genesis.core.finance.plan.build_plan`), in decimal
arithmetic, every assumption listed with where it comes from. No LLM writes a
figure. A session without a finances step (started before it existed) has no
plan: the runner does not run this agent for it.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from genesis.core.agents.types import AgentInput, AgentResult
from genesis.core.finance.model import Assumptions
from genesis.core.finance.plan import build_plan
from genesis.core.ports import LLMPort, SearchPort


async def run(
    inp: AgentInput,
    *,
    llm: LLMPort | None,
    search: SearchPort | None,
    provider_timeout_s: float,
) -> AgentResult:
    return plan_result(inp.finances)


def plan_result(finances: dict[str, Any] | None) -> AgentResult:
    """The plan of ``finances`` (the assumptions as JSON), as the agent's result."""
    if not finances:
        return AgentResult(status="failed", error="The finances step has not been answered.")
    try:
        assumptions = Assumptions.model_validate(finances)
    except ValidationError as exc:
        return AgentResult(
            status="failed",
            error=f"The financial assumptions are not valid ({exc.error_count()} errors).",
        )
    plan = build_plan(assumptions)
    # The inputs as given (not rounded to the currency), for the spreadsheet.
    data = {**plan.model_dump(mode="json"), "inputs": assumptions.model_dump(mode="json")}
    return AgentResult(status="ok", data=data)
